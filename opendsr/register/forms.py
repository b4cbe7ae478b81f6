"""Forms for the register's pages. They turn what was typed into values; the rules live in the services."""

from __future__ import annotations

from django import forms
from django.utils.text import slugify

from opendsr.policy import Pathway
from opendsr.policy.instruments import (
    MAX_JSON_CHARACTERS,
    MAX_TEXT,
    MAX_WEIGHT,
    InstrumentJSONError,
    load_instrument_json,
)
from opendsr.register import queries
from opendsr.register.models import (
    ConsentScope,
    DecidedRating,
    Diagnosis,
    Ethnicity,
    ExitReason,
    GivenBy,
    Location,
    Rating,
    Sex,
    ToldBy,
)
from opendsr.register.services.common import check_date
from opendsr.web.forms import (
    DateField,
    DateOfBirthField,
    Form,
    YesNoField,
    area_field,
    check_field,
    refusal_for,
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


# -------------------------------------------------------------------------------------------- a rating


class AnswersForm(Form):
    """The first step of a rating: the instrument's questions, the date, and the person's and family's views."""

    decided_on = DateField(label="Date of the decision", not_in_future=True)
    person_view = forms.CharField(
        label="What the person said about their risk and support",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    family_view = forms.CharField(
        label="What their family or carers said", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, instrument=None, person=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decided_on"].error_messages["required"] = "Enter the date of the decision"
        self.instrument = instrument
        self.person = person
        self.item_names = []
        for item in (instrument.data.get("items") if instrument else None) or []:
            name = f"item_{item['id']}"
            self.fields[name] = forms.ChoiceField(
                label=item["text"],
                choices=[(option["id"], option["label"]) for option in item["options"]],
                widget=forms.RadioSelect,
                error_messages={"required": f"Answer: {item['text']}"},
            )
            self.item_names.append(name)

    def clean_decided_on(self):
        decided_on = self.cleaned_data["decided_on"]
        if self.person is not None:
            with refusal_for("decided_on"):
                check_date(
                    decided_on, field="decided_on", subject="The date of the decision", person=self.person
                )
        return decided_on

    def answers(self) -> dict:
        return {name.removeprefix("item_"): self.cleaned_data[name] for name in self.item_names}

    def items(self):
        return [self[name] for name in self.item_names]


class DecisionForm(Form):
    """The second step: the rating decided, and the judgement behind it."""

    rating = forms.ChoiceField(
        label="What rating have you decided?",
        choices=DecidedRating.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a rating"},
    )
    professional_judgement = forms.CharField(
        label="Professional judgement",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Needed when your rating differs from the rating the score suggests",
    )
    rationale = forms.CharField(
        label="Rationale for the rating",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Why this rating. Needed when it differs from the rating the score suggests.",
    )


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


class OutcomeToldForm(Form):
    """Telling the person and the referrer the rating: who, how, when."""

    told_whom = forms.MultipleChoiceField(
        label="Who did you tell?",
        choices=[("person", "The person (and their family)"), ("referrer", "The referrer")],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose who you told"},
    )
    method = forms.ChoiceField(
        label="How did you tell them?",
        choices=ToldBy.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how you told them"},
    )
    told_on = DateField(label="Date you told them", not_in_future=True)
    who = text_field(
        "Names of who you told (needed for a phone call)",
        max_length=300,
        help_text="For example, Sam and their mother, and Dr Patel who referred them",
    )
    notes = forms.CharField(
        label="Notes (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["told_on"].error_messages["required"] = "Enter the date you told them"

    def values(self) -> dict:
        data = self.cleaned_data
        return {
            "method": data["method"],
            "told_on": data["told_on"],
            "told_person": "person" in data["told_whom"],
            "told_referrer": "referrer" in data["told_whom"],
            "who": data["who"],
            "notes": data["notes"],
        }


# --------------------------------------------------------------------------------------------- consent


class ConsentForm(Form):
    scope = forms.MultipleChoiceField(
        label="What did they consent to?",
        choices=ConsentScope.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose what they consented to"},
    )
    given_by = forms.ChoiceField(
        label="Who gave consent?",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose who gave consent"},
    )
    given_on = DateField(label="Date consent was given", not_in_future=True)
    capacity_notes = forms.CharField(
        label="Capacity and competence",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="How you judged their capacity or competence to decide, and how they were supported to decide",
    )
    best_interests_record = forms.CharField(
        label="Best interests decision",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="If a best interests decision was made: who was involved, and why it is in their best interests",
    )
    notes = forms.CharField(
        label="Notes (optional)", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, allowed=(), **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(GivenBy.choices)
        self.fields["given_by"].choices = [(value, labels[value]) for value in allowed]
        self.fields["given_on"].error_messages["required"] = "Enter the date consent was given"


class ConsentCheckForm(Form):
    checked_on = DateField(label="Date consent was checked", not_in_future=True)
    given_by = forms.ChoiceField(
        label="Who confirmed they still agree?",
        widget=forms.RadioSelect,
        help_text="When someone else consented for them, ask the person themselves once they are old enough",
        error_messages={"required": "Choose who confirmed they still agree"},
    )
    notes = forms.CharField(
        label="What was discussed (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, allowed=(), **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(GivenBy.choices)
        self.fields["given_by"].choices = [(value, labels[value]) for value in allowed]
        self.fields["checked_on"].error_messages["required"] = "Enter the date consent was checked"


class ConsentWithdrawForm(Form):
    withdrawn_on = DateField(label="Date consent was withdrawn", not_in_future=True)
    notes = forms.CharField(
        label="What they said, and what happens next (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["withdrawn_on"].error_messages["required"] = "Enter the date consent was withdrawn"


class ConsentRefusedForm(Form):
    reasons = forms.CharField(
        label="Why consent was not given",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say why consent was not given"},
    )
    alternative_offered = forms.CharField(
        label="What was offered instead",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, a Care (Education) and Treatment Review (C(E)TR) without being on the register",
    )
    revisit_on = DateField(label="When to ask again (optional)", required=False)


# ---------------------------------------------------------------------------------------------- carers


class CarerForm(Form):
    name = text_field("Name", required=True)
    relationship = text_field(
        "Relationship to the person", max_length=100, help_text="For example, mother or partner"
    )
    contact = text_field("Phone number or email")
    assessment_offered = check_field("A carers assessment has been offered")
    assessment_offered_on = DateField(
        label="Date the assessment was offered (optional)", required=False, not_in_future=True
    )
    contingency_plan = area_field(
        "Carer contingency plan", help_text="What happens if the carer cannot continue, even for a short time"
    )
    active = check_field("They are still a carer")
    version = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].error_messages["required"] = "Enter the carer's name"
        if not editing:
            del self.fields["active"]
            del self.fields["version"]


# ------------------------------------------------------------------------------------ leaving the register


class LeaveForm(Form):
    reason = forms.ChoiceField(
        label="Why are they leaving the register?",
        choices=ExitReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose why they are leaving the register"},
    )
    left_on = DateField(label="Date they left", not_in_future=True)
    new_icb_name = text_field("If they moved, which ICB are they now in?")
    notes = forms.CharField(label="Notes", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["left_on"].error_messages["required"] = "Enter the date they left"


# ----------------------------------------------------------------------------------------- instruments
#
# A DSR lead edits an instrument through three parts of one page: its details, its questions (each with up to
# MAX_ANSWERS answers and their weights) and its score bands. The JSON form imports or restores a whole
# instrument at once. Whether the result can be used (bands without gaps, at least one question) is decided by
# `opendsr.policy.validate_instrument` when the service saves it.

MAX_ANSWERS = 6
POPULATION_CHOICES = [
    ("adult", "Adults"),
    ("child", "Children and young people"),
    ("both", "Both"),
]


class InstrumentImportForm(Form):
    data = forms.CharField(
        label="The instrument, as JSON",
        widget=forms.Textarea(attrs={"rows": 24, "spellcheck": "false"}),
        help_text="Items with options and weights, and score bands. Start from an exported version.",
        error_messages={"required": "Enter the instrument"},
        max_length=MAX_JSON_CHARACTERS,
    )

    def clean_data(self):
        try:
            return load_instrument_json(self.cleaned_data["data"])
        except InstrumentJSONError as error:
            raise forms.ValidationError(str(error)) from error


class InstrumentDetailsForm(Form):
    name = text_field("Name of the instrument", required=True, max_length=MAX_TEXT)
    version = text_field(
        "Version label", required=True, max_length=40, help_text="Your own label, for example 2027.1"
    )
    population = forms.ChoiceField(
        label="Who is it for?",
        choices=POPULATION_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Select who the instrument is for"},
    )
    source = forms.CharField(
        label="Where it comes from (optional)",
        required=False,
        max_length=4 * MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, the policy sections and the local tool it is based on",
    )
    slug = forms.SlugField(required=False, max_length=60, widget=forms.HiddenInput)


class QuestionForm(Form):
    """One question and its answers. Blank answers are left out."""

    text = text_field("Question", max_length=MAX_TEXT)
    section = text_field(
        "Section (optional)", max_length=200, help_text="For example, s4 proactive monitoring"
    )
    item_id = forms.SlugField(required=False, max_length=60, widget=forms.HiddenInput)
    DELETE = forms.BooleanField(label="Remove this question", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for n in range(1, MAX_ANSWERS + 1):
            self.fields[f"label_{n}"] = text_field(f"Answer {n}", max_length=MAX_TEXT)
            self.fields[f"weight_{n}"] = forms.IntegerField(
                label=f"Weight of answer {n}",
                required=False,
                min_value=0,
                max_value=MAX_WEIGHT,
                widget=forms.TextInput(attrs={"inputmode": "numeric"}),
            )
            self.fields[f"option_id_{n}"] = forms.SlugField(
                required=False, max_length=60, widget=forms.HiddenInput
            )

    def is_blank(self) -> bool:
        data = self.cleaned_data
        return not (data.get("text") or "").strip() and not any(
            data.get(f"label_{n}") or data.get(f"weight_{n}") is not None for n in range(1, MAX_ANSWERS + 1)
        )

    def clean(self):
        data = super().clean()
        if data.get("DELETE") or (self.is_blank() and not self.errors):
            return data  # a removed or empty question is left out
        if not (data.get("text") or "").strip() and "text" not in self.errors:
            self.add_error("text", "Enter the question")
        answered = 0
        for n in range(1, MAX_ANSWERS + 1):
            label, weight = data.get(f"label_{n}"), data.get(f"weight_{n}")
            if label and weight is None and f"weight_{n}" not in self.errors:
                self.add_error(f"weight_{n}", f"Enter the weight of answer {n}, like 0 or 3")
            if weight is not None and not label:
                self.add_error(f"label_{n}", f"Enter answer {n}, or remove its weight")
            answered += bool(label)
        if not answered and "label_1" not in self.errors:
            self.add_error("label_1", "Enter at least one answer and its weight")
        return data

    def answer_rows(self) -> list[tuple]:
        """The answer rows to show: every filled one and one empty one (at least two in all)."""
        filled = [
            n for n in range(1, MAX_ANSWERS + 1) if self[f"label_{n}"].value() or self[f"weight_{n}"].value()
        ]
        shown = min(MAX_ANSWERS, max(2, (max(filled) if filled else 0) + 1))
        return [
            (self[f"label_{n}"], self[f"weight_{n}"], self[f"option_id_{n}"]) for n in range(1, shown + 1)
        ]

    @staticmethod
    def initial_for(item: dict) -> dict:
        initial = {
            "text": item.get("text", ""),
            "section": item.get("section", ""),
            "item_id": item.get("id", ""),
        }
        for n, option in enumerate(item.get("options", [])[:MAX_ANSWERS], start=1):
            initial.update(
                {
                    f"label_{n}": option.get("label", ""),
                    f"weight_{n}": option.get("weight"),
                    f"option_id_{n}": option.get("id", ""),
                }
            )
        return initial


class BandForm(Form):
    """One score band. An empty row is left out."""

    low = forms.IntegerField(
        label="From score",
        required=False,
        min_value=0,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    high = forms.IntegerField(
        label="To score (optional)",
        required=False,
        min_value=0,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        help_text="Leave empty for the top band: that score or more",
    )
    rating = forms.ChoiceField(
        label="Rating",
        required=False,
        choices=[
            ("", "Choose a rating"),
            ("green", "Green"),
            ("amber", "Amber"),
            ("red", "Red"),
            ("not_eligible", "Not eligible"),
        ],
    )

    def clean(self):
        data = super().clean()
        if self.errors or all(data.get(n) in (None, "") for n in ("low", "high", "rating")):
            return data
        if data.get("low") is None:
            self.add_error("low", "Enter the lowest score in the band, like 0")
        if not data.get("rating"):
            self.add_error("rating", "Select the rating for the band")
        return data


QuestionFormSet = forms.formset_factory(
    QuestionForm, extra=0, max_num=200, absolute_max=200, validate_max=True
)
BandFormSet = forms.formset_factory(BandForm, extra=0, max_num=10, absolute_max=10, validate_max=True)


def _unique_slug(text: str, taken: set[str], fallback: str) -> str:
    base = (slugify(text)[:50] or fallback).replace("-", "_")
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}_{n}", n + 1
    taken.add(slug)
    return slug


class InstrumentEditor:
    """The instrument page's three parts, bound together: details, questions and score bands."""

    def __init__(self, data=None, *, instrument: dict | None = None, extra_question: bool = False):
        instrument = instrument or {}
        if data is not None and extra_question:
            # "Add another question": show what was typed, unchecked, with one more empty question.
            typed = [
                {n: form[n].value() for n in form.fields}
                for form in QuestionFormSet(data, prefix="question").forms
            ]
            self.details = InstrumentDetailsForm(
                initial={n: data.get(n, "") for n in InstrumentDetailsForm.base_fields}
            )
            self.questions = QuestionFormSet(prefix="question", initial=[*typed, {}])
            bands = [
                {n: form[n].value() for n in form.fields} for form in BandFormSet(data, prefix="band").forms
            ]
            self.bands = BandFormSet(prefix="band", initial=bands)
            return
        self.details = InstrumentDetailsForm(
            data,
            initial={
                "name": instrument.get("name", ""),
                "version": instrument.get("version", ""),
                "population": instrument.get("population", ""),
                "source": instrument.get("source", ""),
                "slug": instrument.get("slug", ""),
            },
        )
        if data is not None:
            # No initial values once posted: a formset skips a row that matches its initial value.
            self.questions = QuestionFormSet(data, prefix="question")
            self.bands = BandFormSet(data, prefix="band")
            return
        questions = [QuestionForm.initial_for(item) for item in instrument.get("items", [])]
        self.questions = QuestionFormSet(prefix="question", initial=questions or [{}, {}, {}])
        bands = [
            {"low": b.get("min"), "high": b.get("max"), "rating": b.get("rating")}
            for b in instrument.get("bands", [])
        ]
        self.bands = BandFormSet(prefix="band", initial=[*bands, {}] if bands else [{}, {}, {}, {}])

    @property
    def forms(self) -> list:
        return [self.details, *self.questions.forms, *self.bands.forms]

    def is_valid(self) -> bool:
        return all([self.details.is_valid(), self.questions.is_valid(), self.bands.is_valid()])

    def instrument_data(self) -> dict:
        details = self.details.cleaned_data
        item_ids: set[str] = set()
        items = []
        kept = [
            f.cleaned_data
            for f in self.questions.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]
        kept = [q for q in kept if (q.get("text") or "").strip()]
        for q in kept:
            if q.get("item_id"):
                item_ids.add(q["item_id"])
        for number, q in enumerate(kept, start=1):
            item_id = q.get("item_id") or _unique_slug(q["text"], item_ids, f"question_{number}")
            option_ids: set[str] = {
                q[f"option_id_{n}"] for n in range(1, MAX_ANSWERS + 1) if q.get(f"option_id_{n}")
            }
            options = []
            for n in range(1, MAX_ANSWERS + 1):
                if not q.get(f"label_{n}"):
                    continue
                options.append(
                    {
                        "id": q.get(f"option_id_{n}")
                        or _unique_slug(q[f"label_{n}"], option_ids, f"answer_{n}"),
                        "label": q[f"label_{n}"],
                        "weight": q[f"weight_{n}"],
                    }
                )
            item = {"id": item_id, "text": q["text"], "options": options}
            if q.get("section"):
                item["section"] = q["section"]
            items.append(item)
        bands = sorted(
            (
                {"min": b["low"], "max": b["high"], "rating": b["rating"]}
                for b in (f.cleaned_data for f in self.bands.forms)
                if b and b.get("low") is not None
            ),
            key=lambda b: b["min"],
        )
        data = {
            "slug": details.get("slug")
            or _unique_slug(details["name"], set(), "instrument").replace("_", "-"),
            "name": details["name"],
            "version": details["version"],
            "population": details["population"],
            "items": items,
            "bands": bands,
        }
        if details.get("source"):
            data["source"] = details["source"]
        return data
