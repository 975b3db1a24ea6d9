"""Feeds: daily bulletins, per-place incidents and events, per-metric figures as Atom, RSS 2.0 and JSON Feed.

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

import dataclasses
import datetime as dt
import json
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from jinja2 import DictLoader, Environment
from markupsafe import Markup, escape
from pelican.utils import set_date_tzinfo

from generator import feedids, summary
from generator.exports import absolute_url, date_parts, display_date
from generator.links import Links
from generator.model import OTHER_PLACES, Bulletin, Event, KeyFigure, ReportedTotal, SiteData, Tally, source_label
from generator.settings import get as setting  # Pelican's value, else the settings table's default
from generator.views import bulletin_incidents

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
    body: Callable[[str], str]
    author: str = ""
    tags: list[str] = field(default_factory=list)
    # body(siteurl), kept: the same item goes into the Atom, RSS and JSON feeds.
    _content: dict[str, str] = field(default_factory=dict, repr=False, compare=False)

    def get_content(self, siteurl: str) -> str:
        content = self._content.get(siteurl)
        if content is None:
            content = self._content[siteurl] = self.body(siteurl)
        return content


class _AtomItem:
    """A FeedItem as Pelican's writer must see it: title and summary escaped.

    ``FeedItem.title`` and ``summary`` are plain text (JSON Feed takes them
    so), but the writer puts the summary into ``<summary type="html">``
    and runs ``striptags`` (which unescapes) over the title: both must be
    HTML-escaped text, or a sentence quoting ``<img onerror=…>`` would be
    markup in a feed reader.
    """

    def __init__(self, item: FeedItem) -> None:
        self._item = item

    def __getattr__(self, name: str) -> Any:
        return getattr(self._item, name)

    @property
    def title(self) -> str:
        return str(escape(self._item.title))

    @property
    def summary(self) -> str:
        return str(escape(self._item.summary))


class _RssItem(_AtomItem):
    """A FeedItem whose ``summary`` is its full body, for RSS.

    RSS has a single ``description`` field, and Pelican's writer fills it
    from ``summary`` when ``RSS_FEED_SUMMARY_ONLY`` is on (its default), so
    the body is rendered here for the site URL the writer uses.
    """

    def __init__(self, item: FeedItem, siteurl: str) -> None:
        super().__init__(item)
        self._siteurl = siteurl

    @property
    def summary(self) -> str:
        return self._item.get_content(self._siteurl)


# -- rendering ----------------------------------------------------------------------

_PLACE = lambda p: p.name if not p.admin1 or p.admin1 == p.name else f"{p.name} ({p.admin1})"  # noqa: E731

_EVENT = """\
<p><strong>{{ event.date | display_date(event.date_mod) }}</strong>
{%- if event.places %} · {{ event.places | map('place') | unique | join(', ') }}{% endif %}
 · {{ tl.type_label(event.type) }}</p>
