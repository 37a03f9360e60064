"""/healthz for the load balancer: the database, the cache, and every migration applied.

An app server whose checks fail answers 500, and the load balancer stops sending it runners.
"""

import dataclasses

from django.db import Error, connections
from django.db.migrations.executor import MigrationExecutor
from health_check.base import HealthCheck
from health_check.exceptions import ServiceUnavailable
from health_check.views import HealthCheckView

_migrated = set()


@dataclasses.dataclass
class MigrationsApplied(HealthCheck):
    """Fails while a migration is unapplied: a server must not serve code ahead of its schema.

    Once applied, remembered for the life of the process: a new release restarts the servers.
    """

    alias: str = "default"

    def run(self):
        if self.alias in _migrated:
            return
        connection = connections[self.alias]
        try:
            executor = MigrationExecutor(connection)
            plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
        except Error as exc:
            raise ServiceUnavailable("Cannot read the applied migrations") from exc
        finally:
            # The checks run in a thread pool: leave no connection behind in its threads.
            connection.close()
        if plan:
            raise ServiceUnavailable(f"{len(plan)} migration(s) not applied")
        _migrated.add(self.alias)


healthz = HealthCheckView.as_view(
    checks=[
        "health_check.checks.Database",
        "health_check.checks.Cache",
        MigrationsApplied,
    ]
)
