"""Forms for the register's pages, in a module for each step a user takes: `people` (the list, adding and
changing a person, allocating them), `rating`, `consent`, `carers`, `leaving` and `instruments`. They turn what
was typed into values; the rules live in the services."""

from opendsr.register.forms.carers import CarerForm
from opendsr.register.forms.consent import (
    ConsentCheckForm,
    ConsentForm,
    ConsentRefusedForm,
    ConsentWithdrawForm,
)
from opendsr.register.forms.instruments import (
    BandForm,
    InstrumentDetailsForm,
    InstrumentEditor,
    InstrumentImportForm,
    QuestionForm,
)
from opendsr.register.forms.leaving import LeaveForm
from opendsr.register.forms.people import PERSON_FORM_FIELDS, AllocateForm, PersonForm, RegisterSearchForm
from opendsr.register.forms.rating import AnswersForm, DecisionForm, OutcomeToldForm

__all__ = [
    "AllocateForm",
    "AnswersForm",
    "BandForm",
    "CarerForm",
    "ConsentCheckForm",
    "ConsentForm",
    "ConsentRefusedForm",
    "ConsentWithdrawForm",
    "DecisionForm",
    "InstrumentDetailsForm",
    "InstrumentEditor",
    "InstrumentImportForm",
    "LeaveForm",
    "OutcomeToldForm",
    "PERSON_FORM_FIELDS",
    "PersonForm",
    "QuestionForm",
    "RegisterSearchForm",
]
