"""When each provision a letter cites came into force: ONE table, read by every template.

A letter is dated, and every sentence under the person's signature must be true on that date (issue
16 finding 3). So no template hard-codes a provision that commenced recently: it asks `in_force(...)`,
or reads the `law` dict that `citations(on)` builds from this table (the renderer passes it to every
template as `law`). The deadline engine's regime dates (`deadline_rules.ARTICLE_12A_FROM`,
`S164A_FROM`) are read from here too, so a commencement date lives in one place.

Sources (law.md §4, R30-R32; the regulations themselves on legislation.gov.uk):
- CR1: SI 2025/904, the Data (Use and Access) Act 2025 (Commencement No. 1) Regulations 2025, reg 2.
- CR6: SI 2026/82, the Data (Use and Access) Act 2025 (Commencement No. 6 and Transitional and Saving
  Provisions) Regulations 2026, regs 2-4 and 7.
- DUAA: Data (Use and Access) Act 2025 c.18, s.142 (Royal Assent 19 Jun 2025) and the sections named.
- EA2022: Elections Act 2022 Part 6 (digital imprints), in force 2 Nov 2023 (the Electoral
  Commission: "The digital imprint regime is now in force (from November 2023)", consultation page
  https://www.electoralcommission.org.uk/news-and-views/our-consultations/consultation-draft-statutory-guidance-digital-imprints;
  the exact day, 2 Nov 2023, is from the Elections Act 2022 (Commencement No. 7) Regulations 2023,
  SI 2023/1145: UNCONFIRMED from the primary text, see docs/law-letters.md).
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple


class Commencement(NamedTuple):
    """One row of the table (a NamedTuple: every letter loads this module, and a frozen dataclass costs
    a millisecond to define, a tuple class a tenth of that)."""

    key: str
    provision: str  # how a letter names it
    in_force: date
    source: str  # the commencement regulation (and, where it matters, the transitional rule)


_TABLE = (
    # DUAA s.76: Art 12A (time limits, relevant time, stop the clock). Applies to requests RECEIVED on or
    # after 5 Feb 2026 (CR6 reg 4); before that, old Art 12(3) "within one month of receipt".
    Commencement("art12a", "Article 12A UK GDPR", date(2026, 2, 5), "SI 2026/82 regs 2(h) and 4 (DUAA s.76)"),
    # DUAA s.70 and Sch 4: Art 6(1)(ea) recognised legitimate interests, Annex 1, and "(ea)" in Art 21(1).
    Commencement("art6_1_ea", "Article 6(1)(ea) UK GDPR", date(2026, 2, 5), "SI 2026/82 reg 2(c), (z6) (DUAA s.70, Sch 4)"),
    # DUAA s.77: the information duties (Arts 13/14 as amended).
    Commencement("s77_information", "Articles 13 and 14 UK GDPR as amended", date(2026, 2, 5), "SI 2026/82 reg 2(i) (DUAA s.77)"),
    # DUAA s.114: PECR reg 22(3A), the charity soft opt-in.
    Commencement("pecr_22_3a", "regulation 22(3A) PECR", date(2026, 2, 5), "SI 2026/82 reg 2(x) (DUAA s.114)"),
    # DUAA Sch 11 para 3: Art 4A (periods of time).
    Commencement("art4a", "Article 4A UK GDPR", date(2025, 8, 20), "SI 2025/904 reg 2(y) (DUAA Sch 11)"),
    # DUAA s.103: DPA 2018 s.164A complaints to the controller; for complaints RECEIVED on or after
    # 19 Jun 2026 (CR6 reg 7). Sch 10 para 2: Art 77 omitted, DPA 2018 s.165 the route to the ICO.
    Commencement("s164a", "section 164A of the Data Protection Act 2018", date(2026, 6, 19), "SI 2026/82 regs 3 and 7 (DUAA s.103)"),
    Commencement("s165", "section 165 of the Data Protection Act 2018", date(2026, 6, 19), "SI 2026/82 reg 3 (DUAA s.103, Sch 10 para 2)"),
    # DUAA s.78: Art 15(1A) reasonable and proportionate searches, treated as in force from 1 Jan 2024 (s.78(5)).
    Commencement("art15_1a", "Article 15(1A) UK GDPR", date(2024, 1, 1), "DUAA ss.78(5), 142(2)(b)"),
    # Elections Act 2022 Part 6: digital imprints (see the module docstring for the source).
    Commencement("digital_imprints", "Part 6 of the Elections Act 2022", date(2023, 11, 2), "SI 2023/1145 (Elections Act 2022 s.67); EC consultation page"),
)

TABLE: dict[str, Commencement] = {c.key: c for c in _TABLE}


def in_force(key: str, on: date) -> bool:
    """Whether the provision `key` (a key of TABLE) was in force on `on`. Unknown keys are a bug."""
    return on >= TABLE[key].in_force


def citations(on: date) -> dict[str, bool]:
    """Every provision's in-force flag on `on`, for the templates (`law.art12a`, `law.s164a`, ...)."""
    return {key: on >= c.in_force for key, c in TABLE.items()}
