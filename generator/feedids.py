"""Feed ids that never say ``None``: every Atom ``<id>``, RSS ``<guid>`` and JSON Feed id.

Pelican's writer makes an entry's id from its link (``tag:<host>,<date>:<path>``),
so without an absolute ``SITEURL`` (``make html``) the host is missing and every id
reads ``tag:None,...``; and every feed of a site gets the same feed id (the site's
address). Here the ids come from ``TIMELINE_FEED_ID_DOMAIN`` (by default the host
of ``SITEURL`` or ``FEED_DOMAIN``, else ``localhost``) and the item's address
*relative to the site*, so they stay the same whatever sub-path the site is
published under, and a feed's own id is its own:

- entry: ``tag:example.org,2016-12-23:bulletins/2016-12-23/`` (its date, as Pelican);
- entry with a fragment: ``tag:example.org,2016-12-23:bulletins/2016-12-23/#i-abc``;
- feed: ``urn:uuid:<uuid5 of https://example.org/feeds/bulletins.atom.xml>``.

``rewrite`` is connected to Pelican's ``feed_generated`` signal, so Pelican's own
article feeds get the same ids as the plugin's.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

# A DNS name (RFC 4151's authorityName, without the e-mail form): labels of letters, digits, hyphens.
_DOMAIN = re.compile(r"(?=.{1,253}$)(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))*")
FALLBACK = "localhost"


def check_domain(value: Any, _: Mapping[str, Any] | None = None) -> str | None:
    """What is wrong with a TIMELINE_FEED_ID_DOMAIN value (empty or None: derive it).

    >>> check_domain("example.org"), check_domain("")
    (None, None)
    >>> check_domain("https://example.org/bulletin")
    "expected a domain name such as 'example.org' (no scheme, path or port), got 'https://example.org/bulletin'"
    """
    if value is None or value == "" or (isinstance(value, str) and _DOMAIN.fullmatch(value)):
        return None
    return f"expected a domain name such as 'example.org' (no scheme, path or port), got {value!r}"


def domain(settings: Mapping[str, Any]) -> str:
    """The id domain: the setting, else the host of an absolute SITEURL or FEED_DOMAIN, else localhost.

    >>> domain({"TIMELINE_FEED_ID_DOMAIN": "news.example.net", "SITEURL": "https://example.org/b"})
    'news.example.net'
    >>> domain({"SITEURL": "https://Example.org/b"}), domain({"SITEURL": "", "FEED_DOMAIN": ""})
    ('example.org', 'localhost')
    """
    chosen = settings.get("TIMELINE_FEED_ID_DOMAIN")
    if chosen:
        return str(chosen)
    for name in ("SITEURL", "FEED_DOMAIN"):
        host = urlsplit(str(settings.get(name) or "")).hostname
        if host:
            return host
    return FALLBACK


def site_path(link: str, siteurl: str) -> str:
    """A link's address relative to the site: no scheme, host, sub-path or leading slash.

    >>> site_path("https://example.org/b/bulletins/2016-12-23/#i-1", "https://example.org/b")
    'bulletins/2016-12-23/#i-1'
    >>> site_path("/feeds/all.atom.xml", ""), site_path("bulletins/2016-12-23/", "")
    ('feeds/all.atom.xml', 'bulletins/2016-12-23/')
    """
    parts = urlsplit(link)
    path = parts.path
    base = urlsplit(siteurl or "").path.rstrip("/")
    if base and (path == base or path.startswith(base + "/")):
        path = path[len(base):]
    path = path.lstrip("/")
    return path + (f"#{parts.fragment}" if parts.fragment else "")


def item_id(id_domain: str, path: str, date: dt.date | dt.datetime | None) -> str:
    """An entry's tag URI (RFC 4151), dated like Pelican's.

    >>> item_id("example.org", "bulletins/2016-12-23/#i-1", dt.datetime(2016, 12, 23, 0, 0))
    'tag:example.org,2016-12-23:bulletins/2016-12-23/#i-1'
    """
    day = f",{date.strftime('%Y-%m-%d')}" if date is not None else ""
    return f"tag:{id_domain}{day}:{path}"


def feed_id(id_domain: str, path: str) -> str:
    """A feed's own id: a name-based UUID of its address on the id domain (one per feed, stable).

    >>> feed_id("example.org", "feeds/bulletins.atom.xml") == feed_id("example.org", "feeds/bulletins.atom.xml")
    True
    >>> feed_id("example.org", "feeds/a.xml") != feed_id("example.org", "feeds/b.xml")
    True
    """
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'https://{id_domain}/{path}')}"


def rewrite(context: Mapping[str, Any], feed: Any) -> None:
    """``feed_generated``: give a feedgenerator feed and its items the ids above (in place)."""
    id_domain = domain(context)
    siteurl = str(context.get("SITEURL") or "")
    feed_domain = str(context.get("FEED_DOMAIN") or siteurl)
    feed.feed["id"] = feed_id(id_domain, site_path(str(feed.feed.get("feed_url") or ""), feed_domain))
    for item in feed.items:
        item["unique_id"] = item_id(id_domain, site_path(str(item["link"]), siteurl), item.get("pubdate"))
