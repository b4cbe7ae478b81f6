"""Pages: a user's own API tokens (make, list, revoke) and the API's documentation."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from opendsr.accounts.access import Action, requires
from opendsr.api import services
from opendsr.api.forms import TokenForm
from opendsr.api.models import ApiToken
from opendsr.web.forms import show_refusal
from opendsr.web.params import whole_number

# The secret of a token just made, kept in the session only until the next page shows it once.
JUST_MADE = "api_token_just_made"


def _status(token: ApiToken, now) -> str:
    if token.revoked_at is not None:
        return "Revoked"
    if token.expires_at <= now:
        return "Expired"
    return "Active"


@requires(Action.USE_API)
@require_http_methods(["GET"])
def tokens(request):
    now = timezone.now()
    rows = [
        {"token": token, "status": _status(token, now)}
        for token in ApiToken.objects.filter(user=request.user).order_by("-created_at", "-id")
    ]
    just_made = request.session.pop(JUST_MADE, None)
    return render(request, "api/tokens.jinja", {"rows": rows, "just_made": just_made})


@requires(Action.USE_API)
@require_http_methods(["GET", "POST"])
def token_new(request):
    form = TokenForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            token, secret = services.create_token(
                user=request.user,
                name=form.cleaned_data["name"],
                scopes=form.cleaned_data["scopes"],
                days=int(form.cleaned_data["days"]),
                request=request,
            )
        except ValidationError as error:
            show_refusal(form, error)
        else:
            request.session[JUST_MADE] = {"name": token.name, "secret": secret}
            return redirect("api:tokens")
    return render(request, "api/token_form.jinja", {"form": form})


@requires(Action.USE_API)
@require_http_methods(["GET", "POST"])
def token_revoke(request):
    """Revoke one of the user's own tokens (named in the form); asking for it by address goes to the list."""
    if request.method == "POST":
        pk = whole_number(request.POST.get("token", ""), default=0)
        token = ApiToken.objects.filter(user=request.user, pk=pk).first()
        if token is not None and token.revoked_at is None:
            services.revoke_token(token=token, by=request.user, request=request)
            messages.success(request, f"The API token {token.name} is revoked. It no longer works.")
    return redirect("api:tokens")


def _parameters(operation: dict) -> list[dict]:
    return [
        {
            "name": p["name"],
            "where": p.get("in", ""),
            "required": p.get("required", False),
            "description": p.get("description") or p.get("schema", {}).get("description", ""),
        }
        for p in operation.get("parameters", [])
    ]


def docs(request):
    """The API's documentation, read from its OpenAPI document and written out on the server: no scripts, so
    the page keeps to the site's content security policy. Open to anyone, like the document itself."""
    from opendsr.api.v1 import api

    schema = api.get_openapi_schema(path_prefix="/api/v1")
    endpoints = []
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            endpoints.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": operation.get("summary", ""),
                    "description": operation.get("description", ""),
                    "parameters": _parameters(operation),
                    "body": bool(operation.get("requestBody")),
                    "responses": sorted(operation.get("responses", {})),
                }
            )
    return render(
        request,
        "api/docs.jinja",
        {"info": schema["info"], "endpoints": endpoints, "openapi_url": "/api/v1/openapi.json"},
    )
