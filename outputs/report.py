"""`rasd report`: one self-contained HTML page for analysts, viewable with no network at all.

    - totals over the chosen period (the marts' sums), with the numbers in data-value attributes;
    - a map of the 61 districts (COD-AB admin2 polygons, simplified: outputs/geo.py) coloured by killed or by
      strikes over the period;
    - daily and weekly series per governorate: killed_low as a line, the band up to killed_best;
    - the deadliest incidents with the Arabic evidence behind the count highlighted in its sentence context,
      right-to-left, linked to the article;
    - the suspect incidents (mart suspect_incidents) with why;
    - a data-quality panel: rejected rows, unresolved places, imprecise dates, extractor versions.

The map is drawn with Plotly's cartesian scatter traces filled along the district outlines, not with its `geo`
choropleth: plotly.js fetches a world topojson from its CDN for every geo subplot, even when the trace brings
its own GeoJSON, and the page must make no request. Plotly's JavaScript (from the `plotly` package) is inlined
once in the page's head, so the file opens offline, from a mail attachment or a USB stick."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from string import Template
from typing import Any

import duckdb

from outputs import geo
from outputs.suspect import suspect_summary
from outputs.warehouse import has_table, read_only

TEMPLATE = Path(__file__).with_name("data") / "report_template.html"
TOP_INCIDENTS = 25
SUSPECT_ROWS = 50
CONTEXT_CHARS = 160
# Sequential colours, light to dark (ColorBrewer YlOrRd, 7 classes), and the colour of a district with none.
COLOURS = ["#ffffb2", "#fed976", "#feb24c", "#fd8d3c", "#fc4e2a", "#e31a1c", "#b10026"]
NO_DATA = "#f2f2f2"
# Measures the map can show: (label, column of district totals).
MAP_MEASURES = (("killed (low)", "killed_low"), ("strikes (low)", "strikes_low"))


@dataclass
class Report:
    """What a report holds, for the caller (the Dagster asset's metadata) and the tests."""

    path: Path
    start: date | None
    end: date | None
    totals: dict[str, int] = field(default_factory=dict)
    districts_on_map: int = 0
    suspect_incidents: int = 0
    top_incidents: int = 0


# --- queries -------------------------------------------------------------------------------------------------


def _rows(conn: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
    cursor = conn.execute(sql, params or [])
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def covered_period(conn: duckdb.DuckDBPyConnection) -> tuple[date | None, date | None]:
    """First and last day of the daily marts."""
    return conn.execute(
        "select min(event_date), max(event_date) from main.daily_district_casualties"
    ).fetchone()


def period_totals(conn: duckdb.DuckDBPyConnection, start: date | None, end: date | None) -> dict[str, int]:
    """The period's totals as the daily district marts give them (the figures the page shows)."""
    window, params = geo._window("event_date", start, end)
    casualties = conn.execute(
        f"select coalesce(sum(killed_low), 0), coalesce(sum(killed_best), 0), coalesce(sum(injured_low), 0), "
        f"coalesce(sum(events), 0) from main.daily_district_casualties where {window}",
        params,
    ).fetchone()
    strikes = conn.execute(
        f"select coalesce(sum(strikes_low), 0), coalesce(sum(strikes_best), 0) "
        f"from main.daily_district_strikes where {window}",
        params,
    ).fetchone()
    names = ("killed_low", "killed_best", "injured_low", "events", "strikes_low", "strikes_best")
    return {k: int(v) for k, v in zip(names, (*casualties, *strikes))}


TOP_INCIDENTS_SQL = """
select e.event_id, e.event_date, e.event_type, e.actor, e.place, e.admin2_name_en, e.admin2_name_ar,
       e.admin1_name_en, e.killed_low, e.killed_best, e.injured_low, e.n_reports, e.n_sources,
       e.count_article_id, e.count_url, e.count_title, e.count_evidence, e.count_evidence_start,
       e.count_evidence_end, coalesce(a.title || chr(10), '') || a.body as article_text,
       s.event_id is not null as suspect
from main.events as e
left join raw.articles as a on a.article_id = e.count_article_id
left join main.suspect_incidents as s on s.event_id = e.event_id
where e.killed_low > 0 and {window}
order by e.killed_low desc, e.killed_best desc, e.event_id
limit ?
"""


def evidence_in_context(text: str | None, start: int | None, end: int | None, evidence: str | None) -> str:
    """HTML: the evidence marked (<mark>) inside up to CONTEXT_CHARS characters of its article on each side."""
    if not text or start is None or end is None or text[start:end] != evidence:
        return f"<mark>{html.escape(evidence or '')}</mark>"
    before = text[max(0, start - CONTEXT_CHARS) : start]
    after = text[end : end + CONTEXT_CHARS]
    lead = "… " if start > CONTEXT_CHARS else ""
    tail = " …" if end + CONTEXT_CHARS < len(text) else ""
    return (
        f"{lead}{html.escape(before)}<mark>{html.escape(text[start:end])}</mark>{html.escape(after)}{tail}"
    ).replace("\n", " ¶ ")


def data_quality(conn: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """The figures of the data-quality panel."""
    one = lambda sql: conn.execute(sql).fetchone()[0]
    quality: dict[str, Any] = {
        "articles": one("select count(*) from raw.articles"),
        "latest_article": one("select strftime(max(published_at), '%Y-%m-%d %H:%M UTC') from raw.articles"),
        "rejected": _rows(
            conn,
            "select reason, count(*) as n from raw.rejected_articles group by reason order by n desc, reason",
        ),
        "mentions": one("select count(*) from raw.event_mentions"),
        "incidents": one("select count(*) from main.events"),
        "without_district": one("select count(*) from main.events where admin2_pcode is null"),
        "precision": _rows(
            conn,
            "select date_precision, count(*) as n from main.events group by date_precision order by date_precision",
        ),
        "versions": _rows(
            conn,
            "select extractor_version, count(*) as n from raw.event_mentions group by 1 order by n desc",
        ),
        "unresolved": [],
    }
    if has_table(conn, "main", "unresolved_places"):
        quality["unresolved_total"] = one("select count(*) from main.unresolved_places")
        quality["unresolved"] = _rows(
            conn,
            "select place, mentions, articles, example_evidence from main.unresolved_places "
            "order by mentions desc, place limit 10",
        )
    return quality


# --- figures -------------------------------------------------------------------------------------------------


def colour_for(value: float, maximum: float) -> str:
    if value <= 0 or maximum <= 0:
        return NO_DATA
    index = min(len(COLOURS) - 1, int((value / maximum) ** 0.5 * len(COLOURS)))
    return COLOURS[index]


def _rings(geometry: dict[str, Any]) -> tuple[list[float | None], list[float | None]]:
    """The outer rings of a (Multi)Polygon as one x/y path, polygons separated by None (Plotly's gaps)."""
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    xs: list[float | None] = []
    ys: list[float | None] = []
    for polygon in polygons:
        if xs:
            xs.append(None)
            ys.append(None)
        xs += [p[0] for p in polygon[0]]
        ys += [p[1] for p in polygon[0]]
    return xs, ys


def map_figure(districts: list[geo.District], totals: dict[str, dict[str, Any]]):
    """The district map: one filled scatter trace per district (meta.admin2 its P-code), and buttons that recolour
    them by killed or by strikes."""
    import plotly.graph_objects as go

    fig = go.Figure()
    maxima = {col: max((t.get(col, 0) for t in totals.values()), default=0) for _, col in MAP_MEASURES}
    fills = {col: [] for _, col in MAP_MEASURES}
    for district in districts:
        counts = totals.get(district.pcode, {})
        xs, ys = _rings(district.geometry)
        for _, col in MAP_MEASURES:
            fills[col].append(colour_for(counts.get(col, 0), maxima[col]))
        hover = (
            f"<b>{html.escape(district.name_en)}</b> · {html.escape(district.name_ar)} ({district.pcode})<br>"
            f"killed {counts.get('killed_low', 0)}–{counts.get('killed_best', 0)} · "
            f"strikes {counts.get('strikes_low', 0)}–{counts.get('strikes_best', 0)} · "
            f"incidents {counts.get('events', 0)}<extra></extra>"
        )
        fig.add_trace(
            go.Scatter(
                x=xs, y=ys, mode="lines", fill="toself", fillcolor=fills["killed_low"][-1],
                line={"color": "#666", "width": 0.6}, hoveron="fills+points", hovertemplate=hover,
                name=district.name_en, showlegend=False, meta={"admin2": district.pcode},
            )
        )  # fmt: skip
    buttons = [
        {"label": label, "method": "restyle", "args": [{"fillcolor": fills[col]}]}
        for label, col in MAP_MEASURES
    ]
    legend = " ".join(f"{label}: max {maxima[col]}" for label, col in MAP_MEASURES)
    fig.update_layout(
        updatemenus=[{"type": "buttons", "direction": "right", "buttons": buttons, "x": 0, "y": 1.08,
                      "xanchor": "left", "showactive": True}],
        xaxis={"visible": False}, yaxis={"visible": False, "scaleanchor": "x", "scaleratio": 1.2},
        margin={"l": 0, "r": 0, "t": 40, "b": 0}, height=560, plot_bgcolor="white",
        annotations=[{"text": legend + " (darker = more; grey = none)", "showarrow": False, "x": 1, "y": 1.08,
                      "xref": "paper", "yref": "paper", "xanchor": "right", "font": {"size": 11}}],
    )  # fmt: skip
    return fig


def series_figure(rows: list[dict[str, Any]], date_column: str, title: str):
    """Per governorate: killed_low as a line and the band up to killed_best; a menu picks the governorate."""
    import plotly.graph_objects as go

    by_gov: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_gov.setdefault(f"{row['admin1_name_en']} · {row['admin1_name_ar']}", []).append(row)
    names = sorted(by_gov, key=lambda n: -sum(r["killed_low"] for r in by_gov[n]))
    fig = go.Figure()
    for i, name in enumerate(names):
        days = [r[date_column] for r in by_gov[name]]
        fig.add_trace(
            go.Scatter(x=days, y=[r["killed_best"] for r in by_gov[name]], mode="lines",
                       line={"width": 0}, showlegend=False, hoverinfo="skip", visible=i == 0)
        )  # fmt: skip
        fig.add_trace(
            go.Scatter(
                x=days, y=[r["killed_low"] for r in by_gov[name]], mode="lines+markers", fill="tonexty",
                fillcolor="rgba(227,26,28,0.2)", line={"color": "#b10026"}, name="killed low (band: up to best)",
                customdata=[r["killed_best"] for r in by_gov[name]], visible=i == 0,
                hovertemplate="%{x}: killed %{y}–%{customdata}<extra></extra>",
            )
        )  # fmt: skip
    buttons = []
    for i, name in enumerate(names):
        visible = [j // 2 == i for j in range(2 * len(names))]
        buttons.append({"label": name, "method": "update", "args": [{"visible": visible}]})
    fig.update_layout(
        title={"text": title, "font": {"size": 14}, "x": 1, "xanchor": "right", "y": 0.97},
        height=340, margin={"l": 40, "r": 10, "t": 80, "b": 30},
        updatemenus=[{"buttons": buttons, "x": 0, "y": 1.32, "xanchor": "left", "yanchor": "top"}] if buttons else [],
        xaxis={"type": "date", "tickformat": "%d %b %Y"}, yaxis={"rangemode": "tozero", "title": "killed"},
        legend={"orientation": "h", "y": -0.2},
    )  # fmt: skip
    return fig


# --- the page ------------------------------------------------------------------------------------------------


def _cell(value: Any) -> str:
    return html.escape("" if value is None else str(value))


def _incident_rows(rows: list[dict[str, Any]]) -> str:
    out = []
    for r in rows:
        link = (
            f'<a href="{html.escape(r["count_url"], quote=True)}" rel="noopener noreferrer">{_cell(r["count_article_id"])}</a>'
            if r["count_url"]
            else _cell(r["count_article_id"])
        )
        flag = ' <span class="flag" title="in suspect incidents">suspect</span>' if r["suspect"] else ""
        out.append(
            "<tr>"
            f"<td>{_cell(r['event_date'])}</td><td>{_cell(r['admin2_name_en'] or r['admin1_name_en'])}"
            f"<br><span lang='ar' dir='rtl'>{_cell(r['admin2_name_ar'] or r['place'])}</span></td>"
            f"<td>{_cell(r['event_type'])}<br>{_cell(r['actor'])}</td>"
            f"<td class='num'>{r['killed_low']}–{r['killed_best']}{flag}</td><td class='num'>{r['n_reports']}</td>"
            f"<td class='evidence' lang='ar' dir='rtl'>{evidence_in_context(r['article_text'], r['count_evidence_start'], r['count_evidence_end'], r['count_evidence'])}</td>"
            f"<td>{link}</td></tr>"
        )
    return "\n".join(out)


def _suspect_rows(rows: list[dict[str, Any]]) -> str:
    out = []
    for r in rows:
        link = (
            f'<a href="{html.escape(r["count_url"], quote=True)}" rel="noopener noreferrer">article</a>'
            if r["count_url"]
            else ""
        )
        why = "<br>".join(html.escape(part) for part in r["why"].split(" | "))
        out.append(
            f"<tr><td class='num'>{r['suspicion_rank']}</td><td>{_cell(r['event_date'])}</td>"
            f"<td>{_cell(r['admin2_name_en'] or r['place'])}</td><td class='num'>{r['killed_low']}–{r['killed_best']}</td>"
            f"<td>{why}</td><td class='evidence' lang='ar' dir='rtl'>{_cell(r['count_evidence'])}</td><td>{link}</td></tr>"
        )
    return "\n".join(out)


def _quality_html(q: dict[str, Any]) -> str:
    def listing(rows: list[dict[str, Any]], key: str) -> str:
        return ", ".join(f"{_cell(r[key])} ({r['n']})" for r in rows) or "none"

    unresolved = "".join(
        f"<li><span lang='ar' dir='rtl'>{_cell(r['place'])}</span>: {r['mentions']} mention(s) in {r['articles']} article(s)</li>"
        for r in q["unresolved"]
    )
    return (
        "<ul>"
        f"<li>articles in the warehouse: <b id='q-articles'>{q['articles']}</b>; rejected input rows: "
        f"<b id='q-rejected'>{sum(r['n'] for r in q['rejected'])}</b> ({listing(q['rejected'], 'reason')})</li>"
        f"<li>event mentions: {q['mentions']}; incidents: {q['incidents']}, of which "
        f"{q['without_district']} placed only in a governorate (not on the map)</li>"
        f"<li>date precision of the incidents: {listing(q['precision'], 'date_precision')} "
        "(only day-precision incidents are in the daily figures)</li>"
        f"<li>extractor version(s): {listing(q['versions'], 'extractor_version')}</li>"
        f"<li>unresolved place names (not in the gazetteer): {q.get('unresolved_total', 0)}"
        + (f"; the most mentioned:<ul>{unresolved}</ul>" if unresolved else "")
        + "</li></ul>"
    )


def build_report(
    warehouse: Path | str,
    out: Path | str,
    admin2_geojson: Path | str | None,
    start: date | None = None,
    end: date | None = None,
) -> Report:
    """Write the report of `warehouse` over [start, end] (default: the whole covered period) to `out`. Without the
    COD-AB district polygons (`admin2_geojson` None or missing: `rasd gazetteer download` fetches only the CSVs)
    the page says so where the map would be."""
    import plotly.io as pio
    from plotly.offline import get_plotlyjs

    polygons = Path(admin2_geojson) if admin2_geojson else None
    districts = geo.load_districts(polygons) if polygons and polygons.is_file() else []
    with read_only(warehouse) as conn:
        first, last = covered_period(conn)
        start, end = start or first, end or last
        totals = period_totals(conn, start, end)
        district_totals = geo.district_totals(conn, start, end)
        window, params = geo._window("event_date", start, end)
        daily = _rows(
            conn, f"select * from main.daily_governorate_summary where {window} order by event_date", params
        )
        weekly_window, weekly_params = geo._window("period_start", start, end)
        weekly = _rows(
            conn,
            f"select * from main.weekly_governorate_summary where {weekly_window} order by period_start",
            weekly_params,
        )
        top = _rows(
            conn,
            TOP_INCIDENTS_SQL.format(window=geo._window("e.event_date", start, end)[0]),
            [*params, TOP_INCIDENTS],
        )
        suspects = suspect_summary(conn, SUSPECT_ROWS)
        quality = data_quality(conn)

    config = {"displaylogo": False, "responsive": True}
    figure = lambda fig, div: pio.to_html(
        fig, full_html=False, include_plotlyjs=False, div_id=div, config=config
    )
    period = f"{start} – {end}" if start else "no day-precision incidents"
    suspect_intro = (
        f"<b id='suspect-count'>{suspects.count}</b> incident(s) hold {suspects.killed_low} of the "
        f"{suspects.total_killed_low} dead in the warehouse ({suspects.killed_share:.0%}). The worst first; read "
        "the evidence before publishing these numbers."
        if suspects
        else "This warehouse has no suspect_incidents mart: rebuild it with the current pipeline."
    )
    page = Template(TEMPLATE.read_text(encoding="utf-8")).substitute(
        plotly_js=get_plotlyjs(),
        period=html.escape(period),
        latest=html.escape(str(quality["latest_article"] or "no article")),
        warehouse=html.escape(str(Path(warehouse).resolve())),
        totals="".join(
            f"<div class='total'><span class='label'>{label}</span>"
            f"<span class='value' id='total-{key}' data-value='{totals[key]}'>{totals[key]:,}</span></div>"
            for key, label in (
                ("killed_low", "killed (low)"),
                ("killed_best", "killed (best)"),
                ("injured_low", "injured (low)"),
                ("strikes_low", "strikes (low)"),
                ("events", "incidents"),
            )
        ),
        map_figure=figure(map_figure(districts, district_totals), "map")
        if districts
        else f"<p id='map'>No district map: the COD-AB district polygons ({html.escape(str(polygons))}) are missing.</p>",
        daily_figure=figure(
            series_figure(daily, "event_date", "Daily killed per governorate"), "series-daily"
        ),
        weekly_figure=figure(
            series_figure(weekly, "period_start", "Weekly killed per governorate (weeks from Monday)"),
            "series-weekly",
        ),
        top_rows=_incident_rows(top),
        suspect_intro=suspect_intro,
        suspect_rows=_suspect_rows(suspects.worst if suspects else []),
        quality=_quality_html(quality),
    )
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".part")
    tmp.write_text(page, encoding="utf-8")
    tmp.replace(out)
    return Report(
        path=out,
        start=start,
        end=end,
        totals=totals,
        districts_on_map=len(districts),
        suspect_incidents=suspects.count if suspects else 0,
        top_incidents=len(top),
    )
