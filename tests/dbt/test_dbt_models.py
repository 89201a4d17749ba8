"""The dbt project, built for real on a small hand-made warehouse.

A temporary DuckDB file gets the raw/ref/meta schemas of docs/contracts.md (the ref tables from the
gazetteer CSVs, original column names), a handful of Arabic articles and event mentions, and then
`dbt build` runs through dbt's Python API. The marts are checked against numbers worked out by hand
below; a second build with a bad row checks that our `low_le_best` test catches it. The linkage of
reports into incidents is checked on the same data (a1 and a2 report one strike), and the incremental
marts are checked against a full refresh after new and removed mentions (warehouse.incremental
decides the window of event days, as the Dagster asset does).
"""

from __future__ import annotations

import os
import shutil
from datetime import date, datetime
from pathlib import Path

import duckdb
import pytest

from warehouse.reference import GAZETTEER_FILES, load_gazetteer
from warehouse.schema import ARTICLES as ARTICLES_TABLE
from warehouse.schema import EVENT_MENTIONS, REJECTED_ARTICLES, ensure_schema, insert_rows

dbt_main = pytest.importorskip("dbt.cli.main", reason="dbt-core is not installed")
dbtRunner = dbt_main.dbtRunner

REPO = Path(__file__).resolve().parents[2]
PROJECT_DIR = REPO / "dbt_project"
GAZETTEER_DIR = Path(os.environ.get("RASD_GAZETTEER_DIR", REPO.parent / "shared" / "gazetteer"))

pytestmark = pytest.mark.skipif(
    not all((GAZETTEER_DIR / f).is_file() for f in GAZETTEER_FILES),
    reason=f"gazetteer CSVs not found in {GAZETTEER_DIR} (set RASD_GAZETTEER_DIR)",
)

# --- the hand-made data ---------------------------------------------------------------------------

ARTICLES = [
    # (article_id, source, published_at (UTC), title, body)
    (
        "a1",
        "enabbaladi",
        datetime(2016, 6, 5, 10, 0),
        "غارات على كفرتخاريم",
        (
            "قتل مدني وجرح آخرون اليوم بغارتين استهدفتا بلدة كفرتخاريم بريف إدلب، "
            "فيما قصفت قوات النظام مدينة سلقين بقذائف الهاون ما أدى لسقوط جرحى."
        ),
    ),
    (
        "a2",
        "smart",
        datetime(2016, 6, 6, 8, 0),
        None,
        (
            "قتل العشرات أمس بغارات روسية على كفرتخاريم. "
            "واندلعت اليوم اشتباكات في حي الشيخ مقصود بمدينة حلب قتل فيها ثلاثة عناصر."
        ),
    ),
    (
        "a3",
        "orient",
        datetime(2016, 6, 7, 21, 30),
        "تشييع ضحايا تفجير حارم",
        (
            "شيع الأهالي خمسة قتلى سقطوا في تفجير مدينة حارم. "
            "وقصفت قوات النظام اليوم ريف إدلب ما أدى لمقتل شخصين. "
            "وقتل قناص مدنياً اليوم في مخيم اليرموك بدمشق."
        ),
    ),
]

D5, D6, D7 = date(2016, 6, 5), date(2016, 6, 6), date(2016, 6, 7)


def _mention(
    mention_id,
    event_type,
    event_date,
    date_precision,
    place,
    codes,
    geo_precision,
    actor,
    killed=(0, 0, False),
    injured=(0, 0, False),
    strikes=(0, 0, False),
    civilian=False,
    evidence="",
):
    admin1, admin2, admin4 = codes
    article_id, ordinal = mention_id.split("#")
    return {
        "mention_id": mention_id,
        "article_id": article_id,
        "ordinal": int(ordinal),
        "event_type": event_type,
        "event_date": event_date,
        "date_precision": date_precision,
        "place": place,
        "admin1_pcode": admin1,
        "admin2_pcode": admin2,
        "admin4_pcode": admin4,
        "geo_precision": geo_precision,
        "actor": actor,
        **dict(zip(("killed_low", "killed_best", "killed_vague"), killed, strict=True)),
        **dict(zip(("injured_low", "injured_best", "injured_vague"), injured, strict=True)),
        **dict(zip(("strikes_low", "strikes_best", "strikes_vague"), strikes, strict=True)),
        "civilian": civilian,
        "evidence": evidence,
    }


