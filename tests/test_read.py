"""Reading articles: plain text, sentences with offsets, and bad input."""

import datetime as dt

import pytest

from generator.read import (
    html_to_text,
    parse_date,
    read_article_file,
    reading_problem,
    sanitise_html,
    scan_content,
    split_metadata,
    split_sentences,
)

SEED_PARAGRAPH = (
    "The Observatory said six people, including two children, were killed. "
    "State television said at least three people died, Reuters reported."
)


@pytest.mark.parametrize(
    "text, expected",
    [
        (SEED_PARAGRAPH, ["The Observatory said six people, including two children, were killed.",
                          "State television said at least three people died, Reuters reported."]),
        ("Gen. Ali said so on Aug. 7. Then he left.", ["Gen. Ali said so on Aug. 7.", "Then he left."]),
        ("The U.S. envoy arrived. Talks began.", ["The U.S. envoy arrived.", "Talks began."]),
        ("“We will stay,” he said. The convoy left.", ["“We will stay,” he said.", "The convoy left."]),
        ("First paragraph without a stop\n\nSecond one.", ["First paragraph without a stop", "Second one."]),
        ("Damascus (17), Aleppo (6) and Hama (2) provinces.", ["Damascus (17), Aleppo (6) and Hama (2) provinces."]),
    ],
)
def test_sentences_split_where_news_copy_ends_them(text, expected):
    assert [s.text for s in split_sentences(text)] == expected


def test_sentence_offsets_point_back_into_the_text():
    text = "Intro.\n\n" + SEED_PARAGRAPH
    for s in split_sentences(text):
        assert text[s.start : s.end] == s.text


def test_html_becomes_paragraphs_of_plain_text():
    assert html_to_text("<h1>T</h1><p>One &amp; two.</p><script>x()</script><p>Three\n four.</p>") == (
        "T\n\nOne & two.\n\nThree four."
    )


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        '<img src="x" onerror="alert(1)">',
        '<a href="javascript:alert(1)">x</a>',
        '<iframe src="https://evil.example"></iframe>',
        '<p style="background:url(javascript:alert(1))">x</p>',
    ],
)
def test_sanitiser_removes_active_content(hostile):
    clean = sanitise_html(hostile).lower()
    assert "script" not in clean and "onerror" not in clean and "javascript:" not in clean and "iframe" not in clean


@pytest.mark.parametrize(
    "value, expected",
    [("2016-12-23", dt.date(2016, 12, 23)), ("2016-12-23 10:30", dt.date(2016, 12, 23)), ("2016/1/5", dt.date(2016, 1, 5))],
)
def test_metadata_dates_parse(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize("value", ["next Tuesday-ish", "23/12/2016", "", "2016-13-45"])
def test_bad_metadata_dates_are_rejected_with_a_reason(value):
    with pytest.raises(ValueError):
        parse_date(value)


def test_metadata_block_is_split_from_the_body():
    meta, body = split_metadata("Title: A\nDate: 2016-12-23\nSource_url: https://x.example/a\n\nBody text.")
    assert meta == {"title": "A", "date": "2016-12-23", "source_url": "https://x.example/a"}
    assert body == "Body text."


def write(tmp_path, name, data):
    p = tmp_path / name
    p.write_bytes(data if isinstance(data, bytes) else data.encode())
    return str(p)


@pytest.mark.parametrize(
    "name, data, reason",
    [
        ("nodate.md", "Title: No date\n\nShelling hit Aleppo on Friday.", "no Date metadata"),
        ("baddate.md", "Title: Bad\nDate: next Tuesday-ish\n\nText.", "unparseable date"),
        ("broken.md", "Title: Broken\nthis line is not metadata\nDate: 2016-12-23\n\nText.", "broken metadata at line 2"),
        ("latin1.md", b"Title: Bad bytes\nDate: 2016-12-23\n\nCaf\xe9 shelled.", "not UTF-8"),
        ("empty.md", "", "empty file"),
        ("notitle.md", "Date: 2016-12-23\n\nText.", "no Title metadata"),
    ],
)
def test_each_bad_article_is_reported_with_its_path_and_reason(tmp_path, name, data, reason):
    path = write(tmp_path, name, data)
    problems = scan_content([path])
    assert len(problems) == 1
    assert problems[0].path.endswith(name) and reason in problems[0].reason and problems[0].severity == "error"


def test_hostile_html_is_a_warning_not_an_error(tmp_path):
    path = write(tmp_path, "x.md", "Title: X\nDate: 2016-12-23\n\nText <script>alert(1)</script>.")
    [problem] = scan_content([path])
    assert problem.severity == "warning" and "unsafe HTML" in problem.reason


def test_good_articles_raise_no_problems(tmp_path):
    path = write(tmp_path, "ok.md", "Title: Fine\nDate: 2016-12-23\nSource: Reuters\n\nText.")
    assert scan_content([path]) == []


def test_plain_text_takes_the_publication_date_given(tmp_path):
    path = write(tmp_path, "a.txt", "Shelling hit Aleppo.\n\nSix were killed.")
    article, problems = read_article_file(path, dt.date(2016, 12, 23))
    assert problems == [] and article.published == dt.date(2016, 12, 23)
    assert article.text == "Shelling hit Aleppo.\n\nSix were killed."


def test_plain_text_without_a_date_is_a_problem(tmp_path):
    article, problems = read_article_file(write(tmp_path, "a.txt", "Text."))
    assert article is None and "--published" in problems[0].reason


def test_markdown_metadata_gives_date_source_and_original_link(tmp_path):
    path = write(tmp_path, "a.md", "Title: T\nDate: 2016-12-23\nSource: Sputnik\nSource_url: https://s.example/1\n\n*Shelling* hit Aleppo.")
    article, _ = read_article_file(path)
    assert (article.title, article.published, article.source, article.source_url, article.text) == (
        "T", dt.date(2016, 12, 23), "Sputnik", "https://s.example/1", "Shelling hit Aleppo.")


def test_entities_are_decoded_once():
    assert html_to_text("<p>Write &amp;amp; for &amp;, &lt;b&gt; for bold.</p>") == "Write &amp; for &, <b> for bold."


# -- sources the readers would take quadratic time over (issue 11) ---------------------------------

@pytest.mark.parametrize("body", [
    "[" * 5000 + "Two people died.",  # unclosed link brackets: Markdown scans to the paragraph's end from each
    "[a " * 4000,
    "![" * 4000,
    "[" * 2500 + "x" + "]" * 2500,  # a link nested 2,500 deep
    "<a " * 6000 + "Two people died.",  # unclosed start tags: the HTML parser scans to the next ">" from each
    'x<y and ' * 5000,
    "<![CDATA[ " * 3000,
])
def test_a_source_the_readers_take_quadratic_time_over_is_refused_with_why(tmp_path, body):
    path = write(tmp_path, "slow.md", "Title: Slow\nDate: 2016-12-23\n\n" + body)
    article, [problem] = read_article_file(path)
    assert article is None and "quadratic time" in problem.reason and problem.stage == "read"


def test_many_closed_links_and_tags_are_read():
    # closed links and tags are scanned once each, however many: a long saved page or a link-heavy report reads
    body = "".join(f'<p>Shells hit <a href="https://example.org/{i}">village {i}</a> [on Monday](https://example.org).</p>\n'
                   for i in range(20000))
    assert reading_problem(body) is None
    assert reading_problem("A [note] and a [link](https://example.org) in one paragraph. " * 50000) is None
