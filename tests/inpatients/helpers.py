"""What the inpatient tests share: a full admission's answers, as a user would give them."""

from __future__ import annotations

import datetime as dt

ADMITTED_ON = dt.date(2027, 2, 1)


def admission_answers(**changes) -> dict:
    answers = {
        "admitted_on": ADMITTED_ON,
        "hospital": "Fenwick House",
        "provider": "Northdale Partnership NHS Foundation Trust",
        "provider_ods_code": "rx4",
        "ward": "Willow ward",
        "setting": "non_secure",
        "route": "civil",
        "out_of_area": True,
        "mha_status": "s3",
        "mha_other": "",
        "mha_since": None,
        "liberty_safeguards": "none",
        "responsible_clinician": "Dr Priya Shah",
        "reason": "Placement broke down.",
        "expected_outcome": "A stable medication plan.",
        "review_before": "neither",
        "expected_discharge_on": dt.date(2027, 6, 1),
        "delayed_discharge": False,
        "delay_barriers": [],
        "delay_notes": "",
    }
    answers.update(changes)
    return answers


def posted(answers: dict) -> dict:
    """The same answers as the form posts them: dates as day, month and year, yes/no as words."""
    data = {}
    for name, value in answers.items():
        if isinstance(value, dt.date):
            data.update({f"{name}_day": value.day, f"{name}_month": value.month, f"{name}_year": value.year})
        elif value is None:
            data.update({f"{name}_day": "", f"{name}_month": "", f"{name}_year": ""})
        elif isinstance(value, bool):
            data[name] = "yes" if value else "no"
        else:
            data[name] = value
    return data
