"""Which threats the statement's sections and summary table list: the office's own, or the
SPR edition's, each reported by the office threat that covers it (`[statement] report_on`).

Presentation only: the judgement is decided once, on the office's threats, in either mode.
"""

from __future__ import annotations

from collections.abc import Sequence

from assure.services.evidence.spr import Covered
from assure.services.statement.model import ReportedThreat, ThreatSection


def as_tracked(sections: Sequence[ThreatSection]) -> list[ReportedThreat]:
    """Each of the office's threats reported as itself."""
    return [ReportedThreat(s.name, s) for s in sections]


def as_spr(sections: Sequence[ThreatSection], spr: Sequence[Covered]) -> list[ReportedThreat]:
    """The SPR edition's threats in its order, each reported by the office threat that covers
    it; an office threat that covers several is named as their grouping in each, and an SPR
    threat the office tracks as several is reported once for each of them (its parts), so no
    part of its record is left out. The office's threats that cover none of the SPR's follow,
    as additional."""
    by_code = {s.code: s for s in sections}
    shared: dict[str, list[str]] = {}  # office threat -> the SPR threats it alone reports
    for threat in spr:
        if len(threat.by) == 1 and threat.by[0] in by_code:
            shared.setdefault(threat.by[0], []).append(threat.name)
    reported: list[ReportedThreat] = []
    for threat in spr:
        parts = [by_code[code] for code in threat.by if code in by_code]
        if len(parts) > 1:
            reported += _parts(threat.name, parts)
            continue
        section = parts[0] if parts else None
        names = shared.get(section.code, []) if section else []
        together = tuple(n for n in names if n != threat.name)
        grouping = section.name if section and together else ""
        reported.append(ReportedThreat(threat.name, section, grouping, together))
    covering = {code for threat in spr for code in threat.by}
    reported += [ReportedThreat(s.name, s, additional=True) for s in sections
                 if s.code not in covering]  # fmt: skip
    return reported


def _parts(name: str, parts: Sequence[ThreatSection]) -> list[ReportedThreat]:
    """An SPR threat the office tracks as several threats: one entry for each, named by both."""
    return [
        ReportedThreat(
            name if part.name == name else f"{name}: {part.name}",
            part,
            part_of=name,
            parts=tuple(p.name for p in parts),
        )
        for part in parts
    ]
