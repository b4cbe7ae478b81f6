"""Users: the list, adding one, their page, changing, deactivating and reactivating them, sending a new link
and resetting their security code."""

from django.contrib import messages
from django.contrib.auth import logout
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from opendsr.accounts import queries, services
from opendsr.accounts.access import Action, requires
from opendsr.accounts.forms import ROLE_HINTS, UserAddForm, UserEditForm, UserSearchForm
from opendsr.accounts.services.users import OWN_ROLE
from opendsr.accounts.views.common import PAGE_SIZE, _site_url
from opendsr.web.params import query_without_page


@requires(Action.MANAGE_USERS)
def users_view(request):
    form = UserSearchForm(request.GET or None)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    users = queries.users_for(
        request.user,
        q=filters.get("q", ""),
        role=filters.get("role", ""),
        status=filters.get("status") or "active",
    )
    page = Paginator(users, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "accounts/users.jinja",
        {"form": form, "page": page, "query": query_without_page(request)},
    )


def _user_form_options(request) -> dict:
    return {
        "teams": queries.teams_for(request.user),
        "organisations": queries.organisations_for(request.user),
    }


@requires(Action.MANAGE_USERS)
@require_http_methods(["GET", "POST"])
def user_add_view(request):
    form = UserAddForm(request.POST or None, **_user_form_options(request))
    if request.method == "POST" and form.is_valid():
        try:
            user = services.invite_user(
                by=request.user, site_url=_site_url(request), request=request, **form.cleaned_data
            )
        except services.AccountError as error:
            form.add_error(error.field or "email", str(error))
        else:
            messages.success(
                request,
                f"{user.display_name} has been added. We have emailed them a link to set their password.",
            )
            return redirect("accounts:user", user_pk=user.pk)
    return render(
        request, "accounts/user_form.jinja", {"form": form, "role_hints": ROLE_HINTS, "account": None}
    )


@requires(Action.MANAGE_USERS)
def user_view(request, user_pk):
    account = queries.user_for(request.user, user_pk)
    return render(
        request,
        "accounts/user.jinja",
        {
            "account": account,
            "has_security_code": queries.has_security_code(account),
            "is_me": account.pk == request.user.pk,
        },
    )


@requires(Action.MANAGE_USERS)
@require_http_methods(["GET", "POST"])
def user_edit_view(request, user_pk):
    account = queries.user_for(request.user, user_pk)
    initial = {
        "first_name": account.first_name,
        "last_name": account.last_name,
        "role": account.role,
        "profession": account.profession,
        "team": account.team_id,
        "organisation": account.organisation_id if account.organisation_id != account.icb_id else None,
        "job_title": account.job_title,
    }
    form = UserEditForm(request.POST or None, initial=initial, **_user_form_options(request))
    is_me = account.pk == request.user.pk
    if is_me:
        form.fields["role"].help_text = OWN_ROLE
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["organisation"] = data["organisation"] or request.user.icb
        try:
            services.update_user(by=request.user, user=account, request=request, **data)
        except services.AccountError as error:
            form.add_error(error.field or "role", str(error))
        else:
            messages.success(request, f"The changes to {account.display_name} are saved.")
            return redirect("accounts:user", user_pk=account.pk)
    return render(
        request,
        "accounts/user_form.jinja",
        {"form": form, "role_hints": ROLE_HINTS, "account": account, "is_me": is_me},
    )


@requires(Action.MANAGE_USERS)
@require_http_methods(["GET", "POST"])
def user_deactivate_view(request, user_pk):
    account = queries.user_for(request.user, user_pk)
    error = None
    if request.method == "POST":
        try:
            services.deactivate_user(by=request.user, user=account, request=request)
        except services.AccountError as problem:
            error = str(problem)
        else:
            messages.success(request, f"{account.display_name} can no longer log in. Their records stay.")
            return redirect("accounts:user", user_pk=account.pk)
    return render(
        request,
        "accounts/user_confirm.jinja",
        {
            "account": account,
            "error": error,
            "heading": f"Deactivate {account.display_name}?",
            "lead": "They will be logged out and will not be able to log in. Everything they recorded stays on the "
            "register and in the audit log. You can reactivate the account later.",
            "button_text": "Deactivate account",
            "warning": True,
        },
    )


@requires(Action.MANAGE_USERS)
@require_POST
def user_reactivate_view(request, user_pk):
    account = queries.user_for(request.user, user_pk)
    services.reactivate_user(by=request.user, user=account, request=request)
    messages.success(request, f"{account.display_name} can log in again.")
    return redirect("accounts:user", user_pk=account.pk)


@requires(Action.MANAGE_USERS)
@require_POST
def user_resend_view(request, user_pk):
    account = queries.user_for(request.user, user_pk)
    try:
        services.resend_invitation(
            by=request.user, user=account, site_url=_site_url(request), request=request
        )
    except services.AccountError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"We have emailed {account.email} a new link to set their password.")
    return redirect("accounts:user", user_pk=account.pk)


@requires(Action.MANAGE_USERS)
@require_http_methods(["GET", "POST"])
def user_reset_code_view(request, user_pk):
    account = queries.user_for(request.user, user_pk)
    if request.method == "POST":
        services.reset_second_factor(by=request.user, user=account, request=request)
        if account.pk == request.user.pk:
            # Their own sessions have ended, this one too: they log in again with their password.
            logout(request)
            return redirect("accounts:login")
        messages.success(
            request, f"{account.display_name} will set up a new security code the next time they log in."
        )
        return redirect("accounts:user", user_pk=account.pk)
    return render(
        request,
        "accounts/user_confirm.jinja",
        {
            "account": account,
            "heading": f"Reset the security code for {account.display_name}?",
            "lead": "Do this when someone has lost or replaced their phone. Their old authenticator app will stop "
            "working, they will be logged out everywhere, and they will set up a new one the next time they log "
            "in with their password.",
            "button_text": "Reset security code",
            "warning": True,
        },
    )
