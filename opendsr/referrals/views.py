"""Referral pages: the inbox, recording a referral, its page, letters, disputes, and the letter templates."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from opendsr.accounts import access, audit
from opendsr.accounts.access import Action, requires
from opendsr.referrals import forms, letters, queries, services
from opendsr.referrals.models import Letter, LetterKind, LetterStatus, Method, Recipient
from opendsr.register.models import DecidedRating
from opendsr.register.services.people import check_for_duplicates
from opendsr.web.forms import show_refusal as _apply
from opendsr.web.jinja import url_or_none
from opendsr.web.params import whole_number
from opendsr.web.today import today as get_today

PAGE_SIZE = 25


def _referral(request, referral_pk):
    referral = queries.referral_for(request.user, referral_pk)
    access.require(request.user, Action.MANAGE_REFERRALS)
    audit.shows(request, referral.person)
    return referral


# ------------------------------------------------------------------------------------------------ the inbox


@requires(Action.MANAGE_REFERRALS)
def inbox(request):
    form = forms.InboxForm(request.GET or None)
    form.is_valid()
    data = getattr(form, "cleaned_data", {}) or {}
    filters = queries.InboxFilters(
        stage=data.get("stage") if "stage" in request.GET else "open",
        source=data.get("source", ""),
        channel=data.get("channel", ""),
        q=data.get("q", ""),
    )
    today = get_today()
    rows = queries.inbox(request.user, filters, today)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    audit.listed(
        request,
        "the referral inbox",
        people=[row.referral.person_id for row in page.object_list if row.referral.person_id],
        filters={**vars(filters), "page": page.number},
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "referrals/inbox.jinja",
        {
            "form": form,
            "rows": page.object_list,
            "page": page,
            "query": query.urlencode(),
            "count": len(rows),
            "counts": queries.stage_counts(request.user),
            "filters": filters,
            "today": today,
            "filtered": any(request.GET.get(k) for k in ("q", "source", "channel"))
            or filters.stage not in ("open",),
        },
    )


# -------------------------------------------------------------------------------------------- a new referral


def _person_for_new(request):
    pk = request.POST.get("person") or request.GET.get("person") or ""
    if not pk:
        return None
    return access.person_for(request.user, whole_number(pk, default=0), Action.MANAGE_REFERRALS)


@requires(Action.MANAGE_REFERRALS)
@require_http_methods(["GET", "POST"])
def new(request):
    person = _person_for_new(request)
    post = request.POST if request.method == "POST" else None
    referral_form = forms.ReferralForm(post, initial={"received_on": get_today()})
    person_form = None if person else forms.NewPersonForm(post, user=request.user)
    matches = None
    if post is not None and referral_form.is_valid() and (person_form is None or person_form.is_valid()):
        fields = referral_form.cleaned_data
        person_fields = dict(person_form.cleaned_data) if person_form else None
        team = person_fields.pop("team") if person_fields else None
        attach = request.POST.get("attach", "")
        if person is None and attach:
            person = access.person_for(request.user, whole_number(attach, default=0), Action.MANAGE_REFERRALS)
            person_fields = None
        if person is None and request.POST.get("confirm_new") != "yes":
            matches = check_for_duplicates(
                by=request.user,
                where="referral",
                request=request,
                nhs_number=person_fields.get("nhs_number"),
                family_name=person_fields.get("family_name"),
                given_name=person_fields.get("given_name"),
                date_of_birth=person_fields.get("date_of_birth"),
            )
        if not matches:
            try:
                referral = services.record_referral(
                    icb=request.user.icb,
                    by=request.user,
                    person=person,
                    person_fields=person_fields,
                    team=team if person is None else None,
                    allow_duplicate=request.POST.get("confirm_new") == "yes",
                    request=request,
                    **fields,
                )
            except ValidationError as error:
                target = (
                    person_form if person_form is not None and _names_person_field(error) else referral_form
                )
                _apply(target, error)
            else:
                if not access.people_for(request.user).filter(pk=referral.person_id).exists():
                    # Given to another team: theirs to acknowledge, and no longer this user's to open.
                    owner = referral.person.team.name if referral.person.team else "the DSR lead to allocate"
                    messages.success(
                        request,
                        f"The referral for {referral.person.full_name} is recorded and passed to {owner}.",
                    )
                    return redirect("referrals:inbox")
                messages.success(
                    request,
                    f"The referral for {referral.person.full_name} is recorded. Acknowledge it next.",
                )
                return redirect("referrals:detail", referral_pk=referral.pk)
    return render(
        request,
        "referrals/new.jinja",
        {
            "form": referral_form,
            "person_form": person_form,
            "person": person,
            "matches": matches,
        },
    )


def _names_person_field(error: ValidationError) -> bool:
    return hasattr(error, "error_dict") and bool(set(error.error_dict) & set(forms.NewPersonForm.base_fields))


# ------------------------------------------------------------------------------------------ one referral


@requires(Action.MANAGE_REFERRALS)
def detail(request, referral_pk):
    referral = _referral(request, referral_pk)
    audit.record(
        request,
        "referral.viewed",
        person=referral.person,
        summary=f"Viewed the referral received {referral.received_on:%-d %B %Y}",
        detail={"referral": referral.pk},
    )
    today = get_today()
    page = queries.referral_page(referral, today)
    return render(
        request,
        "referrals/detail.jinja",
        {
            "referral": referral,
            "person": referral.person,
            "today": today,
            "rate_url": url_or_none("register:rate", referral.person.pk),
            "leave_url": url_or_none("register:leave", referral.person.pk),
            "not_eligible": getattr(page["decision"], "rating", "") == DecidedRating.NOT_ELIGIBLE,
            **page,
        },
    )


def _sent_message(done: str, sent: list[Letter]) -> tuple[int, str]:
    """What to tell the user once the letters are recorded (and, where the task ran at once, emailed)."""
    for letter in sent:
        letter.refresh_from_db(fields=["status", "error"])
    if sent[0].method == Method.PDF:
        return messages.SUCCESS, f"{done} Download the letter below to print or attach it."
    failed = [letter for letter in sent if letter.status == LetterStatus.FAILED]
    if failed:
        names = " and ".join(letter.to_email for letter in failed)
        return messages.ERROR, f"The email to {names} could not be sent. See the letters below."
    emailed = [letter.to_email for letter in sent if letter.status == LetterStatus.SENT]
    if len(emailed) == len(sent):
        return messages.SUCCESS, f"{done} The letter was emailed to {' and '.join(emailed)}."
    names = " and ".join(letter.to_email for letter in sent)
    return (
        messages.SUCCESS,
        f"The letter to {names} is waiting to be emailed. It counts as sent once it has gone.",
    )


def _letter_page(request, referral, *, kind, form, title, call, done):
    if request.method == "POST" and form.is_valid():
        try:
            sent = call(form.cleaned_data)
        except ValidationError as error:
            _apply(form, error)
        else:
            level, text = _sent_message(done, sent)
            messages.add_message(request, level, text)
            return redirect("referrals:detail", referral_pk=referral.pk)
    values = {}
    decision = services.latest_decision(referral)
    if kind != LetterKind.ACKNOWLEDGEMENT:
        values = {"decision": decision}
        if form.is_bound and "not_eligible_reason" in form.fields:
            values["reason"] = form.data.get("not_eligible_reason", "")
            values["signposting"] = form.data.get("signposting", "")
    recipients = services.recipients_for(referral)
    previews = []
    for recipient in recipients:
        rendered = services.preview(referral, kind, request.user, recipient=recipient, **values)
        name, email = services.recipient_address(referral, recipient)
        previews.append(
            {
                "recipient": Recipient(recipient),
                "name": name,
                "email": email,
                "letter": rendered,
                "blocks": letters.paragraphs(rendered.body),
            }
        )
    return render(
        request,
        "referrals/letter.jinja",
        {
            "referral": referral,
            "person": referral.person,
            "form": form,
            "title": title,
            "previews": previews,
            "decision": decision,
        },
    )


def _initial_letter(referral):
    """Everyone a letter can go to, by email when each of them has an email address, else as a PDF."""
    recipients = services.recipients_for(referral)
    has_email = all(services.recipient_address(referral, r)[1] for r in recipients)
    return {
        "recipients": recipients,
        "method": Method.EMAIL if has_email else Method.PDF,
        "sent_on": get_today(),
    }


def _waiting(referral, kinds) -> bool:
    return referral.letters.filter(kind__in=kinds, status=LetterStatus.QUEUED).exists()


@requires(Action.MANAGE_REFERRALS)
@require_http_methods(["GET", "POST"])
def acknowledge(request, referral_pk):
    referral = _referral(request, referral_pk)
    if referral.acknowledged_on is not None:
        messages.info(request, "This referral has already been acknowledged.")
        return redirect("referrals:detail", referral_pk=referral.pk)
    if _waiting(referral, [LetterKind.ACKNOWLEDGEMENT]):
        messages.info(request, "The acknowledgement is waiting to be emailed.")
        return redirect("referrals:detail", referral_pk=referral.pk)
    form = forms.LetterForm(
        request.POST or None, initial=_initial_letter(referral), recipients=services.recipients_for(referral)
    )
    return _letter_page(
        request,
        referral,
        kind=LetterKind.ACKNOWLEDGEMENT,
        form=form,
        title="Acknowledge the referral",
        call=lambda data: services.acknowledge(
            referral=referral,
            by=request.user,
            recipients=data["recipients"],
            method=data["method"],
            sent_on=data["sent_on"],
            request=request,
        ),
        done="The acknowledgement is recorded.",
    )


@requires(Action.MANAGE_REFERRALS)
@require_http_methods(["GET", "POST"])
def outcome(request, referral_pk):
    referral = _referral(request, referral_pk)
    decision = services.latest_decision(referral)
    if decision is None:
        messages.info(request, "Decide their rating before you send the outcome.")
        return redirect("referrals:detail", referral_pk=referral.pk)
    if _waiting(referral, [LetterKind.OUTCOME_ELIGIBLE, LetterKind.OUTCOME_NOT_ELIGIBLE]):
        messages.info(request, "The outcome is waiting to be emailed.")
        return redirect("referrals:detail", referral_pk=referral.pk)
    not_eligible = decision.rating == DecidedRating.NOT_ELIGIBLE
    form_class = forms.NotEligibleForm if not_eligible else forms.LetterForm
    initial = _initial_letter(referral)
    if not_eligible:
        initial["not_eligible_reason"] = referral.not_eligible_reason or decision.rationale
        initial["signposting"] = referral.signposting
    form = form_class(request.POST or None, initial=initial, recipients=services.recipients_for(referral))
    return _letter_page(
        request,
        referral,
        kind=LetterKind.OUTCOME_NOT_ELIGIBLE if not_eligible else LetterKind.OUTCOME_ELIGIBLE,
        form=form,
        title="Send the outcome",
        call=lambda data: services.send_outcome(
            referral=referral,
            by=request.user,
            recipients=data["recipients"],
            method=data["method"],
            sent_on=data["sent_on"],
            not_eligible_reason=data.get("not_eligible_reason", ""),
            signposting=data.get("signposting", ""),
            request=request,
        ),
        done="The outcome is recorded.",
    )


@requires(Action.MANAGE_REFERRALS)
@require_POST
def letter_retry(request, letter_pk):
    letter = _letter(request, letter_pk)
    try:
        services.retry_letter(letter=letter, by=request.user, request=request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        level, text = _sent_message("The letter is sent again.", [letter])
        messages.add_message(request, level, text)
    return redirect("referrals:detail", referral_pk=letter.referral_id)


def _letter(request, letter_pk) -> Letter:
    letter = Letter.objects.filter(pk=whole_number(letter_pk, default=0)).first()
    if letter is None:
        raise Http404("No such letter")
    _referral(request, letter.referral_id)  # 404 unless the user may see the person
    return letter


@requires(Action.MANAGE_REFERRALS)
@require_http_methods(["GET", "POST"])
def outcome_phone(request, referral_pk):
    referral = _referral(request, referral_pk)
    if services.latest_decision(referral) is None:
        messages.info(request, "Decide their rating before you tell them the outcome.")
        return redirect("referrals:detail", referral_pk=referral.pk)
    return _referral_form(
        request,
        referral_pk,
        form_class=forms.OutcomeCallForm,
        template="referrals/outcome_phone.jinja",
        initial={"told_on": get_today()},
        call=lambda referral, data: services.record_outcome_by_phone(
            person=referral.person, referral=referral, by=request.user, request=request, **data
        ),
        success="The outcome is recorded as told by phone.",
        extra={"decision": services.latest_decision(referral)},
    )


@requires(Action.MANAGE_REFERRALS)
def letter_pdf(request, letter_pk):
    letter = _letter(request, letter_pk)
    referral = _referral(request, letter.referral_id)
    person = referral.person
    address = [person.full_name, *[line for line in (person.address or "").splitlines() if line.strip()]]
    if person.postcode:
        address.append(person.postcode)
    if letter.recipient == Recipient.REFERRER:
        address = [letter.to_name, *[line for line in referral.referrer_address.splitlines() if line.strip()]]
    elif letter.recipient == Recipient.FAMILY:
        address = [letter.to_name]
    content = letters.pdf(
        letter=letter, icb_name=person.icb.name, address_lines=address, sent_on=letter.sent_on
    )
    audit.record(
        request,
        "letter.downloaded",
        person=person,
        summary=f"Downloaded the {letter.get_kind_display().lower()} letter as a PDF",
        detail={"referral": referral.pk, "letter": letter.pk},
    )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="{letter.kind}-letter-{referral.pk}-{letter.pk}.pdf"'
    )
    return response


def _referral_form(request, referral_pk, *, form_class, template, call, success, initial=None, extra=None):
    referral = _referral(request, referral_pk)
    form = form_class(request.POST or None, initial=initial or {})
    if request.method == "POST" and form.is_valid():
        try:
            call(referral, form.cleaned_data)
        except ValidationError as error:
            _apply(form, error)
        else:
            messages.success(request, success)
            return redirect("referrals:detail", referral_pk=referral.pk)
    return render(
        request, template, {"referral": referral, "person": referral.person, "form": form, **(extra or {})}
    )


@requires(Action.MANAGE_REFERRALS)
@require_http_methods(["GET", "POST"])
def dispute(request, referral_pk):
    return _referral_form(
        request,
        referral_pk,
        form_class=forms.DisputeForm,
        template="referrals/dispute.jinja",
        initial={"disputed_on": get_today()},
        call=lambda referral, data: services.record_dispute(
            referral=referral, by=request.user, request=request, **data
        ),
        success="The dispute is recorded. Record its outcome when it has been decided.",
    )


@requires(Action.MANAGE_REFERRALS)
@require_http_methods(["GET", "POST"])
def dispute_outcome(request, referral_pk):
    return _referral_form(
        request,
        referral_pk,
        form_class=forms.DisputeOutcomeForm,
        template="referrals/dispute_outcome.jinja",
        initial={"decided_on": get_today()},
        call=lambda referral, data: services.decide_dispute(
            referral=referral, by=request.user, request=request, **data
        ),
        success="The outcome of the dispute is recorded.",
    )


@requires(Action.MANAGE_REFERRALS)
@require_http_methods(["GET", "POST"])
def withdraw(request, referral_pk):
    return _referral_form(
        request,
        referral_pk,
        form_class=forms.WithdrawForm,
        template="referrals/withdraw.jinja",
        call=lambda referral, data: services.withdraw_referral(
            referral=referral, by=request.user, request=request, **data
        ),
        success="The referral is withdrawn. It stays on their record, marked as withdrawn.",
    )


# ------------------------------------------------------------------------------------------- the templates


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
    if letter_kind not in LetterKind.values or recipient not in Recipient.values:
        raise Http404("No such letter")
    template = services.template_for(request.user.icb, letter_kind, recipient)
    form = forms.TemplateForm(
        request.POST or None, initial={"subject": template.subject, "body": template.body}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_template(template=template, by=request.user, request=request, **form.cleaned_data)
        except ValidationError as error:
            _apply(form, error)
        else:
            messages.success(
                request,
                f"The {template.get_kind_display().lower()} letter to "
                f"{template.get_recipient_display().lower()} is saved.",
            )
            return redirect("referrals:templates")
    return render(
        request,
        "referrals/template_edit.jinja",
        {"template": template, "form": form, "placeholders": letters.PLACEHOLDERS},
    )
