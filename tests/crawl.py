"""Follow every link a user can see, as that user: the demo ICB loaded once, then every page reachable from the
home page by same-origin links.

`load_demo()` loads the demo data the way `opendsr load_demo` does. `Crawler(client).crawl()` starts at "/",
GETs each page, and follows every `<a href>` on it (and every redirect). To stay quick it visits at most
`per_pattern` distinct URLs for each URL pattern (and set of query parameter names), and fetches downloads
(PDFs, CSV and Excel files) only once a pattern without reading them. Each `Visit` says what answered, which
page linked to it and with what text, and which audit rows the request wrote.
"""

from __future__ import annotations

import importlib
from collections import defaultdict, deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

from django.urls import Resolver404, resolve

from opendsr.accounts.middleware import OPEN_PREFIXES
from opendsr.accounts.models import AuditEvent

# Pages a crawl must not follow: logging out ends the crawl's session.
NEVER_FOLLOW = {"accounts:logout"}
DOWNLOAD_SUFFIXES = (".pdf", ".csv", ".xlsx")


def load_demo() -> dict:
    """The demo organisations, users and people, as `load_demo` loads them; returns the demo context."""
    from opendsr.accounts import demo as accounts_demo

    context = accounts_demo.load()
    from opendsr.web.management.commands.load_demo import APPS

    for app in APPS:
        try:
            module = importlib.import_module(f"opendsr.{app}.demo")
        except ModuleNotFoundError as exc:
            if exc.name != f"opendsr.{app}.demo":
                raise
            continue
        module.load(context)
    return context


@dataclass
class Link:
    href: str
    text: str


class _Links(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[Link] = []
        self._open: list[list] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            attrs = dict(attrs)
            self._open.append([attrs.get("href"), "download" in attrs, []])

    def handle_data(self, data):
        for entry in self._open:
            entry[2].append(data)

    def handle_endtag(self, tag):
        if tag == "a" and self._open:
            href, _download, text = self._open.pop()
            if href:
                self.links.append(Link(href=href, text=" ".join("".join(text).split())))


def links_in(html: str) -> list[Link]:
    parser = _Links()
    parser.feed(html)
    return parser.links


@dataclass
class Visit:
    url: str
    status: int
    found_on: str | None
    link_text: str
    content_type: str = ""
    body: str = ""  # the text of an HTML or CSV answer
    audit_rows: list = field(default_factory=list)  # AuditEvent rows written while answering
    location: str = ""  # where a redirect went

    @property
    def is_html(self) -> bool:
        return self.content_type.startswith("text/html")

    def describe(self) -> str:
        via = f' (link "{self.link_text}" on {self.found_on})' if self.found_on else ""
        return f"{self.status} {self.url}{via}"


class Crawler:
    def __init__(self, client, *, per_pattern: int = 3, max_pages: int = 600):
        self.client = client
        self.per_pattern = per_pattern
        self.max_pages = max_pages
        self.visits: list[Visit] = []

    def pattern_of(self, url: str) -> tuple[str, tuple[str, ...]] | None:
        """The URL pattern a URL belongs to, with its query parameter names; None for what is not followed."""
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or not parts.path.startswith("/"):
            return None
        if parts.path.startswith(OPEN_PREFIXES):
            return None
        try:
            match = resolve(parts.path)
        except Resolver404:
            return ("(no such page)", ())
        name = match.view_name or match.route
        if name in NEVER_FOLLOW:
            return None
        keys = tuple(sorted({pair.split("=", 1)[0] for pair in parts.query.split("&") if pair} - {"page"}))
        return (name, keys)

    def crawl(self, start: str = "/") -> list[Visit]:
        queue: deque[tuple[str, str | None, str]] = deque([(start, None, "")])
        seen: set[str] = {start}
        taken: dict[tuple, int] = defaultdict(int)
        while queue and len(self.visits) < self.max_pages:
            url, found_on, text = queue.popleft()
            visit = self._get(url, found_on, text)
            self.visits.append(visit)
            targets = []
            if visit.location:
                targets.append(Link(href=visit.location, text="(redirect)"))
            if visit.is_html and visit.status == 200:
                targets.extend(links_in(visit.body))
            for link in targets:
                target = urldefrag(urljoin(url, link.href)).url
                if not target or target in seen:
                    continue
                pattern = self.pattern_of(target)
                if pattern is None:
                    continue
                download = urlsplit(target).path.endswith(DOWNLOAD_SUFFIXES)
                if taken[pattern] >= (1 if download else self.per_pattern):
                    continue
                taken[pattern] += 1
                seen.add(target)
                queue.append((target, url, link.text))
        return self.visits

    def _get(self, url: str, found_on: str | None, text: str) -> Visit:
        last = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        response = self.client.get(url)
        content_type = response.get("Content-Type", "")
        body = ""
        if content_type.startswith(("text/html", "text/csv")) and not getattr(response, "streaming", False):
            body = response.content.decode("utf-8", "replace")
        return Visit(
            url=url,
            status=response.status_code,
            found_on=found_on,
            link_text=text,
            content_type=content_type,
            body=body,
            audit_rows=list(AuditEvent.objects.filter(pk__gt=last).order_by("pk")),
            location=response.get("Location", "")
            if response.status_code in (301, 302, 303, 307, 308)
            else "",
        )
