from django import forms

from opendsr.api.models import Scope
from opendsr.api.services import DEFAULT_DAYS, EXPIRY_CHOICES
from opendsr.web.forms import Form, radio_field, text_field


def _days(days: int) -> str:
    return "1 year" if days == 365 else f"{days} days"


class TokenForm(Form):
    name = text_field(
        "Name",
        required=True,
        max_length=100,
        help_text="So you can tell your tokens apart. For example, the name of the system that will use it.",
        error="Enter a name for the token",
    )
    scopes = forms.MultipleChoiceField(
        label="What may the token do?",
        choices=Scope.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply. It can never do more than your own role allows.",
        error_messages={"required": "Select what the token may do"},
    )
    days = radio_field(
        "How long should it work?",
        [(str(d), _days(d)) for d in EXPIRY_CHOICES],
        "Select how long the token should work",
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"days": str(DEFAULT_DAYS)})
        super().__init__(*args, **kwargs)