HARIM = ("SY07", "SY0703")
MENTIONS = [
    # a1, published 2016-06-05: two strikes in Harim district (SY0703) that day
    _mention(
        "a1#0",
        "air_strike",
        D5,
        "day",
        "كفرتخاريم",
        (*HARIM, "C4157"),
        1,
        "unknown",
        killed=(1, 1, False),
        injured=(1, 2, True),
        strikes=(2, 2, False),
        civilian=True,
        evidence="قتل مدني وجرح آخرون اليوم بغارتين استهدفتا بلدة كفرتخاريم",
    ),
    _mention(
        "a1#1",
        "shelling",
        D5,
        "day",
        "سلقين",
        (*HARIM, "C4140"),
        1,
        "regime",
        injured=(1, 2, True),
        strikes=(1, 2, True),
        evidence="قصفت قوات النظام مدينة سلقين بقذائف الهاون ما أدى لسقوط جرحى",
    ),
    # a2, published 2016-06-06: "أمس" -> the strike happened on 2016-06-05 (same district-day as a1);
    # the clash in an Aleppo neighbourhood takes Aleppo city's community C1007 (district SY0200)
    _mention(
        "a2#0",
        "air_strike",
        D5,
        "day",
        "كفرتخاريم",
        (*HARIM, "C4157"),
        1,
        "russia",
        killed=(10, 12, True),
        strikes=(1, 2, True),
        evidence="قتل العشرات أمس بغارات روسية على كفرتخاريم",
    ),
    _mention(
        "a2#1",
        "armed_clash",
        D6,
        "day",
        "حي الشيخ مقصود",
        ("SY02", "SY0200", "C1007"),
        1,
        "unknown",
        killed=(3, 3, False),
        evidence="اشتباكات في حي الشيخ مقصود بمدينة حلب قتل فيها ثلاثة",
    ),
    # a3, published 2016-06-07: a funeral for an already-known bombing -> week precision, left out of
    # the daily marts; a governorate-only shelling (no district) -> left out too; a sniper in Yarmuk
    _mention(
        "a3#0",
        "explosion",
        D7,
        "week",
        "حارم",
        (*HARIM, "C4115"),
        1,
        "unknown",
        killed=(5, 5, False),
        evidence="شيع الأهالي خمسة قتلى سقطوا في تفجير مدينة حارم",
    ),
    _mention(
        "a3#1",
        "shelling",
        D7,
        "day",
        "ريف إدلب",
        ("SY07", None, None),
        3,
        "regime",
        killed=(2, 2, False),
        strikes=(1, 2, True),
        evidence="وقصفت قوات النظام اليوم ريف إدلب ما أدى لمقتل شخصين",
    ),
    _mention(
        "a3#2",
        "attack",
        D7,
        "day",
        "اليرموك",
        ("SY01", "SY0100", "C1002"),
        1,
        "regime",
        killed=(1, 1, False),
        civilian=True,
        evidence="وقتل قناص مدنياً اليوم في مخيم اليرموك بدمشق",
    ),
]

