"""The Assuring Transformation-aligned inpatient extract: one row per person in a mental health hospital now,
with the fields the Assuring Transformation collection asks for that OpenDSR holds (001 Appendix 9: inpatients
are reported to NHS England through Assuring Transformation).

People are pseudonymised by default: a stable code made from the person's record with the site's secret, the
same in every extract, so months can be matched without a name. The NHS number, name and date of birth are added
only for a user who may see people's records, and only when they ask.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac

from django.conf import settings

from opendsr.accounts import access
from opendsr.accounts.access import Action
from opendsr.inpatients.models import Admission
from opendsr.policy import Kind
from opendsr.policy.rules.admission import COMMUNITY_REVIEW_LOOKBACK
from opendsr.register.models import Obligation, TimelineEvent

COLUMNS = [
    "Pseudonym",
    "Admission date",
    "Admission source",
    "Hospital",
    "Provider ODS code",
    "Ward",
    "Setting",
    "Legal status",
    "On the register before admission",
    "Rating before admission",
    "Community C(E)TR or LAEP before admission",
    f"C(E)TRs in the {COMMUNITY_REVIEW_LOOKBACK} before admission",
    "C(E)TRs during the stay",
    "Oversight visits due since admission",
    "Oversight visits on time",
    "Expected discharge date",
    "Discharge delayed",
    "Delay reasons",
]
IDENTIFIABLE_COLUMNS = ["NHS number", "Name", "Date of birth"]


def pseudonym(person_id: int) -> str:
    digest = hmac.new(
        settings.SECRET_KEY.encode(), f"assuring-transformation:{person_id}".encode(), hashlib.sha256
    )
    return "P-" + digest.hexdigest()[:12].upper()


def may_identify(user) -> bool:
    return access.allowed(user, Action.VIEW_RECORD) and access.allowed(user, Action.EXPORT_REGISTER)


def _dates(days: list[dt.date]) -> str:
    return "; ".join(day.isoformat() for day in sorted(days))


def inpatient_rows(user, today: dt.date, *, identifiable: bool) -> tuple[list[str], list[list], list[int]]:
    """(columns, rows, person ids): the user's own people who are in hospital today."""
    identifiable = identifiable and may_identify(user)
    admissions = (
        Admission.objects.filter(
            person__in=access.people_for(user), discharged_on__isnull=True, admitted_on__lte=today
        )
        .select_related("person")
        .order_by("admitted_on", "pk")
    )
    admissions = list(admissions)
    ids = [a.person_id for a in admissions]
    reviews: dict[int, list[dt.date]] = {}
    for person_id, date in TimelineEvent.objects.filter(
        person_id__in=ids, type="cetr_held", voided_at__isnull=True
    ).values_list("person_id", "date"):
        reviews.setdefault(person_id, []).append(date)
    visits: dict[int, list[tuple]] = {}
    for person_id, due, met_on in Obligation.objects.filter(
        person_id__in=ids, kind=str(Kind.OVERSIGHT_VISIT), due__isnull=False
    ).values_list("person_id", "due", "met_on"):
        visits.setdefault(person_id, []).append((due, met_on))
    rows = []
    for a in admissions:
        held = reviews.get(a.person_id, [])
        since = COMMUNITY_REVIEW_LOOKBACK.before(a.admitted_on)
        due = [(d, m) for d, m in visits.get(a.person_id, []) if a.admitted_on <= d < today]
        row = [
            pseudonym(a.person_id),
            a.admitted_on,
            a.get_route_display(),
            a.hospital,
            a.provider_ods_code,
            a.ward,
            a.get_setting_display(),
            a.mha_label,
            a.on_register_before,
            a.rating_before,
            a.get_review_before_display() if a.review_before else "",
            _dates([d for d in held if since <= d < a.admitted_on]),
            _dates([d for d in held if d >= a.admitted_on]),
            len(due),
            sum(1 for d, m in due if m is not None and m <= d),
            a.expected_discharge_on,
            a.delayed_discharge,
            "; ".join(a.barrier_labels),
        ]
        if identifiable:
            p = a.person
            row = [p.nhs_number, f"{p.given_name} {p.family_name}", p.date_of_birth, *row]
        rows.append(row)
    columns = [*IDENTIFIABLE_COLUMNS, *COLUMNS] if identifiable else list(COLUMNS)
    return columns, rows, ids
