"""Forms for finding people on the register, adding or changing a person, and allocating them to a team."""

from __future__ import annotations

from django import forms

from opendsr.policy import Pathway
from opendsr.register import queries
from opendsr.register.models import Diagnosis, Ethnicity, Location, Rating, Sex
from opendsr.web.forms import (
    DateField,
    DateOfBirthField,
    Form,
    YesNoField,
    area_field,
    check_field,
    text_field,
)

# --------------------------------------------------------------------------------------------- the list


class RegisterSearchForm(Form):
    q = forms.CharField(label="Name or NHS number", required=False, max_length=100)
    rating = forms.ChoiceField(
        label="Rating", required=False, choices=[("", "Any rating"), *Rating.choices, ("none", "Not rated")]
    )
    team = forms.TypedChoiceField(label="Team", required=False, coerce=int, empty_value=None)
    pathway = forms.ChoiceField(
        label="Pathway",
        required=False,
        choices=[
            ("", "Either"),
            (Pathway.CYP.value, "Children and young people"),
            (Pathway.ADULT.value, "Adult"),
        ],
    )
    location = forms.ChoiceField(
        label="Setting", required=False, choices=[("", "Any setting"), *Location.choices]
    )
    consent = forms.ChoiceField(
        label="Consent", required=False, choices=[("", "Any"), *queries.CONSENT_FILTERS.items()]
    )
    status = forms.ChoiceField(label="Status", required=False, choices=list(queries.STATUS_FILTERS.items()))
    sort = forms.ChoiceField(label="Sort by", required=False, choices=list(queries.SORTS.items()))

    def __init__(self, *args, teams=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].choices = [("", "Any team"), *((t.pk, t.name) for t in teams)]

    def filters(self) -> queries.RegisterFilters:
        if not self.is_bound or not self.is_valid():
            return queries.RegisterFilters()
        data = self.cleaned_data
        return queries.RegisterFilters(
            q=data["q"],
            rating=data["rating"],
            team=data["team"],
            pathway=data["pathway"],
            location=data["location"],
            consent=data["consent"],
            status=data["status"] or "active",
            sort=data["sort"] or "name",
        )


# ------------------------------------------------------------------------------------------- a person

SECTIONS = [
    (
        "About them",
        [
            "nhs_number",
            "given_name",
            "family_name",
            "preferred_name",
            "date_of_birth",
            "sex",
            "gender_identity",
            "ethnicity",
            "diagnosis",
            "communication_needs",
        ],
    ),
    (
        "Contact and address",
        ["address", "postcode", "local_authority", "gp_practice", "email", "phone"],
    ),
    ("On the register", ["team", "case_manager", "location"]),
    (
        "Care and support",
        [
            "lead_professional",
            "current_provider",
            "has_care_plan",
            "care_plan_has_contingency",
            "care_plan_reviewed_on",
            "has_risk_assessment",
            "risk_assessment_reviewed_on",
            "reason_for_risk",
            "personal_budget_offered",
            "personal_health_budget_offered",
            "integrated_budget_offered",
        ],
    ),
    (
        "Education, placements and hospital",
        [
            "has_ehcp",
            "in_cyp_tier4",
            "residential_52_week",
            "out_of_area",
            "out_of_area_details",
            "housing_needs",
            "moj_restricted",
        ],
    ),
    (
        "People involved",
        [
            "known_to_keyworker",
            "keyworker_name",
            "keyworker_service",
            "advocate_name",
            "advocate_organisation",
            "partners_to_involve",
        ],
    ),
]
PERSON_FORM_FIELDS = [name for _, names in SECTIONS for name in names]


