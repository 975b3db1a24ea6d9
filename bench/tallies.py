"""Tally benchmark on the development gold of the bulletin corpus.

Usage::

    .venv/bin/python bench/tallies.py [--errors] [--split tune|report|both] [--half a|b]

Reads ``../shared/data/bulletins/corpus/`` at run time (never copied into the
repository): every text that ``gold/bulletins-dev.json`` annotates, through
the real extraction (``generator.events.extract_article``), once with today's
tally reader and once with the reader frozen before issue 10
(``bench/baseline_tallies.py``) – the baseline in the same run.

Split: the Tune/Report family split at the end of ``gold/README.md``
(``INDEX.tsv`` ``family``). Tune on *tune*; the table to quote is *report*.
``--errors`` lists the misses and false tallies of the tune split only and
refuses the report split.

``--half a|b`` keeps one cross-validation half of the tune split, cut by
conflict as ``bench/figures.py --half`` cuts it (``tune_half``: the tune
conflicts in alphabetical order, alternately *a* and *b*): develop a rule on
one half, check that it carries to the other.

Countries come from settings, as a user would set them: the ``conflict``
column of ``INDEX.tsv`` maps to ``TIMELINE_COUNTRIES`` (``CONFLICT_COUNTRIES``);
no code path knows which conflict it reads.

Scoring, per article: a read tally *matches* a gold tally of the same metric
and total (each gold tally is matched at most once, greedily in text order,
preferring one whose places also agree). On matched pairs we score

* ``date``: equal to gold ``date`` (or within ``date_any``); when the
  article's publication date is unknown the gold date is null and any date
  derived from our stand-in publication date is not scored (counted right);
* ``by_place``: the same places with the same counts; gold ``null`` equals an
  empty breakdown. Place names are compared leniently: case and accents
  folded, a leading "the" and a trailing "province", "governorate", "region",
  "oblast" or "district" dropped, and both sides resolved through the
  gazetteer to their canonical name when it knows them ("Rural Damascus" →
  "Rif Dimashq", "Lattakia" → "Latakia"); a name with a province word
  ("Donetsk region") is its province, a front "sector" or "direction" named
  after a town is the town. The gold keeps the text's spelling;
* ``reporter``: both empty, or sharing a content word ("Russian side" ~
  "the Russian side of the commission");
* ``exact``: metric, total, date, by_place and reporter all right.

Precision = matched / read, recall = matched / gold, exact = exact / gold.
``distractor FP``: tallies read from articles whose gold has none. ``warnings``:
"possible tally not read" problems raised by the reader; ``missed tallies warned``:
gold tallies not read whose quote lies in the sentence of such a warning (lose
nothing silently: a miss not warned about is lost silently).
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import re
import sys
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator import events, places  # noqa: E402
from generator.model import Article, Tally  # noqa: E402

CORPUS = ROOT.parent / "shared" / "data" / "bulletins" / "corpus"
GOLD = CORPUS / "gold" / "bulletins-dev.json"
STAND_IN_PUBLISHED = dt.date(2000, 1, 1)  # for texts whose publication date is unknown (gold dates are null)

CONFLICT_COUNTRIES: dict[str, list[str]] = {
    "syria": ["SY"], "donbas": ["UA", "RU"], "ukraine2022": ["UA", "RU"], "kashmir": ["IN", "PK"],
    "gaza": ["PS", "IL"], "karabakh": ["AZ", "AM"], "yemen": ["YE", "SA"], "afghanistan": ["AF"],
    "iraq": ["IQ"], "sudan": ["SD"], "myanmar": ["MM"], "somalia": ["SO"], "nigeria": ["NG"],
    "libya": ["LY"], "lebanon": ["LB", "IL"], "ethiopia": ["ET"], "drc": ["CD"], "sahel": ["ML", "BF", "NE"],
    "other": ["SY"],
}
_PLACE_SUFFIX = re.compile(r"\s+(?:province|governorate|region|oblast|district|sector|direction)s?$")
_PROVINCE_SUFFIX = re.compile(r"\s+(?:province|governorate|region|oblast)s?$")
_STOPWORDS = {"the", "of", "for", "in", "and", "on", "a", "an", "to", "side", "said", "news", "agency"}


def read_index() -> dict[str, dict[str, str]]:
    lines = (CORPUS / "INDEX.tsv").read_text(encoding="utf-8").splitlines()
    head = lines[0].split("\t")
    return {row[0]: dict(zip(head, row)) for row in (ln.split("\t") for ln in lines[1:]) if row}


def read_split() -> dict[str, set[str]]:
    """The Tune/Report families named at the end of the gold README."""
    text = (CORPUS / "gold" / "README.md").read_text(encoding="utf-8")
    out: dict[str, set[str]] = {}
    for name in ("Tune", "Report"):
        m = re.search(rf"\*\*{name}\*\*[^\n]*\n(.*?)(?:\n\n|\Z)", text, re.S)
        body = re.sub(r"\([^)]*\)", "", m.group(1)) if m else ""
        out[name.lower()] = {f.strip().rstrip(".") for f in body.replace("\n", " ").split(",") if f.strip()}
    return out


def read_article(number: str, meta: dict[str, str]) -> Article:
    raw = (CORPUS / "en" / f"{number}.txt").read_text(encoding="utf-8")
    header, _, body = raw.partition("\n\n")
    fields = dict(line.split(":", 1) for line in header.splitlines() if ":" in line)
    date = meta.get("date", "unknown")
    published = dt.date.fromisoformat(date) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", date) else STAND_IN_PUBLISHED
    return Article(path=f"corpus/en/{number}.txt", slug=number, title=fields.get("Title", "").strip(),
                   published=published, text=body, source=fields.get("Source", "").strip() or None)


def _load_baseline() -> Any:
    spec = importlib.util.spec_from_file_location("baseline_tallies", ROOT / "bench" / "baseline_tallies.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    if not hasattr(module, "merge_restatements"):
        module.merge_restatements = list  # extraction calls it since issue 10; the old reader kept every restatement
    if not hasattr(module, "ReportWindow"):  # the old reader knew no article-wide reporting window
        class NoWindow:
            def observe(self, sentence: str, published: Any) -> None:
                return None

        old_find = module.find_tallies
        module.ReportWindow = NoWindow
        module.find_tallies = lambda sentence, window=None, **kwargs: old_find(sentence, **kwargs)
    if not hasattr(module, "drop_restated_warnings"):
        module.drop_restated_warnings = lambda problems, found: list(problems)
    if not hasattr(module, "credited_back"):
        module.credited_back = lambda sentence: None  # the old reader never credited a count to the next sentence's reporter
    if not hasattr(module, "list_blocks"):
        module.list_blocks = lambda text: []  # the old reader read no list given one entry a line
    return module


@contextmanager
def reader(module: Any) -> Iterator[None]:
    """Run extraction with ``module`` as the tally reader."""
    saved = events.tallies
    events.tallies = module
    try:
        yield
    finally:
        events.tallies = saved


def fold(name: str) -> str:
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower().strip()
    text = re.sub(r"^the\s+", "", text)
    text = re.sub(r"^(?:province|governorate|region)\s+of\s+", "", text)
    return _PLACE_SUFFIX.sub("", text).strip()


def place_key(name: str, gazetteer: places.Gazetteer) -> str:
    """A place's comparison key: a province named as one ("Donetsk region", "Donetska oblast") is its province."""
    folded = fold(name)
    found = gazetteer.lookup(folded) or gazetteer.lookup(name)
    if not found:
        return folded
    # only a province word makes a name its province: "Donetsk sector" (a front area named after the city) is
    # not Donetsk region, and reading it as one made a right "Donetsk" entry wrong
    if found.admin1 and (found.kind == "admin1" or _PROVINCE_SUFFIX.search(name.lower())):
        return fold(found.admin1)
    return fold(found.name)


