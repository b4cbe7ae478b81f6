"""Forms for the inpatient record. No business rules here: what fits the admission is decided in services."""

from __future__ import annotations

from django import forms

from opendsr.inpatients.models import (
    DelayBarrier,
    DischargedTo,
    LibertySafeguards,
    MentalHealthActStatus,
    PlanStatus,
    RestrictionKind,
    ReviewBeforeAdmission,
    Route,
    Setting,
)
from opendsr.policy.rules.admission import LTS_REPORT
from opendsr.web.formatting import timescale
from opendsr.web.forms import DateField, Form, YesNoField

LONG_TEXT = 4000


def _text(label: str, *, required: bool = True, help_text: str = "", max_length: int = 200, **kwargs):
    return forms.CharField(
        label=label if required else f"{label} (optional)",
        required=required,
        max_length=max_length,
        help_text=help_text,
        **kwargs,
    )


def _area(label: str, *, required: bool = True, help_text: str = "", rows: int = 4, message: str = ""):
    return _text(
        label,
        required=required,
        help_text=help_text,
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": rows}),
        **({"error_messages": {"required": message}} if message else {}),
    )


def _radios(label: str, choices, message: str, **kwargs):
    return forms.ChoiceField(
        label=label, choices=choices, widget=forms.RadioSelect, error_messages={"required": message}, **kwargs
    )


