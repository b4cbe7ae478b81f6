"""What the account pages share: the page size and the address for links in emails."""

from django.conf import settings

PAGE_SIZE = 50


def _site_url(request) -> str:
    """The address for links in emails: SITE_URL, never the Host header the request came with."""
    return settings.SITE_URL
