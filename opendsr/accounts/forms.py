from django import forms
from django.contrib.auth import password_validation

from opendsr.accounts.models import (
    SELF_CONSENT_AGE_DEFAULT,
    SELF_CONSENT_AGES,
    Organisation,
    Profession,
    Role,
    Team,
    action_label,
)
from opendsr.accounts.services import team_problem
from opendsr.web.forms import DateField, Form


def _password_field() -> forms.CharField:
    return forms.CharField(
        label="Password",
        widget=forms.PasswordInput,
        strip=False,
        error_messages={"required": "Enter your password"},
    )


class LoginForm(Form):
    email = forms.EmailField(
        label="Email address",
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address like name@nhs.net",
        },
    )
    password = _password_field()


class ConfirmPasswordForm(Form):
    password = _password_field()


class CodeForm(Form):
    code = forms.CharField(
        label="Security code",
        help_text="The 6-digit code from your authenticator app",
        max_length=6,
        min_length=6,
        error_messages={
            "required": "Enter the 6-digit security code",
            "min_length": "The security code must be 6 digits",
            "max_length": "The security code must be 6 digits",
        },
    )

    def clean_code(self):
        code = self.cleaned_data["code"].replace(" ", "")
        if not code.isdigit():
            raise forms.ValidationError("The security code must be 6 digits")
        return code


# ------------------------------------------------------------------------------------------------ audit log


class AuditSearchForm(Form):
    action = forms.ChoiceField(label="What was done", required=False, choices=[("", "Any action")])
    person = forms.CharField(
        label="Person",
        required=False,
        max_length=100,
        help_text="NHS number or name of the person whose record it was",
    )
    user = forms.CharField(
        label="Who did it", required=False, max_length=100, help_text="Name or email address"
    )
    date_from = DateField(label="From", required=False, help_text="For example, 4 1 2027")
    date_to = DateField(label="To", required=False, help_text="For example, 31 1 2027")

    def __init__(self, *args, actions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [("", "Any action")] + [(a, action_label(a)) for a in actions]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", "The 'to' date must be the same as or after the 'from' date")
        return cleaned


# ------------------------------------------------------------------------------------------ users and teams

ROLE_HINTS = {
    Role.DSR_LEAD: "Everything, including accounts, settings and the audit log",
    Role.CASE_MANAGER: "The register, referrals, ratings, consent and C(E)TRs",
    Role.PROFESSIONAL: "People in their team: view, update and add events",
    Role.PANEL_MEMBER: "Only the people whose review they sit on",
    Role.OVERSIGHT_PANEL: "Only the people due for the oversight panel",
    Role.ANALYST: "Anonymised figures only, no names",
    Role.REGIONAL: "Anonymised figures of every ICB in the region, and its long-term segregation list",
}


class UserSearchForm(Form):
    q = forms.CharField(label="Search by name, email or job title", required=False, max_length=100)
    role = forms.ChoiceField(label="Role", required=False, choices=[("", "Any role"), *Role.choices])
    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[("active", "Active"), ("deactivated", "Deactivated"), ("all", "All")],
    )