<blockquote><p>{{ event.sentence }}</p></blockquote>
{% if event.figures %}
<ul>
{% for f in event.figures %}
<li>{{ tl.figure_text(f) }} — {{ tl.source_label(f.attributed_to, tl.own_reporting(f, event)) }}</li>
{% endfor %}
</ul>
{% endif %}
{% if event.edited or event.checked %}<p><em>{% if 'added' in event.edited %}Added by the editor{% elif event.edited %}Edited ({{ event.edited | join(', ') }}){% endif %}{% if event.checked %}{% if event.edited %} · {% endif %}Checked by the editor{% endif %}{% if event.edit_note %}: {{ event.edit_note }}{% endif %}</em></p>
{% endif %}
<p>{% if event.date_text %}Date from “{{ event.date_text }}”. {% endif %}{% if tl.span_note(event) %}{{ tl.span_note(event) }} {% endif %}
{%- if event.source_url and event.source_url.startswith(('http://', 'https://')) %}Source: <a href="{{ event.source_url }}">{{ event.source or event.source_url }}</a>{% elif event.source %}Source: {{ event.source }}{% endif %}
{%- if tl.article(event.article) %} · <a href="{{ tl.sentence_url(event.article, event.start) | abs(siteurl) }}">{{ event.article_title or 'the article' }}</a>{% endif %}</p>
"""

_BULLETIN = """\
{% if key_figures %}
<h2>Key figures</h2>
<ul>
{% for k in key_figures %}
<li><strong>{{ k.label }}: {{ k.range }}</strong>
{%- if k.change %} ({{ k.change }}){% endif %}
{%- if k.claims %} — {{ k.claims | join('; ') }}{% endif %}</li>
{% endfor %}
</ul>
{% endif %}
{% if totals %}
<h2>Totals reported today</h2>
<p>Counts over more than one day, as reported on this day; not this day’s figures.</p>
<ul>
{% for t in totals %}
<li>{{ t }}</li>
{% endfor %}
</ul>
{% endif %}
{% for t in tallies %}
<table>
<caption><a href="{{ (url ~ '#' ~ tl.tally_anchor(t.tally)) | abs(siteurl) }}">{{ t.label }}</a>{% if t.tally.attributed_to %}, according to {{ t.tally.attributed_to }}{% endif %}</caption>
<thead><tr><th scope="col">Place</th><th scope="col">Count</th></tr></thead>
<tbody>
{% for place, count in t.tally.by_place.items() %}
<tr><th scope="row">{{ place }}</th><td>{{ tl.number(count) }}</td></tr>
{% endfor %}
</tbody>
<tfoot><tr><th scope="row">Total</th><td>{{ tl.number(t.tally.total) }}
{%- if t.tally.places_differ %} (stated {{ tl.number(t.tally.stated_total) }}; places add up to {{ tl.number(t.tally.by_place.values() | sum) }}){% endif %}</td></tr></tfoot>
</table>
{% endfor %}
{% if events %}
<h2>Events</h2>
{% for event in events %}
{{ event_html(event) }}{% endfor %}
{% endif %}
<p><a href="{{ url | abs(siteurl) }}">The bulletin for {{ date | display_date }}</a>
{%- if previous %} · <a href="{{ previous | abs(siteurl) }}">previous day</a>{% endif %}
{%- if next %} · <a href="{{ next | abs(siteurl) }}">next day</a>{% endif %}</p>
"""


_ENV = Environment(
    autoescape=True, trim_blocks=True, lstrip_blocks=True,
    loader=DictLoader({"event": _EVENT, "bulletin": _BULLETIN}),
)
_ENV.filters["abs"] = lambda url, siteurl: absolute_url(siteurl, url) if url else ""
_ENV.filters["display_date"] = display_date
_ENV.filters["place"] = _PLACE


def change_text(change: int | None) -> str:
    """A change from the day before, for feeds; empty when there is none to show.

    (``aggregate`` sets ``change`` only against the previous calendar day,
    same source and places.)

    >>> change_text(1500), change_text(-3), change_text(0), change_text(None)
    ('+1,500 on the day before', '-3 on the day before', 'same as the day before', '')
    """
    if change is None:
        return ""
    if change == 0:
        return "same as the day before"
    return f"{change:+,d} on the day before"


def key_figure_line(key: KeyFigure, tl: Links) -> dict[str, Any]:
    """A key figure as label, headline, change and claims, ready for text or HTML.

    >>> from generator.model import Claim
    >>> k = KeyFigure("killed", 6, 8, (Claim("killed", 6, None, "Observatory", None, ("a",)),
    ...                                Claim("killed", 8, "at least", "State TV", None, ("b",))), high_qualifier="at least")
    >>> line = key_figure_line(k, Links({"TIMELINE_METRICS": {}}, SiteData()))
    >>> line["label"], line["range"], line["change"], line["claims"]
    ('Killed', '6 to at least 8', '', ['Observatory: 6', 'State TV: at least 8'])
    """
    return {
        "label": tl.metric_label(key.metric),
        "range": tl.headline(key),
        "change": change_text(key.change),
        "claims": [_claim_text(c) for c in key.claims],
    }


def _claim_text(claim: Any) -> str:
    qualifier = f"{claim.qualifier} " if claim.qualifier else ""
    subgroup = f" ({claim.subgroup})" if claim.subgroup else ""
    subgroup += " (part of a wider count)" if claim.part else ""
    return f"{source_label(claim.attributed_to, claim.own_reporting)}: {qualifier}{claim.value:,}{subgroup}"


def total_line(total: ReportedTotal, tl: Links) -> str:
    """"613 killed, running total, 31 Jul – 31 Aug 2016 (Observatory)"."""
    return f"{tl.total_text(total)} ({source_label(total.attributed_to, total.own_reporting)})"


def bulletin_summary(bulletin: Bulletin, tl: Links) -> str:
    """Plain-text key figures: what a summary-only feed reader shows.

    Falls back to the number of events (and tallies) when the day has no
    key figures, so no summary is empty.
    """
    parts = []
    for key in bulletin.key_figures:
        line = key_figure_line(key, tl)
        parts.append(f"{line['label']}: {line['range']}" + (f" ({line['change']})" if line["change"] else ""))
    if bulletin.totals:
        parts.append("Totals reported: " + ", ".join(total_line(t, tl) for t in bulletin.totals))
    if not parts:
        parts.append(_count(len(bulletin.events), "event", "events"))
        if bulletin.tallies:
            parts.append(_count(len(bulletin.tallies), "tally", "tallies"))
    return "; ".join(parts) + "."


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def render_event(event: Event, siteurl: str, tl: Links) -> str:
    """An event as feed HTML; rendered once per event and site URL, then reused.

    The same event is an entry of every place feed it names and part of its
    bulletin's body, in Atom and RSS alike.
    """
    return tl.memo(
        ("feed-event", event.id, siteurl), event,
        lambda: _ENV.get_template("event").render(event=event, siteurl=siteurl, tl=tl),
    )


def render_bulletin(bulletin: Bulletin, siteurl: str, tl: Links) -> str:
    """The bulletin as self-contained HTML with absolute links (no CSS, no scripts)."""
    return _ENV.get_template("bulletin").render(
        key_figures=[key_figure_line(k, tl) for k in bulletin.key_figures],
        totals=[total_line(t, tl) for t in bulletin.totals],
        tallies=[{"tally": t, "label": tl.metric_label(t.metric)} for t in bulletin.tallies],
        events=bulletin.events,
        event_html=lambda event: Markup(render_event(event, siteurl, tl)),
        date=bulletin.date,
        url=tl.bulletin_url(bulletin.date),
        previous=tl.bulletin_url(bulletin.previous) if bulletin.previous else "",
        next=tl.bulletin_url(bulletin.next) if bulletin.next else "",
        siteurl=siteurl,
        tl=tl,
    )


def render_tally(tally: Tally, place: str, siteurl: str, tl: Links) -> str:
    share = f"{tally.by_place[place]:,} of {tally.total:,}"
    by = f", according to {escape(tally.attributed_to)}" if tally.attributed_to else ""
    link = absolute_url(siteurl, tl.sentence_url(tally.article, tally.start))
    return (
        f"<p><strong>{escape(display_date(tally.date))}</strong> · {escape(place)}: "
        f"{escape(share)} {escape(tl.metric_label(tally.metric).lower())}{by}.</p>"
        f"<blockquote><p>{escape(tally.sentence)}</p></blockquote>"
        f'<p><a href="{escape(link)}">The report</a></p>'
        + editorial_text(tally)
    )


def editorial_text(item: Any) -> str:
    """An editor's mark on a tally or event, as feed HTML ("" when there is none)."""
    edited = getattr(item, "edited", ())
    if not edited and not getattr(item, "checked", False):
        return ""
    parts = ["Added by the editor" if "added" in edited else f"Edited ({', '.join(edited)})" if edited else ""]
    if item.checked:
        parts.append("Checked by the editor")
    text = " · ".join(p for p in parts if p) + (f": {item.edit_note}" if item.edit_note else "")
    return f"<p><em>{escape(text)}</em></p>"


