"""Meta-tests: what a user can set or download is documented."""

from pathlib import Path

import pytest

from generator.settings import SETTINGS, resolve

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")


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

    for table in (exports.EVENT_COLUMNS, exports.TALLY_COLUMNS, exports.KEY_FIGURE_COLUMNS):
        for column in table:
            yield column.name


@pytest.mark.parametrize("column", sorted(set(_columns())))
def test_every_export_column_is_documented_in_the_readme(column):
    assert f"`{column}`" in README
