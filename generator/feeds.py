"""Feeds: daily bulletins and per-place events as Atom, RSS 2.0 and JSON Feed.

Written through Pelican's own ``Writer.write_feed`` (so ``FEED_MAX_ITEMS``,
``FEED_APPEND_REF``, ``TIMEZONE`` and the ``feed_generated``/``feed_written``
signals behave as for article feeds); the small ``FeedItem`` adapter gives
a bulletin or an event the attributes the writer reads.

What feed readers need, learnt from Pelican's issue tracker:

- absolute links inside the content (relative ones break in readers): the
  bodies below are built with the ``siteurl`` the writer passes;
- stable ids and a ``pubdate`` that never moves: the id is a tag URI of the
  bulletin's permalink and its day, ``pubdate`` is the bulletin's day;
  revisions (a late report about that day) only move ``updated``, which is
  the latest publication date of the articles that contributed. So a
  revised bulletin is updated in place, not re-sent as new;
- a useful summary: the key figures, so summary-only readers still get the
  numbers; the full bulletin is the content.

Nothing here reads the clock: the same data gives byte-identical feeds.
A feed with no entries is not written, because feedgenerator would stamp
it with the current time.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping, Sequence

from feedgenerator import get_tag_uri
from jinja2 import Environment
from pelican.utils import set_date_tzinfo, slugify

from generator.exports import absolute_url, display_date
from generator.model import Bulletin, Event, KeyFigure, SiteData, Tally

DEFAULTS = {
    "BULLETIN_URL": "bulletins/{date}/",
    "BULLETIN_FEED_ATOM": "feeds/bulletins.atom.xml",
    "BULLETIN_FEED_RSS": "feeds/bulletins.rss.xml",
    "PLACE_URL": "places/{slug}/",
}
PLACE_FEED_ATOM = "feeds/places/{slug}.atom.xml"
PLACE_FEED_RSS = "feeds/places/{slug}.rss.xml"
BULLETIN_FEED_JSON = "feeds/bulletins.json"


def _setting(settings: Mapping[str, Any], name: str) -> Any:
    value = settings.get(name)
    return DEFAULTS.get(name) if value is None else value


# -- the adapter Pelican's writer reads -------------------------------------------


@dataclass
class FeedItem:
    """Everything ``pelican.writers.Writer._add_item_to_the_feed`` reads.

    ``url`` is relative to SITEURL (the writer makes it absolute);
    ``date``/``modified`` are naive datetimes the writer localises to
    ``TIMEZONE``. ``body`` is a function of the site URL so links inside
    the content are absolute in the feed.
    """

    title: str
    url: str
    date: dt.datetime
    modified: dt.datetime
    summary: str
    body: Any  # Callable[[str], str]
    author: str = ""
    tags: list[str] = field(default_factory=list)

    def get_content(self, siteurl: str) -> str:
        return self.body(siteurl)


# -- rendering ----------------------------------------------------------------------

_ENV = Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False)
_ENV.filters["abs"] = lambda url, siteurl: absolute_url(siteurl, url) if url else ""
_ENV.filters["display_date"] = display_date
_ENV.filters["figure_phrase"] = lambda f, metrics: figure_phrase(f, metrics)
_ENV.filters["place"] = lambda p: p.name if not p.admin1 or p.admin1 == p.name else f"{p.name} ({p.admin1})"

_EVENT = """\
<p><strong>{{ event.date | display_date }}</strong>
{%- if event.places %} · {{ event.places | map('place') | unique | join(', ') }}{% endif %}
 · {{ event.type | replace('_', ' ') }}</p>