# Worked out by hand from MENTIONS. a1#0 and a2#0 report one incident: the air strike on كفرتخاريم
# (C4157) on 06-05, "اليوم" in a1 and "أمس" in a2, spelled كفرتخاريم (the gazetteer has كفر تخاريم):
# killed max(1, 10) / max(1, 12), injured max(1, 0) / max(2, 0), strikes max(2, 1) / max(2, 2).
# SY0703 on 06-05 = that incident + a1#1 (سلقين): killed 10+0 / 12+0, injured 1+1 / 2+2, 2 events
# from 3 reports in 2 articles. a3#0 (week; no day incident of its place before it) and a3#1 (no
# district) are in no district row.
INCIDENT_OF = {"a1#0": "a1#0", "a2#0": "a1#0"}  # mention -> the primary mention of its incident
EXPECTED_CASUALTIES = {
    # (admin2_pcode, event_date): (killed_low, killed_best, injured_low, injured_best, events, articles)
    ("SY0703", D5): (10, 12, 2, 4, 2, 2),
    ("SY0200", D6): (3, 3, 0, 0, 1, 1),
    ("SY0100", D7): (1, 1, 0, 0, 1, 1),
}
# Counted per report (event_reports), the strike on كفرتخاريم would count twice: 11/13 killed, 2/4 injured.
PER_REPORT_CASUALTIES = {("SY0703", D5): (11, 13, 2, 4, 3)}
# Strikes: only SY0703 on 06-05: the linked air strike (2/2) and a1#1's shelling (1/2).
# The clash, the attack, the week event and the district-less shelling make no row.
EXPECTED_STRIKES = {
    # (admin2_pcode, event_date): (air_strikes, shelling, strike_events, strikes_low, strikes_best)
    ("SY0703", D5): (1, 1, 2, 3, 4),
}
# Governorates, day incidents with or without a district:
# (admin1, day): (events, events_without_district, strike_events, killed_low, killed_best)
EXPECTED_GOVERNORATES = {
    ("SY07", D5): (2, 0, 2, 10, 12),
    ("SY02", D6): (1, 0, 0, 3, 3),
    ("SY07", D7): (1, 1, 1, 2, 2),  # a3#1: ريف إدلب, governorate only
    ("SY01", D7): (1, 0, 0, 1, 1),
}
MARTS = (
    "events",
    "event_reports",
    "daily_district_casualties",
    "daily_district_strikes",
    "daily_governorate_summary",
    "district_day",
    "districts",
)


def _make_warehouse(path: Path, mentions: list[dict], articles: list[tuple] = ARTICLES) -> None:
    """The production schema (warehouse/schema.py), the gazetteer as the `gazetteer` asset loads it, and the rows."""
    con = duckdb.connect(str(path))
    try:
        ensure_schema(con)
        load_gazetteer(con, GAZETTEER_DIR)
        _insert(con, articles, mentions)
        insert_rows(con, REJECTED_ARTICLES, [{
            "rejection_id": "r1", "source_file": "inbox-2016-06.jsonl", "source_line": 4,
            "reason": "The line is not valid JSON.", "raw_record": '{"id": ', "rejected_at": datetime(2016, 6, 8),
        }])  # fmt: skip
    finally:
        con.close()


def _insert(con, articles: list[tuple], mentions: list[dict], now: datetime = datetime(2016, 6, 8)) -> None:
    """Insert articles and their mentions, as ingestion and extraction would."""
    insert_rows(
        con,
        ARTICLES_TABLE,
        [
            {
                "article_id": article_id, "source": source, "url": f"https://example.org/{article_id}",
                "published_at": published_at, "title": title, "body": body, "content_hash": f"hash-{article_id}",
                "source_file": "inbox-2016-06.jsonl", "source_line": i, "ingested_at": now, "revision": 1,
                "source_position": f"line {i}",
            }
            for i, (article_id, source, published_at, title, body) in enumerate(articles, start=1)
        ],
    )  # fmt: skip
    texts = {
        r[0]: (r[1] + "\n" if r[1] else "") + r[2]
        for r in con.execute("select article_id, title, body from raw.articles").fetchall()
    }
    rows = []
    for mention in mentions:
        row = {**mention, "extractor_version": "test-0", "extracted_at": now, "place_kind": "gazetteer"}
        row["evidence_start"] = texts[row["article_id"]].find(row["evidence"])
        assert row["evidence_start"] >= 0, f"evidence of {row['mention_id']} is not in its article"
        row["evidence_end"] = row["evidence_start"] + len(row["evidence"])
        rows.append(row)
    insert_rows(con, EVENT_MENTIONS, rows)


