"""`python -m generator import`: feeds, saved pages and pasted text become articles the pipeline reads."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from generator.cli import main
from generator.importers import Draft, entry_date, escape_markdown, fallback_extract, first_sentence, to_markdown
from generator.read import markdown_to_text, read_article_file

FIXTURES = Path(__file__).parent / "fixtures" / "import"

RSS_MD = """\
Title: Shelling reported in eastern Aleppo
Date: 2016-12-23
Source: Example Wire
Source_url: https://wire.example.org/2016/12/shelling-aleppo
Slug: 2016-12-23-shelling-reported-in-eastern-aleppo
Summary: Shelling hit two districts of eastern Aleppo on Thursday, a monitoring group said.
Category: reports

Shelling hit two districts of eastern Aleppo on Thursday, a monitoring group said.

Four people were wounded, according to local medics.

\\- not a list

\\#1 priority: 3. evacuations \\* and aid.
"""

ATOM_MD = """\
Title: Convoy reaches Idlib
Date: 2016-12-15
Source: Example Monitor
Source_url: https://monitor.example.org/convoy-idlib
Slug: 2016-12-15-convoy-reaches-idlib
Summary: A convoy of buses reached Idlib province on Thursday.
Category: reports

A convoy of buses reached Idlib province on Thursday. Officials said 300 people were on board.
"""

HTML_MD = """\
Title: Clashes near Hama airport
Date: 2016-09-14
Source: Example Daily
Source_url: https://daily.example.org/news/clashes-hama
Slug: 2016-09-14-clashes-near-hama-airport
Summary: Fighting broke out near the military airport of Hama on Tuesday, residents told reporters by telephone.
Category: reports

Fighting broke out near the military airport of Hama on Tuesday, residents told reporters by telephone.

Government forces said they had pushed back an attack from the north, while opposition groups claimed to have taken two checkpoints.

A local doctor said at least five people had been brought to the town hospital with shrapnel wounds during the afternoon.

The airport has been a frequent target because aircraft flying from it strike towns in the countryside, the doctor added.
"""

TXT_MD = """\
Title: Aid trucks enter Madaya after long wait
Date: 2016-01-11
Source: Relief Desk
Source_url: https://relief.example.org/madaya
Slug: 2016-01-11-aid-trucks-enter-madaya-after-long-wait
Summary: Dozens of trucks carrying food and medicine entered the besieged town of Madaya on Monday, a relief agency said.
Category: reports

Dozens of trucks carrying food and medicine entered the besieged town of Madaya on Monday, a relief agency said.

\\> Residents described queues that lasted for hours.

