"""News reports → dated events → daily bulletins → a Pelican site.

Enable with ``PLUGINS = ["generator"]`` in ``pelican.conf.py``. ``register()``
connects the Pelican signals and does nothing else.
"""

from __future__ import annotations

__version__ = "0.1.0"


def register() -> None:
    from pelican import signals

    from generator import feedids, intake, output, readcache, search, settings, site

    signals.initialized.connect(settings.check_pelican)  # bad settings stop the build, each named
    signals.initialized.connect(intake.exclude_symlinked_folders)  # never walk symlinked folders; autoescape on
    signals.initialized.connect(search.initialized)  # adds the search/ page
    signals.initialized.connect(readcache.check_stamp)  # Pelican's content cache only if what read it is unchanged
    signals.readers_init.connect(intake.wrap_readers)  # control characters out, HTML sanitised
    signals.article_generator_pretaxonomy.connect(intake.admit_articles)  # bad files out, on the report
    signals.page_generator_finalized.connect(intake.admit_pages)
    signals.static_generator_finalized.connect(intake.drop_refused_static)  # no device, pipe or outside link copied
    signals.get_generators.connect(site.get_generators)
    signals.initialized.connect(output.started)
    signals.content_written.connect(output.written)  # every page and feed of this build...
    signals.feed_written.connect(output.written)
    signals.feed_generated.connect(feedids.rewrite)  # feed ids from TIMELINE_FEED_ID_DOMAIN, never tag:None
    signals.finalized.connect(readcache.save_stamp)
    signals.finalized.connect(output.finalized)  # ...so stale ones are removed, then Pagefind indexes output/
