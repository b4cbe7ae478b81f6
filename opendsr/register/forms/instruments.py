"""Forms for the risk instruments: a whole instrument as JSON, and the editor of its details, questions and
score bands."""

from __future__ import annotations

from django import forms
from django.utils.text import slugify

from opendsr.policy.instruments import (
    MAX_JSON_CHARACTERS,
    MAX_TEXT,
    MAX_WEIGHT,
    InstrumentJSONError,
    load_instrument_json,
)
from opendsr.web.forms import Form, text_field

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