1\\. The agency said more convoys were planned for the coming week.
"""

# (input, extra arguments, file written, its exact Markdown, expected Article fields)
CASES = [
    pytest.param(
        "feed.rss", [], "2016-12-23-shelling-reported-in-eastern-aleppo.md", RSS_MD,
        (dt.date(2016, 12, 23), "Example Wire", "https://wire.example.org/2016/12/shelling-aleppo",
         "Shelling hit two districts of eastern Aleppo on Thursday, a monitoring group said.\n\n"
         "Four people were wounded, according to local medics.\n\n- not a list\n\n#1 priority: 3. evacuations * and aid."),
        id="rss",
    ),
    pytest.param(
        "feed.atom", [], "2016-12-15-convoy-reaches-idlib.md", ATOM_MD,
        (dt.date(2016, 12, 15), "Example Monitor", "https://monitor.example.org/convoy-idlib",
         "A convoy of buses reached Idlib province on Thursday. Officials said 300 people were on board."),
        id="atom",
    ),
    pytest.param(
        "page.html", [], "2016-09-14-clashes-near-hama-airport.md", HTML_MD,
        (dt.date(2016, 9, 14), "Example Daily", "https://daily.example.org/news/clashes-hama",
         HTML_MD.split("\n\n", 1)[1].rstrip("\n")),
        id="html",
    ),
    pytest.param(
        "pasted.txt",
        ["--published", "2016-01-11", "--source", "Relief Desk", "--source-url", "https://relief.example.org/madaya"],
        "2016-01-11-aid-trucks-enter-madaya-after-long-wait.md", TXT_MD,
        (dt.date(2016, 1, 11), "Relief Desk", "https://relief.example.org/madaya",
         "Dozens of trucks carrying food and medicine entered the besieged town of Madaya on Monday, a relief agency said."
         "\n\n> Residents described queues that lasted for hours."
         "\n\n1. The agency said more convoys were planned for the coming week."),
        id="txt",
    ),
]


def run(*args: str) -> int:
    return main(["import", *args])


@pytest.mark.parametrize("name, extra, filename, markdown, _", CASES)
def test_each_input_kind_becomes_the_expected_markdown(tmp_path, capsys, name, extra, filename, markdown, _):
    run(str(FIXTURES / name), "--into", str(tmp_path), *extra)
    written = tmp_path / filename
    assert written.read_text(encoding="utf-8") == markdown
    assert f"wrote: {written}" in capsys.readouterr().out


@pytest.mark.parametrize("name, extra, filename, _, expected", CASES)
def test_the_written_file_reads_back_as_the_right_article(tmp_path, name, extra, filename, _, expected):
    run(str(FIXTURES / name), "--into", str(tmp_path), *extra)
    article, problems = read_article_file(tmp_path / filename)
    assert problems == []
    published, source, source_url, text = expected
    assert (article.published, article.source, article.source_url, article.text) == (published, source, source_url, text)
    assert article.slug == filename[:-3]


@pytest.mark.parametrize("name", ["feed.rss", "feed.atom", "page.html"])
def test_hostile_html_and_page_furniture_are_stripped(tmp_path, name):
    run(str(FIXTURES / name), "--into", str(tmp_path))
    [written] = tmp_path.glob("*.md")
    text = written.read_text(encoding="utf-8").lower()
    for bad in ["<", "script", "alert", "javascript", "onclick", "iframe", "injected", "tracking", "font-family",
                "garden furniture", "most read", "copyright", "sport", "short summary that should lose"]:
        assert bad not in text, bad


@pytest.mark.parametrize(
    "paragraph",
    [
        "<script>alert(1)</script> shelling",
        "<img src=x onerror=alert(1)> hit",
        "# not a heading",
        "## nor this",
        "> not a quote",
        "- not a list",
        "+ nor this",
        "* nor this",
        "---",
        "1. not numbered",
        "2016. A year, not a list.",
        "*not emphasis* and __not bold__",
        "a_b_c and snake_case_words",
        "[not a link](javascript:alert(1))",
        "`not code`",
        "AT&T and R&D; 5 < 6 & 7 > 3",
        "back\\slash \\* kept",
    ],
)
def test_markdown_escaping_renders_back_to_the_same_plain_text(paragraph):
    rendered = markdown_to_text(escape_markdown(paragraph))
    assert rendered == paragraph
    assert "<" not in escape_markdown(paragraph)


@pytest.mark.parametrize(
    "args, status, stderr, files",
    [
        pytest.param(["feed.rss"], 1, "feed.rss: import: entry 'Undated note from the desk': no date", 1, id="undated-entry"),
        pytest.param(["pasted.txt"], 2, "plain text needs --published YYYY-MM-DD", 0, id="txt-without-date"),
        pytest.param(["missing.rss"], 1, "missing.rss: import: cannot open", 0, id="missing-file"),
        pytest.param(["feed.atom", "--dry-run"], 0, "", 0, id="dry-run"),
    ],
)
def test_problems_exit_status_and_what_is_written(tmp_path, capsys, args, status, stderr, files):
    argv = [str(FIXTURES / args[0]), *args[1:], "--into", str(tmp_path / "out")]
    assert run(*argv) == status
    err = capsys.readouterr().err
    assert stderr in err
    assert len(list((tmp_path / "out").glob("*.md"))) == files if (tmp_path / "out").exists() else files == 0


def test_a_page_without_a_date_is_a_problem_unless_published_is_given(tmp_path, capsys):
    page = tmp_path / "undated.html"
    page.write_text(
        "<html><head><title>Strike on a market</title></head><body><article>"
        "<p>An air strike hit a crowded market in the town on a busy morning, witnesses said to reporters.</p>"
        "<p>Rescue workers pulled several people from the rubble of two shops, the civil defence said.</p>"
        "</article></body></html>"
    )
    assert run(str(page), "--into", str(tmp_path / "a")) == 1
    assert "undated.html: import: no date" in capsys.readouterr().err
    assert run(str(page), "--into", str(tmp_path / "b"), "--published", "2016-12-20") == 0
    [written] = (tmp_path / "b").glob("*.md")
    assert written.name == "2016-12-20-strike-on-a-market.md"


def test_dry_run_says_what_it_would_write_and_writes_nothing(tmp_path, capsys):
    assert run(str(FIXTURES / "page.html"), "--into", str(tmp_path / "out"), "--dry-run") == 0
    assert "would write:" in capsys.readouterr().out
    assert not (tmp_path / "out").exists()


def test_never_overwrites_a_different_file_and_skips_an_identical_one(tmp_path, capsys):
    taken = tmp_path / "2016-12-15-convoy-reaches-idlib.md"
    taken.write_text("Title: Someone else's article\nDate: 2016-12-15\n\nHand-written text.\n")
    assert run(str(FIXTURES / "feed.atom"), "--into", str(tmp_path)) == 0
    assert taken.read_text().startswith("Title: Someone else's article")
    second = tmp_path / "2016-12-15-convoy-reaches-idlib-2.md"
    assert "Slug: 2016-12-15-convoy-reaches-idlib-2\n" in second.read_text()
    capsys.readouterr()
    assert run(str(FIXTURES / "feed.atom"), "--into", str(tmp_path)) == 0
    assert f"unchanged (identical file exists): {second}" in capsys.readouterr().out
    assert {p.name for p in tmp_path.iterdir()} == {taken.name, second.name}


def test_two_inputs_with_the_same_title_and_date_get_two_files(tmp_path):
    for n, body in enumerate(["Shelling hit the town on Monday.", "Shelling hit the city on Monday."]):
        (tmp_path / f"in{n}.txt").write_text(f"Same headline\n\n{body}\n")
    assert run(str(tmp_path / "in0.txt"), str(tmp_path / "in1.txt"), "--published", "2016-12-19", "--into", str(tmp_path / "out")) == 0
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == ["2016-12-19-same-headline-2.md", "2016-12-19-same-headline.md"]


def test_output_is_byte_identical_across_runs(tmp_path):
    inputs = [str(FIXTURES / n) for n in ["feed.rss", "feed.atom", "page.html"]]
    run(*inputs, "--into", str(tmp_path / "a"))
    run(*inputs, "--into", str(tmp_path / "b"))
    a = {p.name: p.read_bytes() for p in (tmp_path / "a").iterdir()}
    b = {p.name: p.read_bytes() for p in (tmp_path / "b").iterdir()}
    assert a == b and len(a) == 3


@pytest.mark.parametrize(
    "entry, expected",
    [
        ({"published": "Fri, 23 Dec 2016 01:30:00 +0300"}, dt.date(2016, 12, 23)),  # not shifted to UTC's 22nd
        ({"updated": "2016-12-15T23:30:00-05:00"}, dt.date(2016, 12, 15)),
        ({"published": "2016-12-15"}, dt.date(2016, 12, 15)),
        ({"title": "no date"}, None),
    ],
)
def test_an_entry_date_is_the_publishers_calendar_day(entry, expected):
    assert entry_date(entry) == expected


def test_summary_is_the_first_sentence_at_most_200_characters():
    long = "Word " * 80 + "end."
    assert first_sentence(["Shelling hit Aleppo. Four were hurt."]) == "Shelling hit Aleppo."
    summary = first_sentence([long])
    assert len(summary) <= 200 and summary.endswith("…")


def test_metadata_never_uses_pelicans_own_url_keys_and_drops_unsafe_links():
    draft = Draft("Title <b>x</b>", dt.date(2016, 1, 1), ("Text.",), "Src\nName", "javascript:alert(1)")
    md = to_markdown(draft, "2016-01-01-title-x")
    head = md.split("\n\n", 1)[0]
    assert "Title: Title x\n" in head and "Source: Src Name\n" in head
    assert "Source_url" not in head
    assert not any(line.lower().startswith(("url:", "save_as:")) for line in head.splitlines())


def test_stdlib_fallback_finds_the_article_text_without_furniture():
    title, paragraphs, meta = fallback_extract((FIXTURES / "page.html").read_text())
    assert title == "Clashes near Hama airport"
    assert paragraphs[1].startswith("Fighting broke out near the military airport")
    assert len(paragraphs) == 5  # headline + four paragraphs; nav, ad, script, aside, footer left out
    assert meta["date"].startswith("2016-09-14") and meta["sitename"] == "Example Daily"


def test_without_trafilatura_the_stdlib_fallback_writes_the_same_body(tmp_path, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "trafilatura", None)  # makes "import trafilatura" raise ImportError
    assert run(str(FIXTURES / "page.html"), "--into", str(tmp_path)) == 0
    written = (tmp_path / "2016-09-14-clashes-near-hama-airport.md").read_text(encoding="utf-8")
    assert written.split("\n\n", 1)[1] == HTML_MD.split("\n\n", 1)[1]


def test_imported_files_pass_the_build_scan_without_warnings(tmp_path):
    from generator.read import scan_content

    run(str(FIXTURES / "feed.rss"), str(FIXTURES / "feed.atom"), str(FIXTURES / "page.html"), "--into", str(tmp_path))
    files = [str(p) for p in tmp_path.glob("*.md")]
    assert len(files) == 3 and scan_content(files) == []


def test_entities_that_spell_tags_in_a_feed_never_become_raw_html(tmp_path):
    feed = tmp_path / "odd.rss"
    feed.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><title>Odd</title>'
        "<pubDate>Mon, 19 Dec 2016 10:00:00 +0000</pubDate>"
        "<description>&lt;p&gt;Text &amp;amp;lt;script&amp;amp;gt;alert(1)&amp;amp;lt;/script&amp;amp;gt; end.&lt;/p&gt;</description>"
        "</item></channel></rss>"
    )
    assert run(str(feed), "--into", str(tmp_path / "out")) == 0
    [written] = (tmp_path / "out").glob("*.md")
    assert "<" not in written.read_text(encoding="utf-8")


def test_the_module_entry_point_runs_import(tmp_path):
    import subprocess
    import sys

    root = Path(__file__).parent.parent
    result = subprocess.run(
        [sys.executable, "-m", "generator", "import", str(FIXTURES / "feed.atom"), "--into", str(tmp_path), "--dry-run"],
        cwd=root, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"would write: {tmp_path / '2016-12-15-convoy-reaches-idlib.md'}\n"


def test_a_saved_page_in_a_legacy_encoding_is_still_read(tmp_path):
    page = tmp_path / "latin1.html"
    page.write_bytes(
        '<html><head><meta charset="iso-8859-1"><title>Caf\u00e9 shelled in Homs</title></head><body><article>'
        "<p>A shell hit a caf\u00e9 in the old quarter of Homs on Sunday evening, residents told the local radio station.</p>"
        "<p>Firefighters said the building had been badly damaged and that two people were taken to hospital.</p>"
        "</article></body></html>".encode("latin-1")
    )
    assert run(str(page), "--into", str(tmp_path / "out"), "--published", "2016-12-18") == 0
    [written] = (tmp_path / "out").glob("*.md")
    assert "A shell hit a caf\u00e9 in the old quarter" in written.read_text(encoding="utf-8")


# -- hostile feeds (issue 11) ----------------------------------------------------------------


def _rss(items: str) -> str:
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>{items}</channel></rss>'


def _item(title: str, date: str, text: str = "Shelling hit a district of the city on Thursday, medics said.") -> str:
    return f"<item><title>{title}</title><pubDate>{date}</pubDate><description>{text}</description></item>"


@pytest.mark.parametrize("date", ["Mon, 01 Jan 0001 00:00:00 GMT", "2016-12-99", "Fri, 31 Dec 9999 10:00:00 GMT", "soon"])
def test_a_feed_date_that_is_not_the_one_written_is_reported_not_guessed(tmp_path, capsys, date):
    feed = tmp_path / "feed.rss"
    feed.write_text(_rss(_item("Odd date", date)))
    assert run(str(feed), "--into", str(tmp_path / "out")) == 1
    err = capsys.readouterr().err
    assert "entry 'Odd date'" in err and repr(date) in err
    assert not list((tmp_path / "out").glob("*.md")) if (tmp_path / "out").exists() else True


def test_same_title_entries_are_numbered_in_order_and_a_reimport_changes_nothing(tmp_path, capsys):
    feed = tmp_path / "feed.rss"
    feed.write_text(_rss("".join(_item("Air strikes hit Idlib", "Fri, 23 Dec 2016 10:00:00 GMT",
                                       f"Strike number {n} hit a village in the province, rescuers said.")
                                 for n in range(1, 41))))
    out = tmp_path / "out"
    assert run(str(feed), "--into", str(out)) == 0
    names = sorted(p.name for p in out.glob("*.md"))
    assert len(names) == 40 and "2016-12-23-air-strikes-hit-idlib-40.md" in names
    assert "number 7 hit" in (out / "2016-12-23-air-strikes-hit-idlib-7.md").read_text()
    capsys.readouterr()
    assert run(str(feed), "--into", str(out)) == 0
    assert capsys.readouterr().out.count("unchanged") == 40 and len(list(out.glob("*.md"))) == 40


def test_into_a_file_or_a_dangling_link_is_a_clear_error(tmp_path, capsys):
    feed = tmp_path / "feed.rss"
    feed.write_text(_rss(_item("A title", "Fri, 23 Dec 2016 10:00:00 GMT")))
    a_file = tmp_path / "file.txt"
    a_file.write_text("x")
    assert run(str(feed), "--into", str(a_file)) == 1
    assert "is not a folder" in capsys.readouterr().err
    dangling = tmp_path / "gone"
    dangling.symlink_to(tmp_path / "nowhere")
    assert run(str(feed), "--into", str(dangling)) == 1
    assert "dangling symlink" in capsys.readouterr().err


def test_a_dangling_link_at_the_target_name_is_skipped_not_followed(tmp_path, capsys):
    feed = tmp_path / "feed.rss"
    feed.write_text(_rss(_item("A title", "Fri, 23 Dec 2016 10:00:00 GMT")))
    out = tmp_path / "out"
    out.mkdir()
    (out / "2016-12-23-a-title.md").symlink_to(tmp_path / "elsewhere.md")
    assert run(str(feed), "--into", str(out)) == 0
    assert (out / "2016-12-23-a-title-2.md").is_file() and not (tmp_path / "elsewhere.md").exists()


def test_control_characters_do_not_survive_import(tmp_path):
    feed = tmp_path / "feed.rss"
    feed.write_text(_rss(_item("Form\x0cfeed &#x1b;[31mtitle", "Fri, 23 Dec 2016 10:00:00 GMT",
                               "Shelling\x0c hit the old city on Thursday\x01, medics said.")), encoding="utf-8")
    out = tmp_path / "out"
    run(str(feed), "--into", str(out))
    [written] = out.glob("*.md")
    text = written.read_text()
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", text)
    article, problems = read_article_file(written)
    assert article is not None and "Shelling hit the old city" in article.text
