"""Write ``hebrew.json``: the Gregorian dates of the Jewish holidays news names.

    pip install convertdate==2.5.1
    .venv/bin/python -m generator.lexicons.hebrew_build

convertdate (MIT) computes the fixed Hebrew calendar. Each holiday begins at
sunset on the evening before the day given here (the first full day, as
calendars print it). Passover is the diaspora's eight days (Israel keeps
seven), Sukkot seven, Hanukkah eight. The tagger never imports convertdate:
it reads the table (``generator.dates``).

For each Hebrew year from 5710 (autumn 1949) to 5820 (2060): Rosh Hashanah
(1 Tishrei), Yom Kippur (10 Tishrei), Sukkot (15-21 Tishrei), Hanukkah (25
Kislev, eight days), Purim (14 Adar, Adar II in leap years) and Passover
(15-22 Nisan).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator.lexicons.hijri_build import dumps

FIRST, LAST = 5710, 5820
OUT = Path(__file__).resolve().parent / "hebrew.json"
NISAN, TISHREI, KISLEV, ADAR, ADAR_II = 1, 7, 9, 12, 13


def table() -> dict[str, object]:
    from convertdate import hebrew  # type: ignore[import-not-found,unused-ignore]

    def day(year: int, month: int, d: int) -> dt.date:
        return dt.date(*hebrew.to_gregorian(year, month, d))

    def span(first: dt.date, days: int) -> list[str]:
        return [str(first), str(first + dt.timedelta(days=days - 1))]

    years: dict[str, dict[str, object]] = {}
    for year in range(FIRST, LAST + 1):
        years[str(year)] = {
            "rosh hashanah": str(day(year, TISHREI, 1)),
            "yom kippur": str(day(year, TISHREI, 10)),
            "sukkot": span(day(year, TISHREI, 15), 7),
            "hanukkah": span(day(year, KISLEV, 25), 8),
            "purim": str(day(year, ADAR_II if hebrew.leap(year) else ADAR, 14)),
            "passover": span(day(year, NISAN, 15), 8),
        }
    return {"source": "convertdate 2.5.1 (Hebrew calendar), written by generator/lexicons/hebrew_build.py", "years": years}


if __name__ == "__main__":
    OUT.write_text(dumps(table()), encoding="utf-8")
    print(f"wrote {OUT}")