class PersonForm(Form):
    """The minimum dataset (s3.2) and the register's extras (s3.1, s9)."""

    nhs_number = text_field(
        "NHS number", max_length=20, help_text="For example, 485 777 3456. Leave empty if not known."
    )
    given_name = text_field("First name", required=True, max_length=100)
    family_name = text_field("Last name", required=True, max_length=100)
    preferred_name = text_field("Preferred name (optional)", max_length=100)
    date_of_birth = DateOfBirthField()
    sex = forms.ChoiceField(label="Sex", choices=Sex.choices, initial=Sex.NOT_KNOWN)
    gender_identity = text_field("Gender identity (optional)", max_length=100)
    ethnicity = forms.ChoiceField(label="Ethnicity", choices=Ethnicity.choices, initial=Ethnicity.NOT_KNOWN)
    diagnosis = forms.ChoiceField(
        label="Diagnosis",
        choices=Diagnosis.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose their diagnosis"},
    )
    communication_needs = area_field(
        "Communication needs and reasonable adjustments",
        help_text="For example, an interpreter or BSL, easy read, or how they prefer to be contacted",
    )
    address = area_field("Address")
    postcode = text_field("Postcode", max_length=10)
    local_authority = forms.ModelChoiceField(
        label="Local authority", required=False, queryset=None, empty_label="Not known"
    )
    gp_practice = text_field("GP practice")
    email = forms.EmailField(
        label="Email address",
        required=False,
        error_messages={"invalid": "Enter an email address in the correct format, like name@example.com"},
    )
    phone = text_field("Phone number", max_length=40)
    team = forms.ModelChoiceField(label="Team", required=False, queryset=None, empty_label="No team")
    case_manager = forms.ModelChoiceField(
        label="Case manager", required=False, queryset=None, empty_label="Not assigned"
    )
    location = forms.ChoiceField(
        label="Where they are now",
        choices=Location.choices,
        widget=forms.RadioSelect,
        initial=Location.COMMUNITY,
    )
    lead_professional = text_field(
        "Lead health or social care professional",
        help_text="For the multi-agency care plan: name, role and organisation",
    )
    current_provider = text_field("Current service provider or personal budget support")
    has_care_plan = YesNoField(label="Do they have a current care plan?", required=False)
    care_plan_has_contingency = YesNoField(
        label="Does the care plan include contingency planning?", required=False
    )
    care_plan_reviewed_on = DateField(
        label="When was the care plan last reviewed?", required=False, not_in_future=True
    )
    has_risk_assessment = YesNoField(label="Do they have a current risk assessment?", required=False)
    risk_assessment_reviewed_on = DateField(
        label="When was the risk assessment last reviewed?", required=False, not_in_future=True
    )
    reason_for_risk = area_field("Why they are at risk")
    personal_budget_offered = check_field("Personal budget offered")
    personal_health_budget_offered = check_field("Personal health budget offered")
    integrated_budget_offered = check_field("Integrated budget offered")
    has_ehcp = check_field(
        "They have an education, health and care plan (EHCP)",
        help_text="Keeps them on the children and young people's pathway up to 25",
    )
    in_cyp_tier4 = check_field("They are in a children and young people's mental health tier 4 bed")
    residential_52_week = check_field("They are in a 52-week residential school or college placement")
    out_of_area = check_field("They are placed out of area")
    out_of_area_details = text_field("Where the placement is (optional)")
    housing_needs = area_field("Housing needs")
    moj_restricted = check_field("They are a Ministry of Justice restricted patient")
    known_to_keyworker = check_field("They already have a keyworker")
    keyworker_name = text_field("Keyworker's name")
    keyworker_service = text_field("Keyworker service")
    advocate_name = text_field("Advocate's name")
    advocate_organisation = text_field("Advocacy organisation")
    partners_to_involve = area_field(
        "Partners to involve in a Care (Education) and Treatment Review (C(E)TR)",
        help_text="Services and people who should be invited",
    )
    version = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = queries.teams_for(user)
        self.fields["case_manager"].queryset = queries.case_managers_for(user)
        self.fields["local_authority"].queryset = queries.local_authorities_for(user)
        self.fields["date_of_birth"].error_messages["required"] = "Enter their date of birth"
        self.fields["given_name"].error_messages["required"] = "Enter their first name"
        self.fields["family_name"].error_messages["required"] = "Enter their last name"

    def sections(self):
        return [(title, [self[name] for name in names]) for title, names in SECTIONS]

    @staticmethod
    def initial_for(person) -> dict:
        return {**{name: getattr(person, name) for name in PERSON_FORM_FIELDS}, "version": person.version}


class AllocateForm(Form):
    team = forms.ModelChoiceField(
        label="Which team looks after them?",
        queryset=None,
        error_messages={"required": "Choose the team that looks after them"},
    )
    case_manager = forms.ModelChoiceField(
        label="Case manager (optional)", required=False, queryset=None, empty_label="Not assigned yet"
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = queries.teams_for(user)
        self.fields["case_manager"].queryset = queries.case_managers_for(user)