# -- dates ---------------------------------------------------------------------------


def day_start(date: str) -> dt.datetime:
    """Midnight at the start of a date of any precision (month → its 1st).

    >>> day_start("2016-12-23"), day_start("2016-12")
    (datetime.datetime(2016, 12, 23, 0, 0), datetime.datetime(2016, 12, 1, 0, 0))
    """
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
    dates = [dt.datetime.combine(published[s], dt.time()) for s in slugs if s in published]
    return max([day_start(date), *dates])


# -- items -----------------------------------------------------------------------------


def bulletin_items(site_data: SiteData, settings: Mapping[str, Any], tl: Links, limit: int | None = None) -> list[FeedItem]:
    """One feed item per bulletin day, newest first; only the newest ``limit`` are made (None: all)."""
    full = setting(settings, "TIMELINE_BULLETIN_FEED_FULL_CONTENT")
    published = {a.slug: a.published for a in site_data.articles}
    author = settings.get("AUTHOR") or settings.get("SITENAME") or ""
    items = []
    for bulletin in sorted(site_data.bulletins, key=lambda b: b.date, reverse=True)[:limit]:
        summary = bulletin_summary(bulletin, tl)
        if full:
            body = partial(_bulletin_body, bulletin, tl)
        else:
            body = partial(_summary_body, summary)
        items.append(FeedItem(
            title=tl.day_line(bulletin) or f"Bulletin for {display_date(bulletin.date)}",
            url=tl.bulletin_url(bulletin.date),
            date=day_start(bulletin.date),
            modified=last_revised(bulletin.date, contributing_articles(bulletin), published),
            summary=summary,
            body=body,
            author=author,
            tags=sorted({p for e in bulletin.events for p in tl.provinces(e)}),
        ))
    return items


