"""NHS.UK design-system form rendering for Django forms.

Templates render every field with one call, `{{ field(form["name"]) }}`, which picks the nhsuk-frontend macro
that fits the widget (input, textarea, select, radios, checkboxes, date input). Labels come from the field's
label, hints from its help_text, errors from the bound field. `error_summary(form)` builds the summary that
links each message to its field. Nobody writes form HTML by hand.

The package has a module for each part: `messages` (the error messages and `Form`), `fields` (fields and the
field makers) and `rendering` (the macros, the error summary and refusals); every name is importable from here.
"""

from opendsr.web.forms.fields import (
    _DAY_OR_MONTH,
    _YEAR,
    DATE_EXAMPLE,
    DateField,
    DateInputWidget,
    DateOfBirthField,
    YesNoField,
    _needs,
    area_field,
    check_field,
    date_field,
    radio_field,
    text_field,
)
from opendsr.web.forms.messages import (
    _CHOICE_FIELDS,
    _DETERMINERS,
    _OPTIONAL,
    _PREPOSITIONS,
    Form,
    _django_defaults,
    _first_lower,
    _limit,
    names_for,
    nhs_error_messages,
    use_nhs_error_messages,
)
from opendsr.web.forms.rendering import (
    _choice_items,
    _label,
    _macro,
    error_summary,
    field,
    field_id,
    form_errors_title_prefix,
    refusal_for,
    show_refusal,
)

__all__ = [
    "_DETERMINERS",
    "_PREPOSITIONS",
    "_OPTIONAL",
    "_CHOICE_FIELDS",
    "_django_defaults",
    "_first_lower",
    "names_for",
    "_limit",
    "nhs_error_messages",
    "use_nhs_error_messages",
    "Form",
    "DateInputWidget",
    "_DAY_OR_MONTH",
    "_YEAR",
    "DateField",
    "DateOfBirthField",
    "YesNoField",
    "DATE_EXAMPLE",
    "_needs",
    "text_field",
    "area_field",
    "date_field",
    "radio_field",
    "check_field",
    "field_id",
    "_macro",
    "_label",
    "_choice_items",
    "field",
    "error_summary",
    "form_errors_title_prefix",
    "show_refusal",
    "refusal_for",
]
