"""Command line: ``python -m generator extract|import|review|build``.

Exit status: 0 all read, 1 some input had problems (still reported), 2 usage
error (bad arguments, plain text without ``--published``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
from collections.abc import Sequence

from generator import batch
from generator.model import Extraction, Problem, to_dict


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date: {value!r} (expected YYYY-MM-DD)") from None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m generator", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)

    ex = sub.add_parser("extract", help="extract events and tallies from articles, without building a site")
    ex.add_argument("paths", nargs="+", metavar="PATH", help="Pelican Markdown article (.md) or plain text (.txt)")
    ex.add_argument("--published", type=_date, help="publication date of plain-text input (YYYY-MM-DD)")
    ex.add_argument("--format", choices=["json", "text"], default="text")
    ex.add_argument("--countries", help="comma-separated ISO codes, overriding TIMELINE_COUNTRIES")
    ex.add_argument(
        "-s", "--settings", metavar="FILE",
        help="settings file, as for the build (default: pelican.conf.py in the current folder, when there is one)",
    )
    ex.add_argument("--engine", choices=["local", "dask"], default="local",
                    help="local: in this process; dask: one Dask task per file, on a local cluster or --scheduler (same results)")
    ex.add_argument("--scheduler", metavar="ADDRESS", help="Dask scheduler address (tcp://host:8786); default: a local cluster")
    ex.add_argument("--workers", type=int, default=0, help="worker processes of the local Dask cluster (default: one per CPU)")
    ex.add_argument("--parquet", metavar="FILE", help="also write the events as a Parquet table (the columns of events.csv)")

    imp = sub.add_parser(
        "import",
        help="turn RSS/Atom feeds, saved web pages (.html) and pasted text (.txt) into Markdown articles",
        description="Write one Pelican Markdown article per feed entry, saved page or text file. "
        "Never overwrites: a different file with the same name gets -2, -3...; identical content is skipped.",
    )
    imp.add_argument("paths", nargs="+", metavar="PATH", help="feed (.xml/.rss/.atom), saved page (.html/.htm) or text (.txt)")
    imp.add_argument("--into", default="content/articles", help="folder to write into (default: content/articles)")
    imp.add_argument("--published", type=_date, help="publication date (YYYY-MM-DD): required for .txt, overrides a page's date; feeds use each entry's own")
    imp.add_argument("--title", help="title of a .txt or .html input (default: first line / the page's title)")
    imp.add_argument("--source", help="publisher name for Source (default: feed title or the page's site name)")
    imp.add_argument("--source-url", help="link to the original for Source_url (.txt/.html; feeds use each entry's link)")
    imp.add_argument("--dry-run", action="store_true", help="say what would be written, write nothing")

    ex.add_argument("--corrections", default="content/corrections.yaml",
                    help="the editor's corrections file, applied to these articles (default: content/corrections.yaml; '' for none)")

    rv = sub.add_parser(
        "review",
        help="list what to check before publishing, most consequential first, each with the YAML that fixes or confirms it",
        description="Reads the site's articles (PATH in pelican.conf.py), applies content/corrections.yaml, and lists every "
        "event, figure and tally with a reason for doubt that no correction has settled.",
    )
    rv.add_argument("--since", type=_date, help="only items dated on or after this day (YYYY-MM-DD)")
    rv.add_argument("--format", choices=["text", "json", "yaml"], default="text")
    rv.add_argument("--settings", default="pelican.conf.py", help="Pelican settings file (default: pelican.conf.py)")

    build = sub.add_parser("build", help="build the site: pelican content -s pelican.conf.py")
    build.add_argument("pelican_args", nargs=argparse.REMAINDER, help="passed on to pelican")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "build":
        return subprocess.call([sys.executable, "-m", "pelican", "content", "-s", "pelican.conf.py", *args.pelican_args])
    if args.command == "import":
        return _import(args)
    if args.command == "review":
        return _review(args)
    return _extract(args)


def _import(args: argparse.Namespace) -> int:
    from generator.importers import import_paths

    needs_date = [p for p in args.paths if not args.published and p.lower().endswith(".txt")]
    if needs_date:
        print(f"error: {needs_date[0]}: plain text needs --published YYYY-MM-DD", file=sys.stderr)
        return 2
    outcomes, problems = import_paths(
        args.paths,
        args.into,
        published=args.published,
        title=args.title,
        source=args.source,
        source_url=args.source_url,
        dry_run=args.dry_run,
    )
    for o in outcomes:
        if o.status == "unchanged":
            print(f"unchanged (identical file exists): {o.path}")
        else:
            print(f"{'would write' if args.dry_run else 'wrote'}: {o.path}")
    for p in problems:
        print(f"{p.path}: {p.stage}: {p.reason}", file=sys.stderr)
    return 1 if any(p.severity == "error" for p in problems) else 0


def _extract(args: argparse.Namespace) -> int:
    from generator.read import year_range
    from generator.settings import SettingsError, load

    # The same settings as the build: pelican.conf.py (or -s FILE), command-line options over them.
    overrides = {}
    if args.countries:
        overrides["TIMELINE_COUNTRIES"] = [c.strip().upper() for c in args.countries.split(",") if c.strip()]
    warnings: list[str] = []
    try:
        config = load(args.settings, overrides, warnings)
    except (SettingsError, FileNotFoundError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    except Exception as err:  # a settings file that does not run
        print(f"error: {args.settings or 'pelican.conf.py'}: {type(err).__name__}: {err}", file=sys.stderr)
        return 2
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    # what the build passes to extraction (pipeline.build_site_data): our own settings only
    settings = {k: v for k, v in config.items() if k.startswith("TIMELINE_")}

    extractions: list[Extraction] = []
    problems: list[Problem] = []
    needs_date = [p for p in args.paths if not args.published and _is_plain_text(p)]
    if needs_date:
        print(f"error: {needs_date[0]}: plain text needs --published YYYY-MM-DD", file=sys.stderr)
        return 2
    if args.engine != "local" and args.format != "json" and not args.parquet:
        print("warning: --engine dask prints the same as a local run; use --format json or --parquet for a collection", file=sys.stderr)
    try:
        results = batch.extract_paths(args.paths, args.published, year_range(config), settings,
                                      engine=args.engine, scheduler=args.scheduler, workers=args.workers)
    except ImportError as err:
        print(f"error: --engine {args.engine} needs {err.name} (pip install -r requirements.txt)", file=sys.stderr)
        return 2
    for extraction, found in results:
        problems.extend(found)
        if extraction is not None:
            extractions.append(extraction)

    if args.corrections:
        # The editor's decisions apply here too; items for other articles are out of scope.
        from generator import corrections
        from generator.settings import resolve

        outcome = corrections.apply_file(extractions, args.corrections, resolve(settings), complete=False)
        extractions = outcome.extractions
        problems.extend(outcome.problems)
    if args.parquet:
        count = batch.write_parquet(extractions, args.parquet)
        print(f"wrote {count} events to {args.parquet}", file=sys.stderr)
    if args.format == "json":
        print(json.dumps(_as_json(extractions, problems), indent=2, ensure_ascii=False, sort_keys=False))
    else:
        _print_text(extractions)
    for p in problems:
        print(f"{p.path}: {p.stage}: {p.reason}", file=sys.stderr)
    return 1 if any(p.severity == "error" for p in problems) else 0


def _site_settings(path: str) -> dict:
    """Pelican's settings from ``path`` (its PATH made absolute), or Pelican's defaults."""
    import os

    from pelican.settings import read_settings

    return dict(read_settings(path if os.path.isfile(path) else None))


def _review(args: argparse.Namespace) -> int:
    import glob
    import os

    from generator import pipeline, review

    settings = _site_settings(args.settings)
    content = settings.get("PATH") or "content"
    paths = []
    for folder in settings.get("ARTICLE_PATHS") or [""]:
        paths += glob.glob(os.path.join(content, folder, "**", "*.md"), recursive=True)
    site = pipeline.site_from_files(sorted(set(paths)), settings)
    since = args.since.isoformat() if args.since else None
    items = [i for i in site.review if not since or i.date >= since[: len(i.date)]]
    formats = {"text": review.as_text, "json": review.as_json, "yaml": review.as_yaml}
    sys.stdout.write(formats[args.format](items))
    for p in site.problems:
        if p.stage == "corrections":
            print(f"{p.path}: {p.stage}: {p.reason}", file=sys.stderr)
    return 0


def _is_plain_text(path: str) -> bool:
    if path.endswith(".txt"):
        return True
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            first = fh.readline()
    except OSError:
        return False
    return ":" not in first  # no "Key: value" metadata block


def _as_json(extractions: Sequence[Extraction], problems: Sequence[Problem]) -> dict:
    articles = []
    for x in extractions:
        articles.append(
            {
                "path": x.article.path,
                "published": x.article.published.isoformat(),
                "title": x.article.title,
                "events": [to_dict(e) for e in x.events],
                "tallies": [to_dict(t) for t in x.tallies],
                "warnings": [to_dict(p) for p in x.problems],
            }
        )
    return {"articles": articles, "problems": [to_dict(p) for p in problems]}


def _print_text(extractions: Sequence[Extraction]) -> None:
    for x in extractions:
        print(f"# {x.article.path} (published {x.article.published})")
        for e in x.events:
            where = ", ".join(f"{p.name} ({p.admin1})" if p.admin1 and p.admin1 != p.name else p.name for p in e.places)
            print(f"{e.date:<10}  {e.type:<28} {where}")
            print(f"            {e.sentence[:110]}")
            if e.edited or e.checked:
                mark = ("edited: " + ", ".join(e.edited)) if e.edited else ""
                mark += (" · " if mark and e.checked else "") + ("checked" if e.checked else "")
                print(f"            [{mark}{': ' + e.edit_note if e.edit_note else ''}]")
            for f in e.figures:
                q = f"{f.qualifier} " if f.qualifier else ""
                sub = f" ({f.subgroup})" if f.subgroup else ""
                print(f"            · {f.metric}: {q}{f.value}{sub} — {f.attributed_to or 'unattributed'}")
        for t in x.tallies:
            parts = ", ".join(f"{k} {v}" for k, v in t.by_place.items())
            print(f"{t.date:<10}  TALLY {t.metric}: {t.total} ({parts}) — {t.attributed_to or 'unattributed'}")
        for p in x.problems:
            print(f"            ! {p.stage}: {p.reason}")


if __name__ == "__main__":
    sys.exit(main())
