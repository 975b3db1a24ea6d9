"""A day's incidents kept between builds (generator/memo.py): same bulletins as without, only changed days regrouped."""

from __future__ import annotations

import dataclasses

from conftest import sample_site_data

from generator import aggregate, incidents, memo
from generator.model import Incident


def _bulletins(site, folder=None, events=None):
    """Bulletins of the sample site, grouping with a memo in ``folder`` (None: plain ``incidents.group``)."""
    events = events if events is not None else site.events
    if folder is None:
        return aggregate.build_bulletins(events, site.tallies, ["killed", "ceasefire_violations"]), None
    step = memo.StepMemo(folder, "incidents", "generator.incidents", list[Incident])
    bulletins = aggregate.build_bulletins(events, site.tallies, ["killed", "ceasefire_violations"], group=step.wrap(incidents.group))
    step.save()
    return bulletins, step


def test_kept_incidents_give_the_same_bulletins_and_only_changed_days_are_regrouped(tmp_path):
    site = sample_site_data(extra_article=True)
    plain, _ = _bulletins(site)
    cold, first = _bulletins(site, tmp_path)
    warm, second = _bulletins(site, tmp_path)
    assert cold == plain and warm == plain
    assert first.misses == len(plain) and second.misses == 0 and second.hits == len(plain)

    day23 = next(e for e in site.events if e.date == "2016-12-23")
    edited = [dataclasses.replace(e, sentence=e.sentence + " Rescuers said.") if e is day23 else e for e in site.events]
    plain_edited, _ = _bulletins(site, events=edited)
    again, third = _bulletins(site, tmp_path, events=edited)
    assert again == plain_edited
    assert third.misses == 1  # only 23 December


def test_a_corrupt_or_foreign_memo_is_never_served(tmp_path, monkeypatch):
    site = sample_site_data()
    plain, _ = _bulletins(site)
    _bulletins(site, tmp_path)
    path = tmp_path / f"incidents{memo.SUFFIX}"
    data = path.read_bytes()
    path.write_bytes(data.replace(b'"lead"', b'"LEAD"'))  # altered: the checksum no longer matches
    bulletins, step = _bulletins(site, tmp_path)
    assert bulletins == plain and step.hits == 0
    path.write_bytes(data[: len(data) // 2])  # truncated
    bulletins, step = _bulletins(site, tmp_path)
    assert bulletins == plain and step.hits == 0
    memo.step_version.cache_clear()
    monkeypatch.setattr(memo, "extraction_files", lambda module: [])  # other code: other version
    bulletins, step = _bulletins(site, tmp_path)
    assert bulletins == plain and step.hits == 0
    memo.step_version.cache_clear()


def test_kept_vevents_give_the_same_calendar(tmp_path):
    from generator import exports

    site = sample_site_data(extra_article=True)
    lookup = exports.Lookup({a.slug: a for a in site.articles}, "https://example.org/site", {"shelling": "Shelling"})
    plain = exports.calendar_text(site.events, lookup, "A site")
    for _ in range(2):  # cold, then every VEVENT from the memo
        step = memo.StepMemo(tmp_path, "calendar", "generator.exports", str, libraries=("icalendar",))
        assert exports.calendar_text(site.events, lookup, "A site", step.wrap(exports.vevent_text)) == plain
        step.save()
    assert step.misses == 0 and step.hits == len(site.events)
    assert plain.count("BEGIN:VEVENT") == sum(e.granularity == "day" for e in site.events) > 0
