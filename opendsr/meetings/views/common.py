"""What the meeting and escalation pages share: a page with one form, which calls a service and shows its
refusal on the form."""

from __future__ import annotations

import functools

from opendsr.web.form_pages import headed_form_page

form_page = functools.partial(headed_form_page, template="meetings/_form.jinja")
