"""What the register's pages share: finding the person the user may see, and the page that shows an edit
that crossed another's."""

from __future__ import annotations

import datetime as dt

from opendsr.accounts import access
from opendsr.accounts.access import Action
from opendsr.register.models import Person
from opendsr.web.formatting import nhs_date
from opendsr.web.forms import field_id


def _person(request, pk, action=Action.VIEW_PERSON) -> Person:
    return access.person_for(request.user, pk, action)


def _shown(form_field, value) -> str:
    """A field's value as a user reads it, for the page that shows two people's changes side by side."""
    if value is None or value == "":
        return "Not given"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, dt.date):
        return nhs_date(value)
    choices = dict(getattr(form_field, "choices", None) or ())
    if not hasattr(value, "pk") and value in choices:
        return str(choices[value])
    return str(value)


def _conflict_page(form_class, conflict, **form_kwargs):
    """The form again, filled with what the user typed and the changes others made to other fields, carrying
    the version saved now; and each field both changed, with both values."""
    form = form_class(initial={**conflict.merged, "version": conflict.version}, **form_kwargs)
    rows = [
        {
            "label": form.fields[c.name].label,
            "anchor": field_id(form[c.name]),
            "mine": _shown(form.fields[c.name], c.mine),
            "saved": _shown(form.fields[c.name], c.saved),
        }
        for c in conflict.conflicts
    ]
    return form, rows
