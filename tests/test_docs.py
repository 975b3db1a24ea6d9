"""Meta-tests: what a user can set or download is documented."""

import re
from pathlib import Path

import pytest

from generator.settings import SETTINGS, resolve

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", [s.name for s in SETTINGS])
def test_every_setting_is_documented_in_the_readme(name):
    assert f"`{name}`" in README


@pytest.mark.parametrize("name", [s.name for s in SETTINGS])
def test_every_setting_has_help_and_a_usable_default(name):
    setting = next(s for s in SETTINGS if s.name == name)
    assert setting.help.strip()
    assert resolve({})[name] is not None


def test_a_setting_in_pelican_conf_overrides_its_default():
    assert resolve({"TIMELINE_COUNTRIES": ["UA"]})["TIMELINE_COUNTRIES"] == ["UA"]


def _columns():
    from generator import exports

    for table in (exports.EVENT_COLUMNS, exports.TALLY_COLUMNS, exports.KEY_FIGURE_COLUMNS, exports.INCIDENT_COLUMNS):
        for column in table:
            yield column.name


@pytest.mark.parametrize("column", sorted(set(_columns())))
def test_every_export_column_is_documented_in_the_readme(column):
    assert f"`{column}`" in README


def _readme_corrections_example() -> str:
    """The YAML block of the README's corrections section (the one headed by its file name)."""
    blocks = re.findall(r"```yaml\n(.*?)```", README, flags=re.S)
    [block] = [b for b in blocks if b.startswith("# content/corrections.yaml")]
    return block


def test_the_readme_corrections_example_applies_to_the_demo_site_without_stale_or_invalid_items():
    # The example's ids point at the demo corpus; if extraction changes so that one no
    # longer exists, the README would teach an editor a correction that is refused.
    from generator import corrections
    from generator.pipeline import extract_one
    from generator.read import read_article_file

    items, problems = corrections.parse(_readme_corrections_example(), "README.md")
    assert problems == []
    config = resolve({})
    ours = {k: v for k, v in config.items() if k.startswith("TIMELINE_")}
    extractions = []
    for path in sorted((ROOT / "content" / "articles").rglob("*.md")):
        article, _ = read_article_file(str(path))
        if article is not None:
            extractions.append(extract_one(article, ours))
    outcome = corrections.apply(extractions, items, corrections.Context.from_settings(config), "README.md")
    assert [(p.path, p.reason) for p in outcome.problems] == []
    assert {a.action for a in outcome.applied} >= {"edited", "hidden", "checked", "added"}


def test_the_readme_metric_example_counts_without_code():
    """The README's "Adding a metric" block, run as written: the settings pass and the metric is read."""
    from generator.figures import find_figures
    from generator.settings import validate

    block = next(b for b in re.findall(r"```python\n(.*?)```", README, flags=re.S) if "TIMELINE_METRICS = " in b)
    conf: dict = {}
    exec(block, conf)
    assert validate({"TIMELINE_METRICS": conf["TIMELINE_METRICS"]}) == []
    found = find_figures("Residents heard 14 explosions near the depot overnight.", conf["TIMELINE_METRICS"])
    assert [(f.metric, f.value) for f in found] == [("explosions", 14)]