def same_places(read: dict[str, int], gold: dict[str, int] | None, gazetteer: places.Gazetteer) -> bool:
    a = {place_key(k, gazetteer): v for k, v in (read or {}).items()}
    b = {place_key(k, gazetteer): v for k, v in (gold or {}).items()}
    return a == b


def same_reporter(read: str | None, gold: str) -> bool:
    """Both unnamed, or sharing a content word, or one's acronym is the other's initials.

    The gold often keeps an acronym where the text also spells the name out:
    "OCHA" ~ "United Nations Office for the Coordination of Humanitarian Affairs",
    "SNHR" ~ "Syrian Network for Human Rights".
    """
    words_a = set(re.findall(r"[a-z]+", (read or "").lower())) - _STOPWORDS
    words_b = set(re.findall(r"[a-z]+", (gold or "").lower())) - _STOPWORDS
    if not words_b:
        return not words_a
    return bool(words_a & words_b) or _acronym_of(read or "", gold) or _acronym_of(gold, read or "")


def _acronym_of(short: str, long: str) -> bool:
    """Is an all-capitals word of ``short`` (3+ letters) the initials of ``long``'s capitalised words, in order?

    Each part of a hyphenated word gives its own initial, as acronyms take them:
    "ISPR" ~ "Inter-Services Public Relations" (I-S-P-R), "OCHA" ~ "Office for the Coordination of Humanitarian Affairs".

    >>> _acronym_of("ISPR", "Inter-Services Public Relations"), _acronym_of("ISPR", "Pakistan military")
    (True, False)
    """
    initials = "".join(w[0] for w in re.findall(r"[A-Za-z][\w]*", long) if w[0].isupper())
    for acronym in re.findall(r"\b[A-Z]{3,}\b", short):
        rest = iter(initials)
        if all(c in rest for c in acronym):
            return True
    return False


