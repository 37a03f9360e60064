"""/healthz: the database, the cache and the migrations, for the load balancer."""

import pytest
from django.db import connection

from backpain import health

pytestmark = pytest.mark.django_db


def test_a_healthy_server_answers_200_with_each_check(client):
    response = client.get("/healthz", headers={"Accept": "application/json"})

    assert response.status_code == 200
    assert set(response.json().values()) == {"OK"}
    assert any("MigrationsApplied" in name for name in response.json())
    assert "no-cache" in response["Cache-Control"]


def test_an_unapplied_migration_fails_the_check(monkeypatch):
    monkeypatch.setattr(health, "_migrated", set())
    monkeypatch.setattr(
        "django.db.migrations.executor.MigrationExecutor.migration_plan",
        lambda self, targets: [("a migration", False)],
    )

    with pytest.raises(health.ServiceUnavailable, match="1 migration"):
        health.MigrationsApplied().run()


def test_a_database_that_cannot_be_read_fails_the_check(monkeypatch):
    monkeypatch.setattr(health, "_migrated", set())

    def down(*args):
        from django.db import OperationalError

        raise OperationalError("down")

    with connection.execute_wrapper(down), pytest.raises(health.ServiceUnavailable):
        health.MigrationsApplied().run()
