"""Write ``hijri.json``: the Gregorian dates of the Islamic holidays news names.

    pip install hijridate==2.6.0
    .venv/bin/python -m generator.lexicons.hijri_build

hijridate (MIT) converts with the Umm al-Qura calendar, Saudi Arabia's
official one. Many countries start Ramadan and the Eids by sighting the moon,
a day later or earlier than Umm al-Qura; the table is the reference the
tagger dates by, not what every country observed. The tagger never imports
hijridate: it reads the table (``generator.dates``), so the site needs no
calendar package.

For each Hijri year from 1370 (1950) to 1480 (2058): Ramadan's first and last
day, Eid al-Fitr (1 Shawwal), Eid al-Adha (10 Dhu al-Hijjah), the Islamic New
Year (1 Muharram) and Ashura (10 Muharram).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

FIRST, LAST = 1370, 1480
OUT = Path(__file__).resolve().parent / "hijri.json"


def table() -> dict[str, object]:
    from hijridate import Hijri  # type: ignore[import-not-found,unused-ignore]

    def day(year: int, month: int, d: int) -> str:
        return str(Hijri(year, month, d).to_gregorian())

    years: dict[str, dict[str, object]] = {}
    for ah in range(FIRST, LAST + 1):
        shawwal = dt.date.fromisoformat(day(ah, 10, 1))
        years[str(ah)] = {
            "islamic new year": day(ah, 1, 1),
            "ashura": day(ah, 1, 10),
            "ramadan": [day(ah, 9, 1), str(shawwal - dt.timedelta(days=1))],
            "eid al-fitr": str(shawwal),
            "eid al-adha": day(ah, 12, 10),
        }
    return {
        "source": "hijridate 2.6.0 (Umm al-Qura calendar), written by generator/lexicons/hijri_build.py",
        "years": years,
    }


def dumps(data: dict[str, object]) -> str:
    """JSON with one Hijri year a line."""
    years = data["years"]
    assert isinstance(years, dict)
    rows = ",\n".join(f"  {json.dumps(k)}: {json.dumps(v)}" for k, v in years.items())
    return f'{{\n "source": {json.dumps(data["source"])},\n "years": {{\n{rows}\n }}\n}}\n'


if __name__ == "__main__":
    OUT.write_text(dumps(table()), encoding="utf-8")
    print(f"wrote {OUT}")