def same_date(tally: Tally, gold: dict[str, Any], published_known: bool) -> bool:
    if not published_known and gold.get("date") is None:
        return True
    allowed = set(gold.get("date_any") or []) | {gold.get("date")}
    return tally.date in allowed


@dataclass
class Score:
    gold: int = 0
    read: int = 0
    matched: int = 0
    exact: int = 0
    fields: dict[str, int] = field(default_factory=lambda: {"date": 0, "by_place": 0, "reporter": 0})
    distractor_texts: int = 0
    distractor_fp: int = 0
    warnings: int = 0
    missed: int = 0
    missed_warned: int = 0  # missed gold tallies whose sentence is on a "possible tally not read" warning
    errors: list[str] = field(default_factory=list)

    def row(self, name: str) -> str:
        p = self.matched / self.read if self.read else 0.0
        r = self.matched / self.gold if self.gold else 0.0
        e = self.exact / self.gold if self.gold else 0.0
        f = {k: (v / self.matched if self.matched else 0.0) for k, v in self.fields.items()}
        return (f"| {name} | {self.gold} | {self.read} | {p:.0%} | {r:.0%} | {e:.0%} | {f['date']:.0%} | "
                f"{f['by_place']:.0%} | {f['reporter']:.0%} | {self.distractor_fp} / {self.distractor_texts} | {self.warnings} | "
                f"{self.missed_warned} / {self.missed} |")


HEADER = ("| reader | gold tallies | read | precision | recall | exact | date ok | places ok | reporter ok "
          "| distractor FP / texts | possible-tally warnings | missed tallies warned / missed |\n"
          "|---|---|---|---|---|---|---|---|---|---|---|---|")


