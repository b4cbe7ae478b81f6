"""The Jinja2 environment: our templates first, then the NHS.UK frontend macros."""

from datetime import date, datetime

from django.conf import settings
from django.contrib.messages import get_messages
from django.middleware.csrf import get_token
from django.templatetags.static import static
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from jinja2 import ChainableUndefined, ChoiceLoader, Environment, PackageLoader
from markupsafe import Markup, escape

from opendsr.web import formatting, presenters
from opendsr.web.forms import error_summary, field, form_errors_title_prefix
from opendsr.web.navigation import navigation


def url(name: str, *args, **kwargs) -> str:
    return reverse(name, args=args or None, kwargs=kwargs or None)


def csrf_input(request) -> Markup:
    return Markup('<input type="hidden" name="csrfmiddlewaretoken" value="{}">').format(
        escape(get_token(request))
    )


def url_or_none(name: str, *args, **kwargs) -> str | None:
    """The URL, or None while the page it names does not exist (lets apps link to each other safely)."""
    try:
        return url(name, *args, **kwargs)
    except NoReverseMatch:
        return None


def nonce(request) -> str:
    """The CSP nonce as a string (django-csp's lazy nonce counts as false until turned into one)."""
    value = getattr(request, "csp_nonce", None)
    return str(value) if value is not None else ""


def can(request, action) -> bool:
    from opendsr.accounts import access

    return access.allowed(request.user, action)


def link(request, name: str, *args, query: str = "") -> str | None:
    """The address of a page if this user may open it, else None (`access.link` decides): for links that are
    shown only to those who can follow them."""
    from opendsr.accounts import access

    return access.link(request.user, name, *args, query=query)


def environment(**options) -> Environment:
    loader = options.pop("loader", None)
    options["undefined"] = ChainableUndefined
    options.setdefault("autoescape", True)
    env = Environment(**options, extensions=["jinja2.ext.do", "jinja2.ext.loopcontrols"])
    if loader is not None:
        env.loader = ChoiceLoader([loader, PackageLoader("nhsuk_frontend_jinja")])
    else:
        env.loader = PackageLoader("nhsuk_frontend_jinja")
    env.globals.update(
        {
            "static": static,
            "url": url,
            "url_or_none": url_or_none,
            "csrf_input_for": csrf_input,
            "get_messages": get_messages,
            "field": field,
            "error_summary": error_summary,
            "error_title": form_errors_title_prefix,
            "settings": settings,
            "now": timezone.now,
            "nonce": nonce,
            "navigation": navigation,
            "can": can,
            "link": link,
            "rating_tag": presenters.rating_tag,
            "timescales": formatting.timescales(),
            "obligation_tag": presenters.obligation_tag,
            "review_status_tag": presenters.review_status_tag,
            "active_tag": presenters.active_tag,
            "due_tag": presenters.due_tag,
        }
    )
    env.filters.update(
        {
            "nhs_date": formatting.nhs_date,
            "nhs_datetime": formatting.nhs_datetime,
            "nhs_number": formatting.nhs_number,
            "days_phrase": formatting.days_phrase,
            "yes_no": formatting.yes_no,
            "isodate": lambda d: d.isoformat() if isinstance(d, date | datetime) else "",
            "default_dash": formatting.default_dash,
        }
    )
    return env