def _bulletin_body(bulletin: Bulletin, tl: Links, siteurl: str) -> str:
    return render_bulletin(bulletin, siteurl, tl)


def _summary_body(summary: str, siteurl: str) -> str:
    return f"<p>{escape(summary)}</p>"


def _event_body(event: Event, tl: Links, siteurl: str) -> str:
    return render_event(event, siteurl, tl)


def _incident_body(members: Sequence[Event], tl: Links, siteurl: str) -> str:
    return "\n".join(render_event(event, siteurl, tl) for event in members)


def _tally_body(tally: Tally, place: str, tl: Links, siteurl: str) -> str:
    return render_tally(tally, place, siteurl, tl)


def event_title(event: Event, tl: Links) -> str:
    where = ", ".join(tl.place_names(event))
    return f"{display_date(event.date, event.date_mod)}: {tl.type_label(event.type)}{' in ' + where if where else ''}"


def place_items(place: str, site_data: SiteData, tl: Links) -> list[FeedItem]:
    """A province's feed: its incidents, its other events and its tally rows, newest first.

    A day's events come as incidents (one entry per happening, as on the
    bulletin), linked to the incident on the bulletin (``#i-<id>``); events
    dated only to a week, month or year come one by one, linked to the
    province's page (``#e-<id>``); tally rows link to their table
    (``#t-<id>``), so a province that is only ever counted, never
    described, still has a feed. Titles say what happened, with the
    figure when there is one; a title that would repeat is numbered.
    """
    published = {a.slug: a.published for a in site_data.articles}
    place_url = tl.place_url(place)
    by_id = {e.id: e for e in site_data.events}
    entries: list[tuple[tuple[str, str, int, str], FeedItem]] = []
    on_bulletins: set[str] = set()
    for bulletin in site_data.bulletins:
        for incident in bulletin_incidents(bulletin):
            on_bulletins.update(incident.event_ids)
            members = [by_id[i] for i in incident.event_ids if i in by_id]
            if place not in incident.provinces or not members:
                continue
            lead = by_id.get(incident.lead, members[0])
            sentence = lead.sentence if len(lead.sentence) <= 280 else lead.sentence[:279] + "…"
            entries.append(((incident.date, members[0].article, members[0].start, incident.id), FeedItem(
                title=f"{display_date(incident.date)}: {tl.incident_title(incident)}",
                url=f"{tl.bulletin_url(bulletin.date)}#i-{incident.id}",
                date=day_start(incident.date),
                modified=last_revised(incident.date, incident.articles, published),
                summary=sentence,
                body=partial(_incident_body, members, tl),
                author=", ".join(incident.outlets),
                tags=[tl.type_label(incident.type)],
            )))
    for event in site_data.events:
        if event.id in on_bulletins or place not in tl.provinces(event):
            continue
        sentence = event.sentence if len(event.sentence) <= 280 else event.sentence[:279] + "…"
        entries.append(((event.date, event.article, event.start, event.id), FeedItem(
            title=event_title(event, tl),
            url=f"{place_url}#e-{event.id}",
            date=day_start(event.date),
            modified=last_revised(event.date, [event.article], published),
            summary=sentence,
            body=partial(_event_body, event, tl),
            author=event.source or "",
            tags=[tl.type_label(event.type)],
        )))
    for tally in site_data.tallies:
        if place not in tally.by_place:
            continue
        page = tl.bulletin_url(tally.date) if tl.has_bulletin(tally.date) else place_url
        label = tl.metric_label(tally.metric)
        entries.append(((tally.date, tally.article, tally.start, tally.metric), FeedItem(
            title=f"{display_date(tally.date)}: {tally.by_place[place]:,} {label.lower()} in {place}",
            url=f"{page}#{tl.tally_anchor(tally)}",
            date=day_start(tally.date),
            modified=last_revised(tally.date, [tally.article, *(s for s, _ in tally.sources)], published),
            summary=f"{tally.by_place[place]:,} of {tally.total:,} {label.lower()}"
                    + (f", according to {tally.attributed_to}." if tally.attributed_to else "."),
            body=partial(_tally_body, tally, place, tl),
            author=tally.attributed_to or "",
            tags=[label],
        )))
    items = [item for _, item in sorted(entries, key=lambda pair: pair[0], reverse=True)]
    titles = summary.distinct(item.title for item in items)
    return [dataclasses.replace(item, title=title) for item, title in zip(items, titles)]