def _dbt(args: list[str], warehouse: Path, tmp: Path, callbacks=None):
    """Run one dbt command on `warehouse` (the var `warehouse` dbt_project/profiles.yml reads, merged into any
    --vars of `args`), with target/ and logs/ kept out of the repo."""
    import json

    args = list(args)
    variables = {"warehouse": str(warehouse)}
    if "--vars" in args:
        at = args.index("--vars")
        variables = json.loads(args.pop(at + 1)) | variables
        args.pop(at)
    try:
        return dbtRunner(callbacks=callbacks or []).invoke(
            [
                *args,
                "--vars",
                json.dumps(variables),
                "--project-dir",
                str(PROJECT_DIR),
                "--profiles-dir",
                str(PROJECT_DIR),
                "--target-path",
                str(tmp / "target"),
                "--log-path",
                str(tmp / "logs"),
            ]
        )
    finally:
        _release_duckdb()


def _release_duckdb() -> None:
    """dbt-duckdb keeps its DuckDB instance open in the process after an in-process invoke; another
    connection to the same file (e.g. read_only) then fails with "different configuration". Close it.
    (Dagster runs dbt as a subprocess, where this does not arise.)"""
    from dbt.adapters.duckdb.connections import DuckDBConnectionManager

    with DuckDBConnectionManager._LOCK:
        env, DuckDBConnectionManager._ENV = DuckDBConnectionManager._ENV, None
        if env is not None:
            env.close()


def _failures(res) -> list[str]:
    return [
        f"{r.node.unique_id}: {r.status} {r.message or ''}"
        for r in res.result.results
        if str(r.status) not in ("success", "pass")
    ]


