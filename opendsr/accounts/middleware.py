"""Every page needs a log-in with both factors: password, then a TOTP code. Pages for a logged-in user are never
stored by a browser or a proxy; asking for a record that is not there is audited; and the client's address is
read through the proxies OpenDSR is told to trust."""

import ipaddress

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers

from opendsr.accounts import audit

# Paths open without a log-in: the log-in pages themselves (/login/, /login/code/ ...), files anyone may fetch, and
# the public front door (each ICB's pages and referral form, the accessibility statement and privacy notice),
# which show only what an ICB has published, and the API, which takes no log-in but a token of its own (opendsr.api).
# Each ends in "/" or is a whole file name, so that /login-anything is
# not open.
OPEN_PREFIXES = (
    "/login/",
    "/static/",
    "/assets/",
    "/health/",
    "/public/",
    "/accessibility/",
    "/privacy/",
    "/api/",
)
OPEN_PATHS = ("/favicon.ico", "/robots.txt")


def is_open(path: str) -> bool:
    return path.startswith(OPEN_PREFIXES) or path in OPEN_PATHS


class RequireVerifiedLoginMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path
        if not is_open(path):
            user = request.user
            if not user.is_authenticated:
                return redirect(f"{reverse('accounts:login')}?next={request.get_full_path()}")
            if not user.is_verified():
                return redirect("accounts:verify")
        return self.get_response(request)


class NoStoreMiddleware:
    """A page or file (PDF, Excel, CSV) for a logged-in user holds people's data: no browser cache, no proxy,
    no back button after logging out may keep a copy."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.user.is_authenticated:
            add_never_cache_headers(response)
        return response


def client_address(meta: dict, *, proxy_count: int, header: str) -> str | None:
    """The address of the client, read through `proxy_count` trusted proxies.

    Each proxy appends the address it received the request from to `header` (X-Forwarded-For), so the entry
    `proxy_count` from the right is the one the outermost trusted proxy saw; entries further left were written by
    the client and prove nothing. With no proxies, or a header too short to have passed through them all,
    REMOTE_ADDR stands."""
    remote = meta.get("REMOTE_ADDR") or None
    if proxy_count <= 0:
        return remote
    key = "HTTP_" + header.upper().replace("-", "_")
    entries = [entry.strip() for entry in meta.get(key, "").split(",") if entry.strip()]
    if len(entries) < proxy_count:
        return remote
    candidate = entries[-proxy_count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


class ClientAddressMiddleware:
    """Put the client's address (through the trusted proxies) in REMOTE_ADDR, where the lockout (django-axes),
    the audit trail and Django itself read it. The proxy's own address is kept in PROXY_REMOTE_ADDR."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        count = settings.TRUSTED_PROXY_COUNT
        if count > 0:
            address = client_address(request.META, proxy_count=count, header=settings.CLIENT_IP_HEADER)
            request.META["PROXY_REMOTE_ADDR"] = request.META.get("REMOTE_ADDR", "")
            if address:
                request.META["REMOTE_ADDR"] = address
        return self.get_response(request)


class AuditNotFoundMiddleware:
    """A logged-in user asking for a record id that is not theirs to see (a 404) may be probing for records,
    so the audit trail keeps each one: the page and the ids asked for."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 404 and request.user.is_authenticated:
            match = getattr(request, "resolver_match", None)
            ids = {name: str(value)[:40] for name, value in (match.kwargs if match else {}).items()}
            ids = {name: value for name, value in ids.items() if name == "pk" or name.endswith("_pk")}
            if ids:
                audit.record(
                    request,
                    "record.not_found",
                    summary=f"Asked for a record that is not there or not theirs to see ({match.view_name})",
                    detail={"page": match.view_name, "ids": ids},
                )
        return response
