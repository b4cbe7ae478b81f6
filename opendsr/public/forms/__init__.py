"""The public front door's forms: the self-referral's question pages, the professional's referral form, and the
DSR lead's settings."""

from opendsr.public.forms.fields import EMAIL_FORMAT, MAX_NOTE, MAX_WORRIES
from opendsr.public.forms.lead import DEFAULT_CRITERIA, FrontDoorForm, PictureForm
from opendsr.public.forms.professional import ProfessionalForm
from opendsr.public.forms.questions import (
    NEEDS,
    SIGNS,
    AddressForm,
    AgreementForm,
    CommunicationForm,
    ContactForm,
    DateOfBirthForm,
    DiagnosisForm,
    NameForm,
    NhsNumberForm,
    Question,
    ReferrerForm,
    WhoForm,
    WorriesForm,
)

__all__ = [
    "DEFAULT_CRITERIA",
    "EMAIL_FORMAT",
    "MAX_NOTE",
    "MAX_WORRIES",
    "NEEDS",
    "SIGNS",
    "AddressForm",
    "AgreementForm",
    "CommunicationForm",
    "ContactForm",
    "DateOfBirthForm",
    "DiagnosisForm",
    "FrontDoorForm",
    "NameForm",
    "NhsNumberForm",
    "PictureForm",
    "ProfessionalForm",
    "Question",
    "ReferrerForm",
    "WhoForm",
    "WorriesForm",
]