def score_article(number: str, article: Article, gold: dict[str, Any], countries: list[str], score: Score) -> None:
    extraction = events.extract_article(article, {"TIMELINE_COUNTRIES": countries})
    gazetteer = places.Gazetteer.for_countries(countries)
    read = list(extraction.tallies)
    golds = list(gold.get("tallies") or [])
    score.gold += len(golds)
    score.read += len(read)
    warned = [_squash(p.reason) for p in extraction.problems if "possible tally" in p.reason]
    score.warnings += len(warned)
    if not golds:
        score.distractor_texts += 1
        score.distractor_fp += len(read)
    published_known = gold.get("published") is not None
    free = list(range(len(golds)))
    # places-agreeing pairs first, so a restatement never takes a breakdown's gold
    read.sort(key=lambda t: not any(g["metric"] == t.metric and g["total"] == t.total and same_places(t.by_place, g["by_place"], gazetteer) for g in golds))
    for tally in read:
        candidates = [i for i in free if golds[i]["metric"] == tally.metric and golds[i]["total"] == tally.total]
        if not candidates:
            score.errors.append(f"{number} FALSE {tally.metric} {tally.total} {tally.by_place} by {tally.attributed_to!r} on {tally.date}: {tally.sentence[:200]!r}")
            continue
        best = next((i for i in candidates if same_places(tally.by_place, golds[i]["by_place"], gazetteer)), candidates[0])
        free.remove(best)
        g = golds[best]
        ok = {
            "date": same_date(tally, g, published_known),
            "by_place": same_places(tally.by_place, g["by_place"], gazetteer),
            "reporter": same_reporter(tally.attributed_to, g["reporter"]),
        }
        score.matched += 1
        for k, v in ok.items():
            score.fields[k] += v
        if all(ok.values()):
            score.exact += 1
        else:
            wrong = ", ".join(f"{k}: read {v!r} gold {g_v!r}" for k, v, g_v in (
                ("date", tally.date, g.get("date_any") or g.get("date")), ("by_place", tally.by_place, g["by_place"]),
                ("reporter", tally.attributed_to, g["reporter"])) if not ok[k])
            score.errors.append(f"{number} PARTLY {tally.metric} {tally.total}: {wrong}")
    for i in free:
        g = golds[i]
        score.missed += 1
        was_warned = any(_squash(g["quote"]) in w for w in warned)
        score.missed_warned += was_warned
        score.errors.append(f"{number} MISSED{' (warned)' if was_warned else ''} {g['metric']} {g['total']} {g['by_place']} ({g['period']}) by {g['reporter']!r}: {g['quote'][:200]!r}")


def _squash(text: str) -> str:
    return " ".join(text.split())


def tune_half(conflicts: list[str], half: str) -> set[str]:
    """``bench/figures.py``'s halves of the tune split (one definition for both benches)."""
    spec = importlib.util.spec_from_file_location("bench_figures", ROOT / "bench" / "figures.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    sys.modules.setdefault("bench_figures", module)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return set(module.tune_half(conflicts, half))


def run(split: str, module: Any | None, articles: dict[str, Any], index: dict[str, dict[str, str]], families: set[str],
        conflicts: set[str] | None = None) -> Score:
    score = Score()
    for number in sorted(articles):
        meta = index[number]
        if meta["family"] not in families or conflicts is not None and meta["conflict"] not in conflicts:
            continue
        article = read_article(number, meta)
        countries = CONFLICT_COUNTRIES.get(meta["conflict"], ["SY"])
        if module is None:
            score_article(number, article, articles[number], countries, score)
        else:
            with reader(module):
                score_article(number, article, articles[number], countries, score)
    return score


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=("tune", "report", "both"), default="both")
    parser.add_argument("--errors", action="store_true", help="list errors (tune split only)")
    parser.add_argument("--half", choices=("a", "b"), help="one cross-validation half of the tune split (by conflict)")
    args = parser.parse_args(argv)
    if (args.errors or args.half) and args.split != "tune":
        if args.split == "report":
            print("refused: --errors and --half are for the tune split only; the report split is held back", file=sys.stderr)
            return 2
        args.split = "tune"
    gold = json.loads(GOLD.read_text(encoding="utf-8"))["articles"]
    index = read_index()
    split = read_split()
    baseline = _load_baseline()
    splits = ["tune", "report"] if args.split == "both" else [args.split]
    for name in splits:
        conflicts = tune_half([index[n]["conflict"] for n in gold if index[n]["family"] in split[name]], args.half) if args.half else None
        ours = run(name, None, gold, index, split[name], conflicts)
        base = run(name, baseline, gold, index, split[name], conflicts)
        texts = sum(1 for n in gold if index[n]["family"] in split[name] and (conflicts is None or index[n]["conflict"] in conflicts))
        half = f", half {args.half}: {', '.join(sorted(conflicts))}" if conflicts else ""
        print(f"\n## {name} split ({texts} texts, {len(split[name])} families{half})\n")
        print(HEADER)
        print(base.row("baseline (before issue 10)"))
        print(ours.row("ours"))
        if args.errors and name == "tune":
            print()
            for line in ours.errors:
                print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
