"""The letter templates: the list, and the DSR lead's page to change one."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from opendsr.accounts import access
from opendsr.accounts.access import Action, requires
from opendsr.referrals import forms, letters, services
from opendsr.referrals.models import LetterKind, Recipient
from opendsr.web.form_pages import form_page


@requires(Action.MANAGE_REFERRALS)
def templates(request):
    return render(
        request,
        "referrals/templates.jinja",
        {
            "templates": services.templates_for(request.user.icb),
            "may_edit": access.allowed(request.user, Action.MANAGE_SETTINGS),
        },
    )


@requires(Action.MANAGE_SETTINGS)
@require_http_methods(["GET", "POST"])
def template_edit(request, letter_kind):
    recipient = request.GET.get("to") or Recipient.PERSON
    easy_read = request.GET.get("version") == "easy_read"
    if letter_kind not in LetterKind.values or recipient not in Recipient.values:
        raise Http404("No such letter")
    if easy_read and recipient != Recipient.PERSON:
        raise Http404("Only the letter to the person has an easy read version")
    template = services.template_for(request.user.icb, letter_kind, recipient, easy_read)
    form = forms.TemplateForm(
        request.POST or None, initial={"subject": template.subject, "body": template.body}
    )
    return form_page(
        request,
        form,
        template="referrals/template_edit.jinja",
        call=lambda data: services.update_template(
            template=template, by=request.user, request=request, **data
        ),
        success=f"The {template.get_kind_display().lower()} letter to "
        f"{template.get_recipient_display().lower()}{' (easy read)' if template.easy_read else ''} is saved.",
        redirect_to=reverse("referrals:templates"),
        context={"template": template, "placeholders": letters.PLACEHOLDERS},
    )