@pytest.fixture(scope="module")
def good_build(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("dbt_good")
    warehouse = tmp / "warehouse.duckdb"
    _make_warehouse(warehouse, MENTIONS)
    res = _dbt(["build"], warehouse, tmp)
    assert res.exception is None, res.exception
    assert res.success, "dbt build failed:\n" + "\n".join(_failures(res))
    return warehouse, {r.node.unique_id: str(r.status) for r in res.result.results}


@pytest.fixture(scope="module")
def built_warehouse(good_build) -> Path:
    return good_build[0]


def _query(warehouse: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_parse_has_no_deprecation_warnings(tmp_path):
    events = []

    def collect(event):
        if event.info.level in ("warn", "error") or "Deprecation" in event.info.name:
            events.append(f"{event.info.name}: {event.info.msg}")

    res = _dbt(["parse", "--no-partial-parse"], tmp_path / "unused.duckdb", tmp_path, callbacks=[collect])
    assert res.success, res.exception
    assert events == []


def test_build_runs_models_data_tests_and_unit_tests(good_build):
    warehouse, statuses = good_build
    tables = {
        r[0]
        for r in _query(
            warehouse, "select table_name from information_schema.tables where table_schema = 'main'"
        )
    }
    assert {
        *MARTS,
        "int_event_mentions_enriched",
        "int_incident_links",
        "int_incidents",
        "stg_raw__event_mentions",
        "stg_ref__districts",
    } <= tables
    kinds = {uid.split(".")[0] for uid in statuses}
    assert {"model", "test", "unit_test"} <= kinds
    assert sum(uid.startswith("unit_test.") for uid in statuses) >= 10
    assert sum(uid.startswith("unit_test.rasd.int_incident_links.") for uid in statuses) >= 3
    for generic in ("low_le_best", "non_negative", "not_after_publication", "unique_combination"):
        assert any(f".{generic}_" in uid for uid in statuses), generic
    # the admin-code consistency check (severity warn) finds nothing in consistent data
    assert statuses["test.rasd.assert_event_mention_admin_codes_consistent"] == "pass"
    for singular in (
        "assert_events_reproducible_from_reports",
        "assert_every_mention_reported_once",
        "assert_incremental_marts_match_a_full_rebuild",
        "assert_district_day_matches_daily_marts",
    ):
        assert statuses[f"test.rasd.{singular}"] == "pass", singular


def _incident_ids(warehouse: Path) -> dict[str, str]:
    return dict(_query(warehouse, "select mention_id, incident_id from event_reports"))


def test_linkage_two_outlets_one_strike(built_warehouse):
    """a1 ("اليوم") and a2 ("أمس", the next morning, another outlet, another spelling) report one strike."""
    incident = _incident_ids(built_warehouse)
    assert len(incident) == len(MENTIONS)
    assert incident["a1#0"] == incident["a2#0"]
    assert len(set(incident.values())) == len(MENTIONS) - 1
    row = _query(
        built_warehouse,
        "select event_type, event_date, place, admin4_pcode, actor, killed_low, killed_best, killed_vague, "
        "injured_low, injured_best, civilian_killed_low, civilian_killed_best, strikes_low, strikes_best, "
        "n_reports, n_sources, n_mentions, article_ids, article_id, first_published_at "
        f"from events where event_id = '{incident['a1#0']}'",
    )
    assert row == [
        (
            "air_strike",
            D5,
            "كفرتخاريم",
            "C4157",
            "russia",  # the only named actor (a1 says unknown)
            10,  # the highest floor a report confirms (a2: العشرات -> 10)
            12,
            True,  # the highest best (12) is a2's vague figure
            1,
            2,
            1,  # only a1 says the dead were civilians
            1,
            2,
            2,
            2,
            2,
            2,
            ["a1", "a2"],
            "a1",  # the primary report: the first published at the incident's place
            datetime(2016, 6, 5, 10, 0),
        )
    ]


def test_event_reports_keep_each_reports_own_counts(built_warehouse):
    rows = {
        r[0]: r[1:]
        for r in _query(
            built_warehouse,
            "select mention_id, event_date, reported_event_date, link_rule, is_primary, killed_low, killed_best, "
            "source from event_reports",
        )
    }
    assert rows["a1#0"] == (D5, D5, "same_place", True, 1, 1, "enabbaladi")
    assert rows["a2#0"] == (D5, D5, "same_place", False, 10, 12, "smart")
    # the funeral report (week precision) has no day incident of its place to join: its own incident
    assert rows["a3#0"] == (D7, D7, "same_place", True, 5, 5, "orient")
    # per report, the district-day would count the strike twice
    per_report = _query(
        built_warehouse,
        "select admin2_pcode, event_date, sum(killed_low), sum(killed_best), sum(injured_low), sum(injured_best), "
        "count(*) from event_reports where date_precision = 'day' and admin2_pcode is not null group by all",
    )
    by_cell = {(r[0], r[1]): tuple(int(v) for v in r[2:]) for r in per_report}
    for key, expected in PER_REPORT_CASUALTIES.items():
        assert by_cell[key] == expected


def test_events_mart(built_warehouse):
    incident = _incident_ids(built_warehouse)
    rows = _query(
        built_warehouse,
        "select event_id, article_id, source, published_date, event_date, admin1_pcode, admin1_name_en, "
        "admin1_name_ar, admin2_pcode, admin2_name_en, admin2_name_ar, is_strike "
        "from events order by event_id",
    )
    assert len(rows) == len(MENTIONS) - 1
    by_id = {r[0]: r for r in rows}
    by_mention = {m: by_id[incident[m]] for m in incident}
    # the incident keeps its day (06-05), not a publication day; its primary report is a1's
    assert by_mention["a2#0"][1:5] == ("a1", "enabbaladi", D5, D5)
    assert by_mention["a2#0"][5:11] == ("SY07", "Idleb", "إدلب", "SY0703", "Harim", "حارم")
    assert by_mention["a2#1"][8:11] == ("SY0200", "Jebel Saman", "جبل سمعان")
    assert by_mention["a3#2"][8:11] == ("SY0100", "Damascus", "مدينة دمشق")
    # the governorate-level mention keeps its governorate and no district
    assert by_mention["a3#1"][5:11] == ("SY07", "Idleb", "إدلب", None, None, None)
    assert {m for m, r in by_mention.items() if r[11]} == {"a1#0", "a2#0", "a1#1", "a3#1"}
    # the published_at of a3 is 21:30 UTC on 06-07: its publication day is 06-07
    assert by_mention["a3#0"][3] == D7


def test_daily_district_casualties(built_warehouse):
    rows = _query(
        built_warehouse,
        "select admin2_pcode, event_date, killed_low, killed_best, injured_low, injured_best, events, articles, "
        "admin1_pcode, admin1_name_en, admin1_name_ar, admin2_name_en, admin2_name_ar, reports, "
        "civilian_killed_low, civilian_killed_best from daily_district_casualties",
    )
    assert {(r[0], r[1]): tuple(r[2:8]) for r in rows} == EXPECTED_CASUALTIES
    names = {r[0]: r[8:13] for r in rows}
    assert names["SY0703"] == ("SY07", "Idleb", "إدلب", "Harim", "حارم")
    by_cell = {(r[0], r[1]): r for r in rows}
    # 3 reports of 2 incidents; the civilian dead: a1's one on the strike
    assert by_cell[("SY0703", D5)][13:] == (3, 1, 1)
    assert by_cell[("SY0100", D7)][13:] == (1, 1, 1)  # the sniper's victim, a civilian
    # week-precision and district-less incidents are in `events` only
    assert not any(r[0] is None for r in rows)
    assert ("SY0703", D7) not in {(r[0], r[1]) for r in rows}


def test_daily_district_strikes(built_warehouse):
    rows = _query(
        built_warehouse,
        "select admin2_pcode, event_date, air_strikes, shelling, strike_events, strikes_low, strikes_best, "
        "admin2_name_ar from daily_district_strikes",
    )
    assert {(r[0], r[1]): tuple(r[2:7]) for r in rows} == EXPECTED_STRIKES
    assert rows[0][7] == "حارم"


def test_daily_governorate_summary(built_warehouse):
    rows = _query(
        built_warehouse,
        "select admin1_pcode, event_date, events, events_without_district, strike_events, killed_low, killed_best "
        "from daily_governorate_summary",
    )
    assert {(r[0], r[1]): tuple(r[2:]) for r in rows} == EXPECTED_GOVERNORATES


def test_district_day_is_a_dense_grid(built_warehouse):
    n_districts = _query(built_warehouse, "select count(*) from districts")[0][0]
    assert n_districts == 61
    (rows, days, first, last, killed, events) = _query(
        built_warehouse,
        "select count(*), count(distinct event_date), min(event_date), max(event_date), sum(killed_low), "
        "sum(events) from district_day",
    )[0]
    assert (days, first, last) == (3, D5, D7)  # the covered period: first to last day of the daily marts
    assert rows == n_districts * days
    assert killed == sum(v[0] for v in EXPECTED_CASUALTIES.values())
    assert events == sum(v[4] for v in EXPECTED_CASUALTIES.values())
    assert _query(
        built_warehouse,
        "select killed_low, events from district_day where admin2_pcode = 'SY0703' and event_date = '2016-06-06'",
    ) == [(0, 0)]


def test_marts_have_enforced_contracts_and_documented_columns(built_warehouse):
    import json

    manifest = json.loads((built_warehouse.parent / "target" / "manifest.json").read_text(encoding="utf-8"))
    marts = {
        n["name"]: n
        for n in manifest["nodes"].values()
        if n["resource_type"] == "model" and n["name"] in MARTS
    }
    assert set(marts) == set(MARTS)
    for name, node in marts.items():
        assert node["config"]["contract"]["enforced"], name
        assert node["description"].strip(), name
        columns = [
            c
            for (c,) in _query(
                built_warehouse, f"select column_name from duckdb_columns() where table_name = '{name}'"
            )
        ]
        assert set(columns) == set(node["columns"]), name
        for column, spec in node["columns"].items():
            assert spec["description"].strip() and spec["data_type"], f"{name}.{column}"
    # persist_docs wrote the descriptions as DuckDB comments
    undocumented = _query(
        built_warehouse,
        "select table_name, column_name from duckdb_columns() where schema_name = 'main' and table_name in "
        f"({', '.join(repr(m) for m in MARTS)}) and (comment is null or comment = '')",
    )
    assert undocumented == []
    assert _query(
        built_warehouse,
        f"select count(*) from duckdb_tables() where table_name in ({', '.join(repr(m) for m in MARTS)}) "
        "and comment <> ''",
    ) == [(len(MARTS),)]


def test_low_greater_than_best_fails_low_le_best(tmp_path):
    bad = [dict(m) for m in MENTIONS]
    bad[-1].update(killed_low=5, killed_best=3)  # a3#2, an incident of its own: low > best violates §6
    warehouse = tmp_path / "bad.duckdb"
    _make_warehouse(warehouse, bad)

    res = _dbt(["build"], warehouse, tmp_path)

    assert res.exception is None, res.exception
    assert not res.success
    failed = [r.node for r in res.result.results if str(r.status) in ("fail", "error")]
    assert failed, "no node failed"
    assert all(
        getattr(n, "test_metadata", None) is not None and n.test_metadata.name == "low_le_best"
        for n in failed
    ), [n.unique_id for n in failed]
    assert {("model.rasd.events", "killed_low"), ("model.rasd.event_reports", "killed_low")} <= {
        (n.attached_node, n.column_name) for n in failed
    }
    # everything downstream of the failing test is skipped, so no wrong daily figure is published
    skipped = {r.node.unique_id for r in res.result.results if str(r.status) == "skipped"}
    assert "model.rasd.daily_district_casualties" in skipped


def test_inconsistent_admin_codes_warn_and_district_wins(tmp_path):
    odd = [dict(m) for m in MENTIONS]
    odd[0]["admin1_pcode"] = "SY02"  # Aleppo, but district SY0703 (Harim) is in Idleb
    warehouse = tmp_path / "odd.duckdb"
    _make_warehouse(warehouse, odd)

    res = _dbt(["build"], warehouse, tmp_path)

    assert res.success, "\n".join(_failures(res))
    statuses = {r.node.unique_id: str(r.status) for r in res.result.results}
    assert statuses["test.rasd.assert_event_mention_admin_codes_consistent"] == "warn"
    assert _query(
        warehouse,
        "select r.admin1_pcode, e.admin1_pcode, e.admin1_name_en from event_reports as r "
        "join events as e on e.event_id = r.incident_id where r.mention_id = 'a1#0'",
    ) == [("SY07", "SY07", "Idleb")]
    assert _query(
        warehouse, "select count(*) from daily_district_casualties where admin2_pcode = 'SY0703'"
    ) == [(1,)]


# --- incremental builds ---------------------------------------------------------------------------

LATER_ARTICLES = [
    (
        "a4",
        "orient",
        datetime(2016, 6, 11, 9, 0),
        None,
        "شيع الأهالي في كفرتخاريم ضحايا الغارات الروسية التي استهدفت البلدة.",
    ),
]
# a funeral six days after the strike on كفرتخاريم: week precision, published (and dated) 06-11
A4_FUNERAL = _mention(
    "a4#0",
    "air_strike",
    date(2016, 6, 11),
    "week",
    "كفرتخاريم",
    (*HARIM, "C4157"),
    1,
    "russia",
    killed=(12, 12, False),
    civilian=True,
    evidence="شيع الأهالي في كفرتخاريم ضحايا الغارات الروسية",
)


def _snapshot(warehouse: Path) -> dict[str, list[tuple]]:
    return {mart: _query(warehouse, f"select * from main.{mart} order by all") for mart in MARTS}


def _incremental_build(warehouse: Path, tmp: Path) -> str:
    """What the Dagster asset does: plan from the recorded state, run dbt, record the build."""
    from warehouse.incremental import plan_build, record_build

    con = duckdb.connect(str(warehouse))
    try:
        plan = plan_build(con, PROJECT_DIR, tmp / "target" / "manifest.json")
    finally:
        con.close()
    assert _dbt(["seed"], warehouse, tmp).success  # the word lists suspect_incidents reads (dbt_project/seeds/)
    res = _dbt(["run", *plan.dbt_args()], warehouse, tmp)
    assert res.success, "\n".join(_failures(res))
    con = duckdb.connect(str(warehouse))
    try:
        record_build(con, plan)
    finally:
        con.close()
    return plan.describe()


def _full_refresh_copy(warehouse: Path, tmp: Path) -> dict[str, list[tuple]]:
    copy = tmp / f"full-{warehouse.name}"
    shutil.copyfile(warehouse, copy)
    res = _dbt(["run", "--full-refresh"], copy, tmp)
    assert res.success, "\n".join(_failures(res))
    return _snapshot(copy)


def _mutate(warehouse: Path, sql: list[str] = (), articles=(), mentions=()) -> None:
    con = duckdb.connect(str(warehouse))
    try:
        for statement in sql:
            con.execute(statement)
        _insert(con, list(articles), list(mentions), now=datetime(2016, 6, 12))
    finally:
        con.close()


def test_incremental_builds_equal_a_full_refresh(tmp_path):
    """New reports of old days, a re-extraction that moves and removes mentions, and a run with no change: each
    incremental build (only the window of event days touched, widened by the linkage reach) leaves every mart
    as a full refresh would."""
    warehouse = tmp_path / "incremental.duckdb"
    first = [m for m in MENTIONS if m["article_id"] != "a2"]
    _make_warehouse(warehouse, first, articles=[a for a in ARTICLES if a[0] != "a2"])
    assert _incremental_build(warehouse, tmp_path).startswith("full refresh")

    # 1. a funeral report on 06-11 of the 06-05 strike: only 06-11 changed, but the incident it joins is
    #    six days earlier; the window reaches it
    _mutate(warehouse, articles=LATER_ARTICLES, mentions=[A4_FUNERAL])
    assert "2016-06-04 .. 2016-06-18" in _incremental_build(warehouse, tmp_path)
    after = _snapshot(warehouse)
    assert after == _full_refresh_copy(warehouse, tmp_path)
    strike = _query(
        warehouse,
        "select n_reports, killed_low, killed_best from events where list_contains(article_ids, 'a4')",
    )
    assert strike == [(2, 12, 12)]  # a1's strike with the funeral's later toll

    # 2. a2 arrives (a report of "yesterday"'s strike, and a clash), and a3 is re-extracted: its sniper
    #    mention is gone and its governorate shelling moves a day earlier
    a2 = [m for m in MENTIONS if m["article_id"] == "a2"]
    _mutate(
        warehouse,
        sql=[
            "delete from raw.event_mentions where mention_id = 'a3#2'",
            (
                "update raw.event_mentions set event_date = date '2016-06-06', "
                "extracted_at = timestamp '2016-06-12' where mention_id = 'a3#1'"
            ),
        ],
        articles=[a for a in ARTICLES if a[0] == "a2"],
        mentions=a2,
    )
    assert _incremental_build(warehouse, tmp_path).startswith("incremental")
    after = _snapshot(warehouse)
    assert after == _full_refresh_copy(warehouse, tmp_path)
    assert _query(warehouse, "select count(*) from event_reports where mention_id = 'a3#2'") == [(0,)]
    assert _query(
        warehouse, "select n_reports from events where list_contains(article_ids, 'a2') and is_strike"
    ) == [(3,)]

    # 3. nothing changed: nothing is reprocessed, nothing moves
    assert "no event day to reprocess" in _incremental_build(warehouse, tmp_path)
    assert _snapshot(warehouse) == after


def test_link_reach_matches_the_dbt_var():
    import yaml

    from warehouse.incremental import LINK_REACH_DAYS

    project = yaml.safe_load((PROJECT_DIR / "dbt_project.yml").read_text(encoding="utf-8"))
    assert project["vars"]["week_link_days"] == LINK_REACH_DAYS
