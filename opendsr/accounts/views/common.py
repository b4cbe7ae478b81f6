"""What the account pages share: the page size, a list's address without its page, and the address for links
in emails."""

from django.conf import settings

PAGE_SIZE = 50


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def _site_url(request) -> str:
    """The address for links in emails: SITE_URL, never the Host header the request came with."""
    return settings.SITE_URL
