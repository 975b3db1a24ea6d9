"""How many hostile inputs hold: each case of tests/hostile_corpus.py built on its own.

    .venv/bin/python bench/hostile.py                 # this checkout
    .venv/bin/python bench/hostile.py --repo ../old   # another checkout (e.g. before a fix), same corpus
    .venv/bin/python bench/hostile.py --only brackets  # the cases whose path holds this

Each case is built next to one clean article, in its own Pelican run, and
*holds* when: the build finishes; the file is published or on the build
report, as the case expects; the build report and bulletin feed are still
the plugin's own; and no output file carries a live script, event handler,
javascript:/data: address, formula-leading CSV cell or control character
(the checks of tests/test_hostile.py). Prints one line per case and the
totals.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import io
import logging
import re
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repo", default=str(HERE), help="checkout whose generator/ and theme/ are built (default: this one)")
    ap.add_argument("--only", default="", help="build only the cases whose path holds this")
    args = ap.parse_args()
    repo = Path(args.repo).resolve()
    sys.path[:0] = [str(repo), str(HERE / "tests")]
    import hostile_corpus
    import test_hostile

    conftest = importlib.import_module("conftest")
    if Path(conftest.__file__).resolve().parent != HERE / "tests":
        raise SystemExit("conftest imported from the wrong place")
    conftest.ROOT = repo
    conftest.CONF = repo / "pelican.conf.py"
    logging.disable(logging.CRITICAL)

    baseline = hostile_corpus.BASELINE
    held = 0
    cases = [case for case in hostile_corpus.CASES if args.only in case.path]
    for case in cases:
        tmp = Path(tempfile.mkdtemp(prefix="hostile-"))
        try:
            ok, why = _one(case, baseline, tmp, conftest, hostile_corpus, test_hostile)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        held += ok
        print(f"{'held ' if ok else 'BROKE'}  {case.path:32} {case.why[:60]:60} {why}")
    print(f"\n{held} of {len(cases)} hostile inputs held ({repo})")
    return 0


def _one(case, baseline, tmp, conftest, corpus, audit) -> tuple[bool, str]:
    content, outside = tmp / "content", tmp / "outside"
    outside.mkdir(parents=True)
    for name, data in corpus.OUTSIDE_FILES.items():
        (outside / name).write_bytes(data)
    for c in (baseline, case):
        corpus.place(c, content / c.path, outside)
    site = tmp / "output"
    try:
        with contextlib.redirect_stdout(io.StringIO()):  # Pelican's "Done: ..." line
            conftest.build(site, PATH=str(content), TIMELINE_WORKERS=1, TIMELINE_SEARCH=False)
    except BaseException as err:  # noqa: BLE001 - a crash is what we count
        return False, f"build failed: {type(err).__name__}: {str(err)[:80]}"
    report = site / "report" / "index.html"
    if not report.is_file() or "<h1>Build report</h1>" not in report.read_text(encoding="utf-8"):
        return False, "build report missing or replaced"
    html = report.read_text(encoding="utf-8")
    sections = dict(re.findall(r'<section aria-labelledby="(\w+)">(.*?)</section>', html, re.S))
    if case.path.startswith("pages/"):
        slug = case.path.rsplit("/", 1)[-1].removesuffix(".md")
        if not (site / slug / "index.html").is_file():
            return False, "page not published"
    else:
        listed = {name for name, body in sections.items() if f"/{case.path}</code>" in body}
        if case.expect == "published" and ("read" not in listed or "errors" in listed):
            return False, f"expected published, listed as {sorted(listed) or 'nothing'}"
        if case.expect == "reported" and (not listed & {"errors", "warnings"} or "read" in listed):
            return False, f"expected reported, listed as {sorted(listed) or 'nothing'}"
    feed = site / "feeds" / "bulletins.atom.xml"
    if feed.exists() and b"<feed" not in feed.read_bytes():
        return False, "bulletin feed replaced"
    for path in audit.output_files(site):
        try:
            found = audit.audit_file(path)
            text = path.read_text(encoding="utf-8")
        except Exception as err:  # noqa: BLE001 - an unreadable output file is a break too
            return False, f"{path.relative_to(site)} unreadable: {type(err).__name__}"
        if found:
            return False, f"{path.relative_to(site)}: {found[0][:60]}"
        if re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", text):
            return False, f"{path.relative_to(site)}: control character"
        if "Outside secret" in text:
            return False, f"{path.relative_to(site)}: a file outside content/ was published"
    return True, ""


if __name__ == "__main__":
    raise SystemExit(main())
