"""Adding one person from a row, with what the old register knew as imported timeline events
(docs/adr/0009), and taking them off again."""

from __future__ import annotations

from opendsr.accounts import audit
from opendsr.imports.models import ImportedPerson, RegisterImport
from opendsr.imports.rules import RowResult
from opendsr.policy import dates
from opendsr.register import obligations
from opendsr.register.models import (
    ConsentKind,
    ConsentRecord,
    ConsentScope,
    ExitReason,
    Person,
    RatingDecision,
    RegisterExit,
    RegisterStatus,
)
from opendsr.register.timeline import record_event, void_events
from opendsr.web.today import today as get_today

IMPORTED = {"imported": True}


def rating_date(values: dict):
    """The date an imported rating counts from (docs/adr/0009): its own date, else the date the person was
    added to the register, else their last C(E)TR (at which it is taken as confirmed), else the day of the
    import."""
    return (
        values.get("rating_date") or values.get("date_added") or values.get("last_cetr_date") or get_today()
    )


def _add_person(register_import: RegisterImport, row: RowResult, by) -> ImportedPerson:
    """One person, with what the old register knew as timeline events marked as imported (docs/adr/0009)."""
    v = row.values
    source = register_import.source
    from_where = f"Imported from {register_import.file_name}, row {row.number}"
    rating = v.get("rating", "")
    rated_on = rating_date(v)
    rationale = from_where
    if not (v.get("rating_date") or v.get("date_added")) and v.get("last_cetr_date"):
        rationale += f" (undated: taken as confirmed at the C(E)TR on {dates.long_date(rated_on)})"
    person = Person(
        icb=register_import.icb,
        team_id=v.get("team"),
        status=RegisterStatus.ACTIVE,
        nhs_number=v["nhs_number"],
        given_name=v["given_name"],
        family_name=v["family_name"],
        date_of_birth=v["date_of_birth"],
        diagnosis=v["diagnosis"],
        postcode=v.get("postcode", ""),
        lead_professional=v.get("lead_professional", ""),
        location=v.get("location", "community"),
        keyworker_name=v.get("keyworker", ""),
        known_to_keyworker=bool(v.get("keyworker")),
        current_rating=rating,
        rating_decided_on=rated_on if rating else None,
    )
    person.full_clean(exclude=["nhs_number"])
    person.save()
    decision = consent = None
    if rating:
        decision = RatingDecision.objects.create(
            person=person, rating=rating, decided_on=rated_on, decided_by=by, rationale=rationale
        )
        if rating != "blue":  # blue follows from an admission, which the spreadsheet does not date
            record_event(
                person=person,
                type="stratified",
                date=rated_on,
                by=by,
                data={"rating": rating, **IMPORTED},
                source=source,
                notes=from_where,
                refresh=False,
            )
            record_event(
                person=person,
                type="outcome_communicated",
                date=rated_on,
                by=by,
                data=IMPORTED,
                source=source,
                notes="Told before OpenDSR: " + from_where,
                refresh=False,
            )
    if v.get("consent_date"):
        consent = ConsentRecord.objects.create(
            person=person,
            kind=ConsentKind.GIVEN,
            scopes=[ConsentScope.INCLUSION],
            date=v["consent_date"],
            notes=from_where + " (who gave consent was not recorded)",
            recorded_by=by,
        )
        record_event(
            person=person,
            type="consent_given",
            date=v["consent_date"],
            by=by,
            data=IMPORTED,
            source=source,
            notes=from_where,
            refresh=False,
        )
    if v.get("last_cetr_date"):
        kind = "inpatient" if rating == "blue" else "community"
        record_event(
            person=person,
            type="cetr_held",
            date=v["last_cetr_date"],
            by=by,
            data={"kind": kind, **IMPORTED},
            source=source,
            notes=from_where,
            refresh=False,
        )
        record_event(
            person=person,
            type="cetr_report_sent",
            date=v["last_cetr_date"],
            by=by,
            data=IMPORTED,
            source=source,
            notes="Sent before OpenDSR: " + from_where,
            refresh=False,
        )
    obligations.refresh_for(person)
    audit.record(
        by,
        "person.imported",
        person=person,
        summary=from_where,
        detail={"import": register_import.pk, "row": row.number},
    )
    return ImportedPerson.objects.create(
        register_import=register_import,
        person=person,
        row=row.number,
        rating_decision_id=getattr(decision, "pk", None),
        consent_id=getattr(consent, "pk", None),
    )


def _take_off(register_import: RegisterImport, added: ImportedPerson, *, by, reason: str) -> None:
    """Soft: the person leaves the register with the reason, the import's events are voided, their history
    stays. The NHS number is let go (it stays in the history), so importing the person again can add them."""
    person = Person.objects.select_for_update().get(pk=added.person_id)
    void_events(person=person, source=register_import.source, reason=reason, refresh=False)
    RegisterExit.objects.create(
        person=person, reason=ExitReason.OTHER, left_on=get_today(), notes=reason.capitalize(), recorded_by=by
    )
    person.status = RegisterStatus.LEFT
    person.nhs_number = ""
    person.version += 1
    person.save()
    obligations.refresh_for(person)
    audit.record(
        by,
        "person.import_undone",
        person=person,
        summary=f"Taken off the register: {reason}",
        detail={"import": register_import.pk},
    )
