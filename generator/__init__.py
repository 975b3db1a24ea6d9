"""News reports → dated events → daily bulletins → a Pelican site.

Enable with ``PLUGINS = ["generator"]`` in ``pelican.conf.py``. ``register()``
connects the Pelican signals and does nothing else.
"""

from __future__ import annotations

__version__ = "0.1.0"


def register() -> None:
    from pelican import signals

    from generator import pipeline, search, site

    signals.initialized.connect(search.initialized)  # adds the search/ page
    signals.article_generator_pretaxonomy.connect(pipeline.drop_unreadable_articles)
    signals.get_generators.connect(site.get_generators)
    signals.finalized.connect(search.finalized)  # Pagefind indexes output/