class _UserFields(Form):
    first_name = forms.CharField(
        label="First name", max_length=150, error_messages={"required": "Enter a first name"}
    )
    last_name = forms.CharField(
        label="Last name", max_length=150, error_messages={"required": "Enter a last name"}
    )
    role = forms.ChoiceField(
        label="Role",
        choices=Role.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select a role", "invalid_choice": "Select a role"},
    )
    profession = forms.ChoiceField(label="Profession", choices=Profession.choices, required=False)
    team = forms.ModelChoiceField(
        label="Team",
        queryset=Team.objects.none(),
        required=False,
        empty_label="No team",
        help_text="Professionals see only the people in their team",
    )
    organisation = forms.ModelChoiceField(
        label="Organisation they work for",
        queryset=Organisation.objects.none(),
        required=False,
        empty_label="The ICB",
    )
    job_title = forms.CharField(label="Job title", max_length=120, required=False)

    def __init__(self, *args, teams=None, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if teams is not None:
            self.fields["team"].queryset = teams
        if organisations is not None:
            self.fields["organisation"].queryset = organisations

    def clean(self):
        # The account service refuses it too; asking here shows it beside the form's other errors.
        cleaned = super().clean()
        if "role" in cleaned:
            problem = team_problem(cleaned["role"], cleaned.get("team"))
            if problem:
                self.add_error("team", problem)
        return cleaned


class UserAddForm(_UserFields):
    email = forms.EmailField(
        label="Email address",
        help_text="We will send a link to this address so they can set their password",
        error_messages={
            "required": "Enter an email address",
            "invalid": "Enter an email address like name@nhs.net",
        },
    )
    field_order = [
        "first_name",
        "last_name",
        "email",
        "role",
        "team",
        "profession",
        "job_title",
        "organisation",
    ]


class UserEditForm(_UserFields):
    field_order = ["first_name", "last_name", "role", "team", "profession", "job_title", "organisation"]


class TeamForm(Form):
    name = forms.CharField(
        label="Team name", max_length=200, error_messages={"required": "Enter a team name"}
    )
    organisation = forms.ModelChoiceField(
        label="Organisation the team belongs to",
        queryset=Organisation.objects.none(),
        required=False,
        empty_label="The ICB",
    )

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organisations is not None:
            self.fields["organisation"].queryset = organisations


class IcbSettingsForm(Form):
    consent_age_rule = forms.ChoiceField(
        label="Who gives consent for a child",
        choices=[
            (
                "national",
                "National rule: 16 and 17 year olds are presumed to have capacity; under 16, the child if "
                "Gillick competent, otherwise someone with parental responsibility",
            ),
            (
                "cambridgeshire",
                "Local rule: under 14, parents may consent; from 14, the young person must agree",
            ),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Select who gives consent for a child"},
    )
    self_consent_age = forms.IntegerField(
        label="Age from which people give consent themselves",
        help_text=f"{SELF_CONSENT_AGE_DEFAULT} under the national rule (policy section 2.4); some areas use "
        f"{SELF_CONSENT_AGES[0]}. When someone else consented for a younger person, we remind you to ask the "
        "person for their own consent from this age.",
        min_value=SELF_CONSENT_AGES[0],
        max_value=SELF_CONSENT_AGES[-1],
        error_messages={
            "required": "Enter the age from which people give consent themselves",
            "invalid": "The age from which people give consent themselves must be a whole number, like 16",
            "min_value": f"The age from which people give consent themselves must be {SELF_CONSENT_AGES[0]} or more",
            "max_value": f"The age from which people give consent themselves must be {SELF_CONSENT_AGES[-1]} or less",
        },
    )
    reminder_days_default = forms.IntegerField(
        label="Default reminder period, in days",
        help_text="New users are reminded of what falls due within this many days. Users can change their own.",
        min_value=1,
        max_value=60,
        widget=forms.TextInput,
        error_messages={
            "required": "Enter the number of days",
            "invalid": "The number of days must be a whole number, like 7",
            "min_value": "The number of days must be between 1 and 60",
            "max_value": "The number of days must be between 1 and 60",
        },
    )


# ---------------------------------------------------------------------------------------- password set/reset


class PasswordResetRequestForm(Form):
    email = forms.EmailField(
        label="Email address",
        help_text="The address you use to log in",
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address like name@nhs.net",
        },
    )


class SetPasswordForm(Form):
    password1 = forms.CharField(
        label="New password",
        strip=False,
        widget=forms.PasswordInput,
        help_text="At least 12 characters. A few unrelated words together make a strong password.",
        error_messages={"required": "Enter a new password"},
    )
    password2 = forms.CharField(
        label="Confirm new password",
        strip=False,
        widget=forms.PasswordInput,
        error_messages={"required": "Enter the new password again"},
    )

    def __init__(self, *args, user=None, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", "The passwords do not match")
        elif first:
            try:
                password_validation.validate_password(first, self.user)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned
