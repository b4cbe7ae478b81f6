"""Recording a local area emergency protocol (LAEP) meeting (s14.1, Appendix 8), and correcting it.

The meeting is the clock's `laep_held` (source "laep:<id>"): written when it is recorded, and written again when
its date is corrected. It is never a C(E)TR: the review due after an admission stays due.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from opendsr.accounts import audit
from opendsr.policy import EventType
from opendsr.policy.emergency_protocol import (
    QUESTION_KEYS,
    Outcome,
    Participant,
    departs_from_preference_order,
    needs_out_of_area_approval,
    preference_problems,
)
from opendsr.register.models import Person, TimelineEvent
from opendsr.register.timeline import record_event, void_events
from opendsr.reviews.models import Laep, LaepOption, LaepOutcome
from opendsr.reviews.services.common import _not_in_future
from opendsr.web.formatting import nhs_date

TEXT_FIELDS = (
    "called_by",
    "chair",
    "attendees",
    "how_person_was_heard",
    "options_notes",
    "why_not_home",
    "out_of_area_approved_by",
    "out_of_area_reason",
    "outcome_details",
    "updated_plan",
    "lead_professional",
    "gaps_reported",
)
DATE_FIELDS = ("held_on", "out_of_area_approved_on", "out_of_area_until")
CHOICE_FIELDS = ("preference_1", "preference_2", "preference_3", "outcome")


def _clean(person: Person, values: dict) -> dict:
    """The values to save, or a ValidationError naming every problem at once by field."""
    clean = {name: (values.get(name) or "").strip() for name in TEXT_FIELDS}
    clean.update({name: values.get(name) for name in DATE_FIELDS})
    clean.update({name: values.get(name) or "" for name in CHOICE_FIELDS})
    clean["attended"] = [p for p in Participant if p in (values.get("attended") or ())]
    clean["options_considered"] = [
        o for o in LaepOption.values if o in (values.get("options_considered") or ())
    ]
    clean["answers"] = {
        key: text.strip()
        for key in QUESTION_KEYS
        if (text := (values.get("answers") or {}).get(key) or "").strip()
    }
    problems: dict[str, str] = {}

    def need(field: str, message: str) -> None:
        if not clean[field] and field not in problems:
            problems[field] = message

    need("held_on", "Enter the date of the meeting")
    need("called_by", "Enter who called the meeting")
    need("chair", "Enter who chaired the meeting")
    if Participant.PERSON not in clean["attended"]:
        need(
            "how_person_was_heard",
            f"Say how {person.given_name}'s views were heard, as they did not take part",
        )
    if not clean["answers"]:
        problems["answers"] = "Record the answer to at least one of the questions that focus the discussion"
    if not clean["options_considered"]:
        problems["options_considered"] = "Choose the options the meeting considered"
    preferences = [clean["preference_1"], clean["preference_2"], clean["preference_3"]]
    for place, option in enumerate(preferences, start=1):
        if option and option not in LaepOption.values:
            problems[f"preference_{place}"] = "Choose one of the options"
    if clean["options_considered"]:
        for field, message in preference_problems(clean["options_considered"], preferences).items():
            problems.setdefault(field, message)
    if departs_from_preference_order(preferences):
        need("why_not_home", "Say why support at home cannot work now, as it is not the first preference")
    if needs_out_of_area_approval(preferences):
        need("out_of_area_approved_by", "Enter the commissioner who approved the out-of-area placement")
        need("out_of_area_approved_on", "Enter the date the out-of-area placement was approved")
        need("out_of_area_reason", "Say why the out-of-area placement is justified")
        need("out_of_area_until", "Enter the date the out-of-area placement is approved until")
    if clean["outcome"] not in LaepOutcome.values:
        problems["outcome"] = "Choose what the outcome was"
    elif clean["outcome"] == Outcome.OTHER:
        need("outcome_details", "Say what the outcome was")
    need("updated_plan", "Record the updated care plan and risk assessment")
    need("lead_professional", "Enter the lead professional or keyworker who follows up the plan")
    for field, subject in (
        ("held_on", "The date of the meeting"),
        ("out_of_area_approved_on", "The date it was approved"),
    ):
        if field not in problems and clean[field] is not None:
            try:
                _not_in_future(clean[field], field, subject, person=person if field == "held_on" else None)
            except ValidationError as error:
                problems.update({k: v[0] for k, v in error.message_dict.items()})
    held, until = clean["held_on"], clean["out_of_area_until"]
    if (
        isinstance(held, dt.date)
        and isinstance(until, dt.date)
        and until < held
        and "out_of_area_until" not in problems
    ):
        problems["out_of_area_until"] = "The date it is approved until must be after the meeting"
    if problems:
        raise ValidationError(problems)
    if not needs_out_of_area_approval(preferences):
        clean.update(out_of_area_approved_by="", out_of_area_approved_on=None, out_of_area_reason="")
        clean["out_of_area_until"] = None
    return clean


def _keep_on_timeline(laep: Laep, by) -> None:
    source = f"laep:{laep.pk}"
    current = TimelineEvent.objects.filter(person=laep.person, source=source, voided_at__isnull=True).first()
    if current is not None and current.date == laep.held_on:
        return
    if current is not None:
        void_events(
            person=laep.person, source=source, reason="The date of the meeting changed", refresh=False
        )
    record_event(person=laep.person, type=EventType.LAEP_HELD, date=laep.held_on, by=by, source=source)


def _audit(by, action: str, laep: Laep, summary: str, request=None) -> None:
    audit.record(
        by, action, person=laep.person, summary=summary[:300], detail={"laep": laep.pk}, request=request
    )


@transaction.atomic
def record_laep(*, person: Person, by, request=None, **values) -> Laep:
    """A LAEP meeting held (Appendix 8): who called and attended it, the questions, the options and the
    preference list, any out-of-area approval, the outcome, the updated plan and the lead professional."""
    laep = Laep.objects.create(person=person, recorded_by=by, **_clean(person, values))
    _keep_on_timeline(laep, by)
    _audit(by, "laep.recorded", laep, f"Recorded a LAEP meeting held on {nhs_date(laep.held_on)}", request)
    return laep


@transaction.atomic
def update_laep(*, laep: Laep, by, request=None, **values) -> Laep:
    for name, value in _clean(laep.person, values).items():
        setattr(laep, name, value)
    laep.save()
    _keep_on_timeline(laep, by)
    _audit(by, "laep.changed", laep, f"Changed the LAEP meeting held on {nhs_date(laep.held_on)}", request)
    return laep