def metric_items(metric: str, site_data: SiteData, tl: Links, author: str = "", limit: int | None = None) -> list[FeedItem]:
    """A metric's feed: its key figure on each bulletin day, newest first (the newest ``limit``; None: all).

    For alerting on one number ("killed") without reading whole bulletins;
    each entry links to the figure's box on the bulletin (``#kf-<metric>``).
    """
    published = {a.slug: a.published for a in site_data.articles}
    label = tl.metric_label(metric)
    items: list[FeedItem] = []
    for bulletin in sorted(site_data.bulletins, key=lambda b: b.date, reverse=True):
        if limit is not None and len(items) >= limit:
            break
        for key in bulletin.key_figures:
            if key.metric != metric:
                continue
            line = key_figure_line(key, tl)
            change = f" ({line['change']})" if line["change"] else ""
            claims = "; ".join(line["claims"])
            items.append(FeedItem(
                title=f"{label}, {display_date(bulletin.date)}: {line['range']}",
                url=f"{tl.bulletin_url(bulletin.date)}#kf-{metric}",
                date=day_start(bulletin.date),
                modified=last_revised(bulletin.date, contributing_articles(bulletin), published),
                summary=f"{label}: {line['range']}{change}. {claims}.",
                body=partial(_key_figure_body, label, line),
                author=author,
                tags=[label],
            ))
    return items


def _key_figure_body(label: str, line: Mapping[str, Any], siteurl: str) -> str:
    claims = "".join(f"<li>{escape(c)}</li>" for c in line["claims"])
    change = f" ({escape(line['change'])})" if line["change"] else ""
    return f"<p><strong>{escape(label)}: {escape(line['range'])}</strong>{change}</p><ul>{claims}</ul>"


