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
BUILD_REPORT_PUBLIC = False
