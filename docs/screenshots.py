"""The README's screenshots: a bulletin on a desktop and on a phone, from the built site.

    make html && .venv/bin/python docs/screenshots.py [bulletins/2016-12-23/]

Serves ``output/`` on a free local port and photographs the page with the
headless Chromium the browser tests use (``CHROMIUM``, default
``/usr/bin/chromium``) into ``docs/img/bulletin.png`` (1280 px wide) and
``docs/img/bulletin-phone.png`` (390 px wide): the day line, the key figures
and the map of the day.
"""

from __future__ import annotations

import functools
import http.server
import os
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# (file, viewport width, height of the picture in CSS pixels)
SHOTS = (("bulletin.png", 1280, 1500), ("bulletin-phone.png", 390, 1900))


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the stdlib's name
        pass


def main(page_path: str = "bulletins/2016-12-23/") -> int:
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_Quiet, directory=str(ROOT / "output"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"))
            for name, width, height in SHOTS:
                page = browser.new_page(viewport={"width": width, "height": height})
                page.goto(f"http://127.0.0.1:{server.server_address[1]}/{page_path}")
                page.screenshot(path=str(ROOT / "docs" / "img" / name))
                print(f"wrote docs/img/{name}")
            browser.close()
    finally:
        server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
