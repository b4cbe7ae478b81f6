"""`opendsr obligations SCENARIO.json`: JSON on stdout and exit 0, or one line on stderr and exit 2."""

import json

import pytest

from opendsr.policy.cli import main

ADMITTED_ADULT = {
    "today": "2026-06-01",
    "person": {"date_of_birth": "1985-01-01"},
    "events": [
        {"date": "2026-01-05", "type": "admitted", "setting": "secure", "route": "civil"},
        {"date": "2026-01-30", "type": "cetr_held", "kind": "post_admission"},
    ],
    "expect": [],
}


@pytest.fixture
def write(tmp_path):
    def write(content, name="scenario.json"):
        path = tmp_path / name
        path.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
        return str(path)

    return write


def run(argv, capsys):
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_prints_obligations_overdue_first_then_due_then_met(write, capsys):
    code, out, err = run(["obligations", write(ADMITTED_ADULT)], capsys)
    assert code == 0 and err == ""
    obligations = json.loads(out)["obligations"]
    assert [(o["kind"], o["due"], o["status"]) for o in obligations] == [
        ("cetr_report", "2026-02-13", "overdue"),
        ("oversight_visit", "2026-03-02", "overdue"),
        ("repeat_cetr", "2027-01-30", "due"),
        ("post_admission_cetr", "2026-02-02", "met"),
    ]
    met = next(o for o in obligations if o["status"] == "met")
    assert met["met_on"] == "2026-01-30"
    assert set(met) == {"kind", "due", "status", "met_on", "basis"}


def test_obligations_with_no_due_date_come_last_among_the_open_and_carry_reasons(write, capsys):
    scenario = {
        "today": "2027-03-01",
        "person": {"date_of_birth": "1990-01-01"},
        "events": [
            {"date": "2027-01-10", "type": "cetr_declined"},
            {"date": "2027-02-10", "type": "cetr_declined"},
            {"date": "2027-02-11", "type": "referral_received", "source": "self"},
            {"date": "2027-02-12", "type": "stratified", "rating": "amber"},
        ],
    }
    code, out, _ = run(["obligations", write(scenario)], capsys)
    obligations = [o for o in json.loads(out)["obligations"] if o["status"] != "met"]
    assert [o["kind"] for o in obligations] == [
        "communicate_outcome",
        "acknowledge_referral",
        "referral_process_complete",
        "oversight_panel_review",
        "mdt_or_cetr",
    ]
    panel = obligations[-2]
    assert panel["reasons"] == ["Declined a C(E)TR twice or more (s2.4.3)"]
    assert panel["due"] == "2027-05-10"
    assert obligations[-1]["due"] is None


def test_an_unknown_event_type_exits_2_with_one_line_naming_it(write, capsys):
    path = write(
        {
            "today": "2027-01-01",
            "person": {"date_of_birth": "2000-01-01"},
            "events": [{"date": "2026-12-01", "type": "teleported"}],
        }
    )
    code, out, err = run(["obligations", path], capsys)
    assert code == 2 and out == ""
    assert err == f"opendsr obligations: {path}: events[0]: unknown event type 'teleported'\n"


def test_bad_json_exits_2(write, capsys):
    code, out, err = run(["obligations", write("{not json")], capsys)
    assert code == 2 and out == ""
    assert "not valid JSON" in err and err.count("\n") == 1


def test_a_missing_file_exits_2(tmp_path, capsys):
    code, out, err = run(["obligations", str(tmp_path / "nowhere.json")], capsys)
    assert code == 2 and out == ""
    assert "cannot read the file" in err and err.count("\n") == 1


def test_a_file_that_is_not_text_exits_2(tmp_path, capsys):
    path = tmp_path / "binary.json"
    path.write_bytes(b"\xff\xfe\x00")
    code, out, err = run(["obligations", str(path)], capsys)
    assert code == 2 and out == "" and err.count("\n") == 1


def test_a_missing_field_exits_2(write, capsys):
    code, out, err = run(["obligations", write({"today": "2027-01-01", "person": {}, "events": []})], capsys)
    assert code == 2 and out == ""
    assert err.endswith("person.date_of_birth: missing\n")


@pytest.mark.parametrize(
    "argv", [[], ["obligations"], ["obligations", "a.json", "b.json"], ["other", "a.json"]]
)
def test_wrong_arguments_print_usage_and_exit_2(argv, capsys):
    code, out, err = run(argv, capsys)
    assert code == 2 and out == ""
    assert err.startswith("usage: opendsr obligations")
