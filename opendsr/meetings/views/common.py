"""What the meeting and escalation pages share: a page with one form, which calls a service and shows its
refusal on the form."""

from __future__ import annotations

from opendsr.web.form_pages import form_page as shared_form_page


def form_page(
    request,
    *,
    form,
    heading,
    call,
    success,
    redirect_to,
    back,
    caption="",
    lead="",
    submit="Save",
    warning="",
    extra=None,
):
    return shared_form_page(
        request,
        form,
        template="meetings/_form.jinja",
        call=call,
        success=success,
        redirect_to=redirect_to,
        context={
            "heading": heading,
            "caption": caption,
            "lead": lead,
            "submit": submit,
            "back": back,
            "warning": warning,
            **(extra or {}),
        },
    )