class AdmissionForm(Form):
    admitted_on = DateField(
        label="Date of admission",
        not_in_future=True,
        help_text="For example, 4 1 2027",
        error_messages={"required": "Enter the date of admission"},
    )
    hospital = _text("Hospital", error_messages={"required": "Enter the name of the hospital"})
    provider = _text(
        "Provider",
        help_text="The organisation that runs the hospital",
        error_messages={"required": "Enter the name of the provider"},
    )
    provider_ods_code = _text(
        "Provider ODS code",
        required=False,
        max_length=10,
        help_text="The provider's code in the NHS Organisation Data Service, for example RX4",
    )
    ward = _text("Ward", required=False)
    setting = _radios(
        "Is the hospital or ward secure?", Setting.choices, "Select whether the hospital or ward is secure"
    )
    route = _radios("How were they admitted?", Route.choices, "Select how they were admitted")
    out_of_area = YesNoField(
        label="Is the hospital out of area?",
        help_text="Outside the area of the ICB responsible for them",
        error_messages={"required": "Select whether the hospital is out of area"},
    )
    mha_status = _radios(
        "Mental Health Act status",
        MentalHealthActStatus.choices,
        "Select their Mental Health Act status",
    )
    mha_other = _text("If another section, which one", required=False, max_length=100)
    mha_since = DateField(
        label="Date the section started (optional)",
        required=False,
        not_in_future=True,
        help_text="Leave blank if it started on the date of admission. For example, 4 1 2027",
    )
    liberty_safeguards = _radios(
        "Are they under the Deprivation of Liberty Safeguards (DoLS) or Liberty Protection Safeguards (LPS)?",
        LibertySafeguards.choices,
        "Select DoLS, LPS or neither",
        initial=LibertySafeguards.NONE,
    )
    responsible_clinician = _text("Responsible clinician", required=False)
    reason = _area("Why were they admitted?", rows=4, message="Enter why they were admitted")
    expected_outcome = _area("What is the admission expected to achieve?", required=False)
    review_before = _radios(
        "Did a community C(E)TR or a local area emergency protocol (LAEP) meeting come before the admission?",
        ReviewBeforeAdmission.choices,
        "Select what came before the admission",
    )
    expected_discharge_on = DateField(
        label="Expected discharge date (optional)", required=False, help_text="For example, 4 1 2028"
    )
    delayed_discharge = YesNoField(
        label="Is their discharge delayed?",
        required=False,
        help_text="They are ready to leave hospital but something is stopping them",
    )
    delay_barriers = forms.MultipleChoiceField(
        label="What is delaying the discharge?",
        choices=DelayBarrier.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Select all that apply",
    )
    delay_notes = _area("About the delay", required=False, rows=3)

    def __init__(self, *args, review_hint: str = "", moved: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if review_hint:
            self.fields["review_before"].help_text = review_hint
        if moved:
            # Where they are now comes from their last move; change it by recording another move.
            for name in ("hospital", "provider", "provider_ods_code", "ward", "setting"):
                del self.fields[name]


class TransferForm(Form):
    moved_on = DateField(
        label="Date of the move",
        not_in_future=True,
        help_text="For example, 4 1 2027",
        error_messages={"required": "Enter the date of the move"},
    )
    hospital = _text(
        "Hospital they moved to",
        help_text="The same hospital if they moved to a ward with a different level of security",
        error_messages={"required": "Enter the name of the hospital"},
    )
    provider = _text("Provider", error_messages={"required": "Enter the name of the provider"})
    provider_ods_code = _text(
        "Provider ODS code", required=False, max_length=10, help_text="For example, RX4"
    )
    ward = _text("Ward", required=False)
    setting = _radios(
        "Is the hospital or ward they moved to secure?",
        Setting.choices,
        "Select whether the hospital or ward they moved to is secure",
    )
    reason = _area("Why did they move?", required=False, rows=3)


class WardRatingForm(Form):
    rated_on = DateField(
        label="Date of the CQC rating",
        not_in_future=True,
        help_text="The date the Care Quality Commission published the rating. For example, 4 1 2027",
        error_messages={"required": "Enter the date of the CQC rating"},
    )
    ward = _text("Ward or unit rated inadequate", error_messages={"required": "Enter the ward or unit"})
    notes = _area("Notes", required=False, rows=3)


class EpisodeForm(Form):
    kind = _radios(
        "What kind of restrictive practice?",
        RestrictionKind.choices,
        "Select long-term segregation or seclusion",
    )
    started_on = DateField(
        label="Date it started",
        not_in_future=True,
        help_text="For example, 4 1 2027",
        error_messages={"required": "Enter the date it started"},
    )
    ended_on = DateField(
        label="Date it ended (optional)",
        required=False,
        not_in_future=True,
        help_text="Leave blank if it has not ended",
    )
    reported_by = _text(
        "Who reported it?",
        help_text="Name and role, for example the ward manager",
        error_messages={"required": "Enter who reported it"},
    )
    notes = _area("Notes", required=False, rows=3)

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["kind"]


class PlanItemForm(Form):
    status = _radios("How far has this point got?", PlanStatus.choices, "Select how far this point has got")
    owner = _text("Who owns it?", required=False, help_text="Name, role and organisation")
    target_on = DateField(label="Target date (optional)", required=False, help_text="For example, 4 6 2027")
    note = _area("Note", required=False, rows=3)


class MojContactForm(Form):
    contacted_on = DateField(
        label="Date the Ministry of Justice was contacted",
        not_in_future=True,
        help_text="For example, 4 1 2027",
        error_messages={"required": "Enter the date the Ministry of Justice was contacted"},
    )
    contact = _text(
        "Who was contacted?",
        help_text="For example, the Mental Health Casework Section mailbox, or a named case worker",
        error_messages={"required": "Enter who was contacted"},
    )
    information_sent = _area(
        "What was sent?",
        message="Enter what was sent",
        help_text="For example, the outcome of the C(E)TR and its recommendations",
    )
    reply = _area("What they said back", required=False, rows=3)


class DischargeForm(Form):
    discharged_on = DateField(
        label="Date of discharge",
        not_in_future=True,
        help_text="For example, 4 1 2027",
        error_messages={"required": "Enter the date of discharge"},
    )
    discharged_to = _radios("Where did they go?", DischargedTo.choices, "Select where they went")
    discharge_details = _text(
        "Where exactly", required=False, max_length=300, help_text="Needed for somewhere else"
    )
    post_discharge_plan = _area(
        "What is the post-discharge plan?",
        message="Enter the post-discharge plan",
        help_text="Support in place, who leads it, and when the post-discharge C(E)TR or meeting takes place",
    )
    follow_up_until = DateField(
        label="Until when do they stay on the register for review?",
        help_text=(
            "People discharged from hospital stay on the register for a period of review, set by the timing of "
            "post-discharge C(E)TRs or meetings, their risk rating and their post-discharge plan. For example, 4 9 2027"
        ),
        subject="the date they stay on the register until",
        error_messages={"required": "Enter the date they stay on the register for review until"},
    )


class AsOfForm(Form):
    as_of = DateField(
        label=f"{timescale(LTS_REPORT).capitalize()} ending on",
        required=False,
        not_in_future=True,
        help_text=(
            f"The list shows long-term segregation at any time in the {timescale(LTS_REPORT)} up to this date. "
            "For example, 1 3 2027"
        ),
    )
