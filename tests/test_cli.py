"""The `python -m generator extract` contract analysts and editors rely on."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
SEED = ROOT / "content" / "articles" / "2016-12-23-aleppo-attacked-again.md"


def run(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True, text=True)


def test_extract_json_has_the_documented_shape():
    result = run("extract", str(SEED), "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    [article] = data["articles"]
    assert article["published"] == "2016-12-23"
    assert {"path", "published", "events", "tallies", "warnings"} <= set(article)
    event = article["events"][0]
    assert {"date", "date_text", "sentence", "start", "end", "places", "type", "figures"} <= set(event)
    for place in (p for e in article["events"] for p in e["places"]):
        assert {"name", "admin1", "country"} <= set(place)
    for figure in (f for e in article["events"] for f in e["figures"]):
        assert {"metric", "value", "qualifier", "attributed_to"} <= set(figure)
    tally = article["tallies"][0]
    assert {"date", "metric", "total", "by_place", "attributed_to"} <= set(tally)


def test_plain_text_needs_a_publication_date(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text("Shelling hit Aleppo on Friday. Six people were killed.")
    result = run("extract", str(path))
    assert result.returncode == 2
    assert "--published" in result.stderr


def test_plain_text_with_a_publication_date_resolves_weekdays(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text("Shelling hit Aleppo on Thursday, the Observatory said. Six people were killed.")
    result = run("extract", str(path), "--published", "2016-12-23", "--format", "json")
    assert result.returncode == 0, result.stderr
    events = json.loads(result.stdout)["articles"][0]["events"]
    assert events[0]["date"] == "2016-12-22"
    assert events[0]["places"][0]["admin1"] == "Aleppo"


@pytest.mark.parametrize("args", [["extract"], ["extract", "x.txt", "--published", "23/12/2016"], ["nonsense"]])
def test_usage_errors_exit_with_status_2(args):
    assert run(*args).returncode == 2


def test_a_bad_file_is_reported_and_the_others_still_extracted(tmp_path):
    bad = tmp_path / "bad.md"
    bad.write_bytes(b"Title: X\nDate: 2016-12-23\n\nCaf\xe9 shelled.")
    result = run("extract", str(bad), str(SEED), "--format", "json")
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert len(data["articles"]) == 1
    assert "bad.md" in result.stderr and "not UTF-8" in result.stderr
