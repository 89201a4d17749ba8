"""The suspect incidents (mart suspect_incidents) as the run summary, the asset check and the report show them."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from outputs.warehouse import has_table


@dataclass(frozen=True)
class SuspectSummary:
    """How many incidents are suspect, how many dead they hold, and the worst of them."""

    count: int
    killed_low: int
    total_killed_low: int
    worst: list[dict]

    @property
    def killed_share(self) -> float:
        return self.killed_low / self.total_killed_low if self.total_killed_low else 0.0


WORST_SQL = """
select suspicion_rank, event_id, event_date, event_type, admin2_name_en, admin2_name_ar, place, killed_low,
       killed_best, array_to_string(reasons, ', ') as reasons, why, count_evidence, count_url
from main.suspect_incidents
order by suspicion_rank
limit ?
"""


def suspect_summary(conn: duckdb.DuckDBPyConnection, limit: int = 5) -> SuspectSummary | None:
    """None when the warehouse has no suspect_incidents mart (built before it existed)."""
    if not has_table(conn, "main", "suspect_incidents"):
        return None
    count, killed = conn.execute(
        "select count(*), coalesce(sum(killed_low), 0) from main.suspect_incidents"
    ).fetchone()
    total = conn.execute("select coalesce(sum(killed_low), 0) from main.events").fetchone()[0]
    cursor = conn.execute(WORST_SQL, [limit])
    names = [d[0] for d in cursor.description]
    worst = [dict(zip(names, row)) for row in cursor.fetchall()]
    return SuspectSummary(count=count, killed_low=int(killed), total_killed_low=int(total), worst=worst)


def worst_rows(summary: SuspectSummary, why_chars: int = 90) -> list[tuple]:
    """The worst incidents as table rows for a terminal: rank, day, district, killed, reasons, why (cut)."""
    rows = []
    for s in summary.worst:
        why = s["why"] if len(s["why"]) <= why_chars else s["why"][: why_chars - 1] + "…"
        district = s["admin2_name_en"] or s["place"] or ""
        rows.append(
            (s["suspicion_rank"], s["event_date"], district, f"{s['killed_low']}-{s['killed_best']}", why)
        )
    return rows