<blockquote><p>{{ event.sentence }}</p></blockquote>
{% if event.figures %}
<ul>
{% for f in event.figures %}
<li>{{ f | figure_phrase(metrics) }}</li>
{% endfor %}
</ul>
{% endif %}
<p>{% if event.date_text %}Date from “{{ event.date_text }}”. {% endif %}
{%- if event.source_url %}Source: <a href="{{ event.source_url }}">{{ event.source or event.source_url }}</a>{% elif event.source %}Source: {{ event.source }}{% endif %}
{%- if event.article_url %} · <a href="{{ event.article_url | abs(siteurl) }}">{{ event.article_title or 'article' }}</a>{% endif %}</p>
"""

_BULLETIN = """\
{% if key_figures %}
<h2>Key figures</h2>
<ul>
{% for k in key_figures %}
<li><strong>{{ k.label }}: {{ k.range }}</strong>
{%- if k.change %} ({{ k.change }} on the previous day){% endif %}
{%- if k.claims %} — {{ k.claims | join('; ') }}{% endif %}</li>
{% endfor %}
</ul>
{% endif %}
{% for t in tallies %}
<table>
<caption>{{ t.label }}{% if t.tally.attributed_to %}, according to {{ t.tally.attributed_to }}{% endif %}</caption>
<thead><tr><th scope="col">Place</th><th scope="col">Count</th></tr></thead>
<tbody>
{% for place, count in t.tally.by_place.items() %}
<tr><th scope="row">{{ place }}</th><td>{{ count }}</td></tr>
{% endfor %}
</tbody>
<tfoot><tr><th scope="row">Total</th><td>{{ t.tally.total }}
{%- if t.tally.stated_total is not none and t.tally.stated_total != t.tally.by_place.values() | sum %} (stated {{ t.tally.stated_total }}; places add up to {{ t.tally.by_place.values() | sum }}){% endif %}</td></tr></tfoot>
</table>
{% endfor %}
{% if events %}
<h2>Events</h2>
{% for event in events %}
{% include "event" %}
{% endfor %}
{% endif %}
<p><a href="{{ url | abs(siteurl) }}">The bulletin for {{ date | display_date }}</a>
{%- if previous %} · <a href="{{ previous | abs(siteurl) }}">previous day</a>{% endif %}
{%- if next %} · <a href="{{ next | abs(siteurl) }}">next day</a>{% endif %}</p>
"""


class _Templates:
    """The two body templates, loadable by name so the bulletin can include the event one."""

    def __init__(self) -> None:
        from jinja2 import DictLoader

        self.env = _ENV.overlay(loader=DictLoader({"event": _EVENT, "bulletin": _BULLETIN}))

    def render(self, name: str, **context: Any) -> str:
        return self.env.get_template(name).render(**context)


TEMPLATES = _Templates()


def metric_label(metric: str, metrics: Mapping[str, Any] | None) -> str:
    """The configured label of a metric, else its name made readable.

    >>> metric_label("ceasefire_violations", {})
    'Ceasefire violations'
    >>> metric_label("killed", {"killed": {"label": "People killed"}})
    'People killed'
    """
    spec = (metrics or {}).get(metric)
    if isinstance(spec, Mapping) and spec.get("label"):
        return str(spec["label"])
    return metric.replace("_", " ").capitalize()


def figure_phrase(figure: Any, metrics: Mapping[str, Any] | None = None) -> str:
    """A figure as a reader says it, its source first.

    >>> from generator.model import Figure
    >>> figure_phrase(Figure("killed", 2, qualifier="at least", subgroup="children", attributed_to="SOHR"))
    'SOHR: at least 2 killed (children)'
    >>> figure_phrase(Figure("evacuated", 10, value_max=15, cumulative=True))
    'unattributed: 10–15 evacuated (running total)'
    """
    qualifier = f"{figure.qualifier} " if figure.qualifier else ""
    upper = f"–{figure.value_max}" if figure.value_max is not None else ""
    notes = [n for n in (figure.subgroup, "running total" if figure.cumulative else None) if n]
    note = f" ({', '.join(notes)})" if notes else ""
    label = metric_label(figure.metric, metrics).lower()
    return f"{figure.attributed_to or 'unattributed'}: {qualifier}{figure.value}{upper} {label}{note}"


def _claim_text(claim: Any) -> str:
    qualifier = f"{claim.qualifier} " if claim.qualifier else ""
    subgroup = f" {claim.subgroup}" if claim.subgroup else ""
    return f"{claim.attributed_to or 'unattributed'}: {qualifier}{claim.value}{subgroup}"


def key_figure_line(key: KeyFigure, metrics: Mapping[str, Any] | None) -> dict[str, str]:
    """A key figure as label, range, change and claims, ready for text or HTML.

    >>> from generator.model import Claim
    >>> k = KeyFigure("killed", 6, 8, (Claim("killed", 6, None, "Observatory", None, ("a",)),
    ...                                Claim("killed", 8, "at least", "State TV", None, ("b",))), change=2)
    >>> key_figure_line(k, {})["range"], key_figure_line(k, {})["change"]
    ('6–8', '+2')
    """
    return {
        "label": metric_label(key.metric, metrics),
        "range": str(key.low) if key.low == key.high else f"{key.low}–{key.high}",
        "change": "" if not key.change else f"{key.change:+d}",
        "claims": [_claim_text(c) for c in key.claims],
    }


def bulletin_summary(bulletin: Bulletin, metrics: Mapping[str, Any] | None) -> str:
    """Plain-text key figures: what a summary-only feed reader shows.

    Falls back to the number of events (and tallies) when the day has no
    key figures, so no summary is empty.
    """
    parts = []
    for key in bulletin.key_figures:
        line = key_figure_line(key, metrics)
        text = f"{line['label']}: {line['range']}"
        if line["change"]:
            text += f" ({line['change']})"
        parts.append(text)
    if not parts:
        parts.append(f"{len(bulletin.events)} event{'s' if len(bulletin.events) != 1 else ''}")
        if bulletin.tallies:
            parts.append(f"{len(bulletin.tallies)} tall{'ies' if len(bulletin.tallies) != 1 else 'y'}")
    return "; ".join(parts) + "."


def render_event(event: Event, siteurl: str, metrics: Mapping[str, Any] | None = None) -> str:
    return TEMPLATES.render("event", event=event, siteurl=siteurl, metrics=metrics or {})


def render_bulletin(bulletin: Bulletin, siteurl: str, settings: Mapping[str, Any]) -> str:
    """The bulletin as self-contained HTML with absolute links (no CSS, no scripts)."""
    metrics = settings.get("TIMELINE_METRICS") or {}
    url_pattern = _setting(settings, "BULLETIN_URL")
    return TEMPLATES.render(
        "bulletin",
        key_figures=[key_figure_line(k, metrics) for k in bulletin.key_figures],
        tallies=[{"tally": t, "label": metric_label(t.metric, metrics)} for t in bulletin.tallies],
        events=bulletin.events,
        date=bulletin.date,
        url=url_pattern.format(date=bulletin.date),
        previous=url_pattern.format(date=bulletin.previous) if bulletin.previous else "",
        next=url_pattern.format(date=bulletin.next) if bulletin.next else "",
        siteurl=siteurl,
        metrics=metrics,
    )


# -- dates ---------------------------------------------------------------------------


def day_start(date: str) -> dt.datetime:
    """Midnight at the start of a date of any precision (month → its 1st).

    >>> day_start("2016-12-23"), day_start("2016-12")
    (datetime.datetime(2016, 12, 23, 0, 0), datetime.datetime(2016, 12, 1, 0, 0))
    """
    from generator.exports import date_parts

    year, month, day = date_parts(date)
    return dt.datetime(year, month or 1, day or 1)


def contributing_articles(bulletin: Bulletin) -> set[str]:
    """Slugs of every article that contributed an event or a tally to a bulletin."""
    slugs = {e.article for e in bulletin.events}
    for tally in bulletin.tallies:
        slugs.add(tally.article)
        slugs.update(slug for slug, _ in tally.sources)
    return slugs


def last_revised(date: str, slugs: Iterable[str], published: Mapping[str, dt.date]) -> dt.datetime:
    """When an entry last changed: the latest publication among its articles.

    Never before the entry's own day (an article can announce an event
    ahead), so ``updated`` is never earlier than ``published``.
    """
    start = day_start(date)
    dates = [dt.datetime.combine(published[s], dt.time()) for s in slugs if s in published]
    return max([start, *dates])


# -- items -----------------------------------------------------------------------------


def bulletin_items(site_data: SiteData, settings: Mapping[str, Any], full_content: bool = True) -> list[FeedItem]:
    """One feed item per bulletin day, newest first."""
    published = {a.slug: a.published for a in site_data.articles}
    metrics = settings.get("TIMELINE_METRICS") or {}
    url_pattern = _setting(settings, "BULLETIN_URL")
    author = settings.get("AUTHOR") or settings.get("SITENAME") or ""
    items = []
    for bulletin in sorted(site_data.bulletins, key=lambda b: b.date, reverse=True):
        summary = bulletin_summary(bulletin, metrics)
        if full_content:
            body = (lambda b: lambda siteurl: render_bulletin(b, siteurl, settings))(bulletin)
        else:
            body = (lambda s: lambda siteurl: f"<p>{_escape(s)}</p>")(summary)
        items.append(FeedItem(
            title=f"Bulletin for {display_date(bulletin.date)}",
            url=url_pattern.format(date=bulletin.date),
            date=day_start(bulletin.date),
            modified=last_revised(bulletin.date, contributing_articles(bulletin), published),
            summary=summary,
            body=body,
            author=author,
            tags=sorted({p.admin1 for e in bulletin.events for p in e.places if p.admin1}),
        ))
    return items


def _escape(text: str) -> str:
    from markupsafe import escape

    return str(escape(text))


def place_slug(name: str, settings: Mapping[str, Any]) -> str:
    """The slug of a place, as Pelican slugifies (honours ``SLUG_REGEX_SUBSTITUTIONS``)."""
    return slugify(name, regex_subs=settings.get("SLUG_REGEX_SUBSTITUTIONS", []))


def events_by_place(events: Iterable[Event]) -> dict[str, list[Event]]:
    """Events grouped by province (``Place.admin1``), in date order.

    An event naming two provinces appears under both; places without a
    province (a whole country) have no place page and no feed.
    """
    groups: dict[str, list[Event]] = defaultdict(list)
    for event in sorted(events, key=lambda e: (e.date, e.article, e.start, e.id)):
        for admin1 in sorted({p.admin1 for p in event.places if p.admin1}):
            groups[admin1].append(event)
    return dict(sorted(groups.items()))


def event_title(event: Event) -> str:
    where = ", ".join(dict.fromkeys(p.name for p in event.places))
    kind = event.type.replace("_", " ").capitalize()
    return f"{display_date(event.date)}: {kind}{' in ' + where if where else ''}"


def event_items(events: Sequence[Event], place_url: str, site_data: SiteData, settings: Mapping[str, Any]) -> list[FeedItem]:
    """Feed items for events, newest first, each linking to its anchor.

    A day-precision event links to its bulletin (``#e-<id>``), others to
    the place page, which lists every event of the place.
    """
    published = {a.slug: a.published for a in site_data.articles}
    metrics = settings.get("TIMELINE_METRICS") or {}
    bulletin_days = {b.date for b in site_data.bulletins}
    url_pattern = _setting(settings, "BULLETIN_URL")
    items = []
    for event in sorted(events, key=lambda e: (e.date, e.article, e.start, e.id), reverse=True):
        page = url_pattern.format(date=event.date) if event.granularity == "day" and event.date in bulletin_days else place_url
        sentence = event.sentence if len(event.sentence) <= 280 else event.sentence[:279] + "…"
        items.append(FeedItem(
            title=event_title(event),
            url=f"{page}#e-{event.id}",
            date=day_start(event.date),
            modified=last_revised(event.date, [event.article], published),
            summary=sentence,
            body=(lambda e: lambda siteurl: render_event(e, siteurl, metrics))(event),
            author=event.source or "",
            tags=[event.type.replace("_", " ")],
        ))
    return items


# -- writing ------------------------------------------------------------------------------


def write_feeds(writer: Any, site_data: SiteData, context: dict, settings: Mapping[str, Any]) -> None:
    """Bulletin feeds (Atom, RSS, JSON Feed) and one Atom + RSS feed per province.

    RSS carries the full bulletin as its description whatever Pelican's
    ``RSS_FEED_SUMMARY_ONLY`` says for articles, unless
    ``BULLETIN_FEED_FULL_CONTENT`` is False (then every feed carries the
    key-figures summary only).
    """
    full = settings.get("BULLETIN_FEED_FULL_CONTENT", True)
    items = bulletin_items(site_data, settings, full_content=full)
    if items:
        atom = _setting(settings, "BULLETIN_FEED_ATOM")
        rss = _setting(settings, "BULLETIN_FEED_RSS")
        if atom:
            writer.write_feed(items, context, atom, feed_type="atom", override_output=True, feed_title="Daily bulletins")
        if rss:
            # RSS has one field for summary and content; put the body in it.
            rss_items = [_RssItem(i, context.get("SITEURL", "")) if full else i for i in items]
            writer.write_feed(rss_items, context, rss, feed_type="rss", override_output=True, feed_title="Daily bulletins")
        json_path = settings.get("BULLETIN_FEED_JSON", BULLETIN_FEED_JSON)
        if json_path:
            write_json_feed(os.path.join(writer.output_path, json_path), json_path, items, context, settings)

    place_pattern = _setting(settings, "PLACE_URL")
    for place, events in events_by_place(site_data.events).items():
        slug = place_slug(place, settings)
        place_items = event_items(events, place_pattern.format(slug=slug), site_data, settings)
        title = f"Events in {place}"
        writer.write_feed(place_items, context, PLACE_FEED_ATOM.format(slug=slug), feed_type="atom", override_output=True, feed_title=title)
        rss_items = [_RssItem(i, context.get("SITEURL", "")) for i in place_items]
        writer.write_feed(rss_items, context, PLACE_FEED_RSS.format(slug=slug), feed_type="rss", override_output=True, feed_title=title)


class _RssItem:
    """A FeedItem whose ``summary`` is its full body, for RSS.

    RSS has a single ``description`` field, and Pelican's writer fills it
    from ``summary`` when ``RSS_FEED_SUMMARY_ONLY`` is on (its default), so
    the body is rendered here for the site URL the writer uses.
    """

    def __init__(self, item: FeedItem, siteurl: str) -> None:
        self._item = item
        self._siteurl = siteurl

    def __getattr__(self, name: str) -> Any:
        return getattr(self._item, name)

    @property
    def summary(self) -> str:
        return self._item.get_content(self._siteurl)


def write_json_feed(path: str, url: str, items: Sequence[FeedItem], context: Mapping[str, Any], settings: Mapping[str, Any]) -> None:
    """JSON Feed 1.1 (feedgenerator has no writer for it), same ids as Atom."""
    siteurl = context.get("SITEURL") or ""
    feed_domain = context.get("FEED_DOMAIN") or siteurl
    timezone = settings.get("TIMEZONE")
    entries = []
    for item in items[: settings.get("FEED_MAX_ITEMS") or None]:
        link = absolute_url(siteurl, item.url)
        entries.append({
            "id": get_tag_uri(link, item.date),
            "url": link,
            "title": item.title,
            "summary": item.summary,
            "content_html": item.get_content(siteurl),
            "date_published": set_date_tzinfo(item.date, timezone).isoformat(),
            "date_modified": set_date_tzinfo(item.modified, timezone).isoformat(),
            "tags": item.tags,
        })
    document = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": f"{context.get('SITENAME', '')} - Daily bulletins",
        "home_page_url": absolute_url(siteurl, ""),
        "feed_url": absolute_url(feed_domain, url),
        "language": settings.get("DEFAULT_LANG", "en"),
        "items": entries,
    }
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(json.dumps(document, ensure_ascii=False, indent=1) + "\n")
