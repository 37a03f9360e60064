"""The contract on the command line: `manage.py triage PATH`."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from tests.factories import make_answers
from triage.models import Assessment, RulesetVersion


def run(path_or_dash, stdin=None, monkeypatch=None):
    out, err = io.StringIO(), io.StringIO()
    if stdin is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    call_command("triage", path_or_dash, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def request_file(tmp_path):
    def write(payload):
        path = tmp_path / "request.json"
        path.write_text(payload if isinstance(payload, str) else json.dumps(payload))
        return str(path)

    return write


@pytest.mark.django_db
def test_command_prints_the_result_in_the_contract_shape_and_stores_nothing(request_file):
    out, _ = run(request_file({"answers": make_answers(saddle_numbness="yes")}))
    result = json.loads(out)
    assert result["urgency"] == "emergency"
    assert result["causes"][0]["slug"] == "cauda_equina_syndrome"
    assert {"red_flags", "advice", "prevention", "safety_net", "ruleset_version"} <= set(result)
    assert result["ruleset_version"] == RulesetVersion.objects.get().number
    assert not Assessment.objects.exists()


@pytest.mark.django_db
def test_command_reads_standard_input(monkeypatch):
    out, _ = run("-", stdin=json.dumps({"answers": make_answers()}), monkeypatch=monkeypatch)
    assert json.loads(out)["urgency"] == "self_care"


@pytest.mark.django_db
def test_invalid_answers_exit_non_zero_with_one_message_per_field(request_file, capsys):
    answers = make_answers(age=200, fever="maybe")
    del answers["onset"]
    with pytest.raises(CommandError) as caught:
        run(request_file({"answers": answers}))
    assert caught.value.returncode == 2
    assert "3 problems" in str(caught.value)


@pytest.mark.django_db
def test_messages_go_to_standard_error(request_file):
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("triage", request_file({"answers": make_answers(sex="x")}), stderr=err)
    assert err.getvalue().strip() == "sex: Choose one of: female, male, other."


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ("{not json", "request"),
        ("[1, 2]", "request"),
        ('{"answer": {}}', "answers"),
        ('{"answers": [], "extra": 1}', "extra"),
        ('{"answers": "yes"}', "answers"),
    ],
)
def test_malformed_requests_are_refused(request_file, payload, field):
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("triage", request_file(payload), stderr=err)
    assert err.getvalue().startswith(f"{field}: ") or f"\n{field}: " in err.getvalue()


@pytest.mark.django_db
def test_unreadable_path_is_a_clear_error():
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("triage", "/nonexistent/request.json")


@pytest.mark.django_db
def test_without_a_published_ruleset_the_defaults_are_used_and_nothing_is_stored(request_file):
    RulesetVersion.objects.all().delete()
    err = io.StringIO()
    out = io.StringIO()
    call_command(
        "triage", request_file({"answers": make_answers(fever="yes")}), stdout=out, stderr=err
    )
    assert json.loads(out.getvalue())["urgency"] == "urgent"
    assert "No ruleset is published" in err.getvalue()
    assert not RulesetVersion.objects.exists()
