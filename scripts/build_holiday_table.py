#!/usr/bin/env python3
"""Write ydm/law/bank_holidays_table.json: the `holidays` package's UK bank holidays for 2018-2040.

Why: importing `holidays` and building a year costs ~170 ms per process, which dominated
`ydm deadline` and `ydm requests list`. The table is a snapshot of the same package (weekend dates
dropped, as holidays_uk does), checked against the installed package by a test, so it cannot
drift unnoticed. GOV.UK's refreshed list still wins for the years it covers.

Usage: python scripts/build_holiday_table.py
"""

from __future__ import annotations

import json
from pathlib import Path

import holidays

from ydm.law.holidays_uk import _SUBDIV, from_package

FIRST, LAST = 2018, 2040


def main() -> None:
    table = {
        "source": f"holidays package {holidays.__version__}",
        "years": [FIRST, LAST],
        "calendars": {
            cal.value: {
                str(year): {d.isoformat(): name for d, name in from_package(cal, year).items()}
                for year in range(FIRST, LAST + 1)
            }
            for cal in _SUBDIV
        },
    }
    target = Path(__file__).resolve().parents[1] / "ydm" / "law" / "bank_holidays_table.json"
    target.write_text(json.dumps(table, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