def feed_metrics(site_data: SiteData) -> list[str]:
    return sorted({k.metric for b in site_data.bulletins for k in b.key_figures})


def feed_places(site_data: SiteData, tl: Links) -> list[str]:
    """Every province with a page: named by an event or listed in a tally."""
    names = {p for e in site_data.events for p in tl.provinces(e)}
    names.update(place for t in site_data.tallies for place in t.by_place if place != OTHER_PLACES)
    return sorted(names, key=str.lower)


# -- writing ------------------------------------------------------------------------------


def links_for(site_data: SiteData, settings: Mapping[str, Any]) -> Links:
    return Links(settings, site_data, (b.date for b in site_data.bulletins))


def write_feeds(writer: Any, site_data: SiteData, context: dict, settings: Mapping[str, Any]) -> list[str]:
    """Bulletin feeds (Atom, RSS, JSON Feed), an Atom feed per key metric and an Atom + RSS feed per province.

    RSS carries the full bulletin as its description whatever Pelican's
    ``RSS_FEED_SUMMARY_ONLY`` says for articles, unless
    ``TIMELINE_BULLETIN_FEED_FULL_CONTENT`` is False (then every bulletin feed
    carries the key-figures summary only). Returns the files written (relative to the output folder).
    """
    tl = links_for(site_data, settings)
    written: list[str] = []

    def feed(elements: list[Any], path: str, feed_type: str, feed_title: str) -> None:
        writer.write_feed(elements, context, path, feed_type=feed_type, override_output=True, feed_title=feed_title)
        written.append(path)

    siteurl = context.get("SITEURL", "")
    # Pelican's writer keeps the first FEED_MAX_ITEMS entries: the older ones are not made at all.
    limit = settings.get("FEED_MAX_ITEMS") or None
    items = bulletin_items(site_data, settings, tl, limit)
    if items:
        atom, rss, json_path = tl.bulletin_feed("atom"), tl.bulletin_feed("rss"), tl.bulletin_feed("json")
        if atom:
            feed([_AtomItem(i) for i in items], atom, "atom", "Daily bulletins")
        if rss:
            # RSS has one field for summary and content; put the body in it.
            feed([_RssItem(i, siteurl) for i in items], rss, "rss", "Daily bulletins")
        if json_path:
            write_json_feed(writer.output_path, json_path, items, context, settings)
            written.append(json_path)

    for metric in feed_metrics(site_data):
        path = tl.metric_feed(metric)
        if not path:
            break  # metric feeds are switched off
        author = settings.get("AUTHOR") or settings.get("SITENAME") or ""
        feed([_AtomItem(i) for i in metric_items(metric, site_data, tl, author, limit)], path, "atom", tl.metric_label(metric))

    for place in feed_places(site_data, tl):
        entries = place_items(place, site_data, tl)
        if not entries:
            continue
        title = f"Reports from {place}"
        if tl.place_feed(place):
            feed([_AtomItem(i) for i in entries], tl.place_feed(place), "atom", title)
        if tl.place_feed(place, "rss"):
            feed([_RssItem(i, siteurl) for i in entries], tl.place_feed(place, "rss"), "rss", title)
    return written


def write_json_feed(output_path: str, url: str, items: Sequence[FeedItem], context: Mapping[str, Any], settings: Mapping[str, Any]) -> None:
    """JSON Feed 1.1 (feedgenerator has no writer for it), with the same ids as Atom."""
    siteurl = context.get("SITEURL") or ""
    feed_domain = context.get("FEED_DOMAIN") or siteurl
    timezone = settings.get("TIMEZONE")
    id_domain = feedids.domain(context)
    entries = []
    for item in items[: settings.get("FEED_MAX_ITEMS") or None]:
        link = absolute_url(siteurl, item.url)
        entries.append({
            "id": feedids.item_id(id_domain, feedids.site_path(item.url, ""), item.date),
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
    path = os.path.join(output_path, url)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(json.dumps(document, ensure_ascii=False, indent=1) + "\n")
