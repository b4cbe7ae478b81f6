from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse

from opendsr.accounts import access
from opendsr.accounts.access import Action
from opendsr.web import uploads


def home(request):
    """Send each user to where their work starts."""
    for action, name in (
        (Action.VIEW_WORK, "oversight:my_work"),
        (Action.VIEW_REVIEWS, "reviews:list"),  # a panel member's work: the reviews they sit on
        (Action.VIEW_COHORT, "oversight:cohort"),
        (Action.VIEW_FIGURES, "reporting:figures"),
        (Action.VIEW_REGION_FIGURES, "reporting:region"),
    ):
        if access.allowed(request.user, action):
            try:
                return redirect(reverse(name))
            except NoReverseMatch:
                continue
    return render(request, "web/home.jinja")


@access.requires(Action.MANAGE_USERS)
def admin_home(request):
    return render(request, "web/admin_home.jinja")


def accessibility(request):
    return render(request, "web/accessibility.jinja")


def privacy(request):
    return render(request, "web/privacy.jinja")


def health(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


# Search engines may list what the public may read without logging in: each ICB's published pages, and the
# accessibility statement and privacy notice. Nothing behind the log-in, and not the referral forms' question
# pages or the links emailed to professionals (the first page of each form may be listed). The longest
# rule that matches wins (RFC 9309), so the order does not matter to a search engine; it is written for a reader.
ROBOTS = """User-agent: *
Allow: /public/
Allow: /accessibility/
Allow: /privacy/
Disallow: /public/*/refer/
Allow: /public/*/refer/$
Disallow: /public/*/professional/
Allow: /public/*/professional/$
Disallow: /
"""


def robots(request):
    return HttpResponse(ROBOTS, content_type="text/plain")


def not_found(request, exception=None):
    return render(request, "web/404.jinja", status=404)


def forbidden(request, exception=None):
    return render(request, "web/403.jinja", status=403)


def server_error(request):
    return render(request, "web/500.jinja", status=500)


def bad_request(request, exception=None):
    if isinstance(exception, RequestDataTooBig):
        limit = uploads.megabytes(settings.OPENDSR_MAX_UPLOAD_BYTES)
        return render(request, "web/400.jinja", {"too_large": limit}, status=413)
    return render(request, "web/400.jinja", status=400)
