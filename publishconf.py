"""Publishing overrides (`make publish`): absolute URLs, so links in feeds
work in feed readers. Set SITEURL in the environment or edit it here."""

import os
import runpy

_base = runpy.run_path(os.path.join(os.path.dirname(os.path.abspath(__file__)), "pelican.conf.py"))
globals().update({k: v for k, v in _base.items() if k.isupper()})

SITEURL = os.environ.get("SITEURL", "https://example.org/bulletin")
RELATIVE_URLS = False
FEED_DOMAIN = SITEURL
DELETE_OUTPUT_DIRECTORY = True
# The build report (and its review list) is for the editor, not the public.
TIMELINE_BUILD_REPORT_PUBLIC = False
# Own cache folder: Pelican's content cache, the reader stamp (generator/readcache.py), the output
# digests and the search stamp all depend on SITEURL and RELATIVE_URLS, so sharing cache/ with
# `make html` would make each alternate build read every file again. Extraction results do not
# depend on those settings: both builds share them.
_cache = _base.get("CACHE_PATH", os.path.join(os.path.dirname(os.path.abspath(__file__)), "cache"))
CACHE_PATH = os.path.join(_cache, "publish")
TIMELINE_CACHE_PATH = _base.get("TIMELINE_CACHE_PATH", os.path.join(_cache, "timeline"))
