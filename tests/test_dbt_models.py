"""The dbt project, built for real on a small hand-made warehouse.

A temporary DuckDB file gets the raw/ref/meta schemas of docs/contracts.md (the ref tables from the
gazetteer CSVs, original column names), a handful of Arabic articles and event mentions, and then
`dbt build` runs through dbt's Python API. The marts are checked against numbers worked out by hand
below; a second build with a bad row checks that our `low_le_best` test catches it.
"""

from __future__ import annotations

import os
from datetime import date, datetime
from pathlib import Path

import duckdb
import pytest

dbt_main = pytest.importorskip("dbt.cli.main", reason="dbt-core is not installed")
dbtRunner = dbt_main.dbtRunner

REPO = Path(__file__).resolve().parents[1]
PROJECT_DIR = REPO / "dbt_project"
GAZETTEER_DIR = Path(os.environ.get("RASD_GAZETTEER_DIR", REPO.parent / "shared" / "gazetteer"))
GAZETTEER_FILES = {
    "admin1": "syr_admin1_governorates.csv",
    "admin2": "syr_admin2_districts.csv",
    "admin3": "syr_admin3_subdistricts_from_admin4.csv",
    "admin4": "syr_admin4_communities.csv",
}

pytestmark = pytest.mark.skipif(
    not all((GAZETTEER_DIR / f).is_file() for f in GAZETTEER_FILES.values()),
    reason=f"gazetteer CSVs not found in {GAZETTEER_DIR} (set RASD_GAZETTEER_DIR)",
)

# --- the raw/ref/meta schemas of docs/contracts.md -------------------------------------------------

DDL = """
create schema raw;
create schema ref;
create schema meta;

create table raw.articles (
    article_id varchar primary key,
    source varchar not null,
    url varchar,
    published_at timestamp not null,
    title varchar,
    body varchar not null,
    content_hash varchar not null,
    source_file varchar not null,
    source_line integer not null,
    ingested_at timestamp not null
);

create table raw.rejected_articles (
    rejection_id varchar primary key,
    source_file varchar,
    source_line integer,
    reason varchar,
    raw_record varchar,
    rejected_at timestamp
);

create table raw.event_mentions (
    mention_id varchar primary key,
    article_id varchar not null,
    ordinal integer not null,
    extractor_version varchar not null,
    event_type varchar not null,
    event_date date not null,
    date_precision varchar not null,
    place varchar,
    admin1_pcode varchar,
    admin2_pcode varchar,
    admin4_pcode varchar,
    geo_precision integer,
    actor varchar,
    killed_low integer, killed_best integer, killed_vague boolean,
    injured_low integer, injured_best integer, injured_vague boolean,
    strikes_low integer, strikes_best integer, strikes_vague boolean,
    civilian boolean,
    evidence varchar,
    evidence_start integer,
    evidence_end integer,
    extracted_at timestamp
);

create table meta.extractions (
    article_id varchar primary key,
    extractor_version varchar,
    content_hash varchar,
    n_events integer,
    extracted_at timestamp
);
"""

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

# Worked out by hand from MENTIONS:
# SY0703 on 06-05 = a1#0 + a1#1 + a2#0: killed 1+0+10 / 1+0+12, injured 1+1+0 / 2+2+0, 2 articles.
# a3#0 (week) and a3#1 (no district) are in no daily row.
EXPECTED_CASUALTIES = {
    # (admin2_pcode, event_date): (killed_low, killed_best, injured_low, injured_best, events, articles)
    ("SY0703", D5): (11, 13, 2, 4, 3, 2),
    ("SY0200", D6): (3, 3, 0, 0, 1, 1),
    ("SY0100", D7): (1, 1, 0, 0, 1, 1),
}
# Strikes: only SY0703 on 06-05 (a1#0, a2#0 air; a1#1 shelling): strikes 2+1+1 / 2+2+2.
# The clash, the attack, the week event and the district-less shelling make no row.
EXPECTED_STRIKES = {
    # (admin2_pcode, event_date): (air_strikes, shelling, strike_events, strikes_low, strikes_best)
    ("SY0703", D5): (2, 1, 3, 4, 6),
}


def _make_warehouse(path: Path, mentions: list[dict]) -> None:
    con = duckdb.connect(str(path))
    try:
        con.execute(DDL)
        for table, filename in GAZETTEER_FILES.items():
            csv = (GAZETTEER_DIR / filename).as_posix()
            con.execute(f"create table ref.{table} as select * from read_csv(?, header = true)", [csv])
        now = datetime(2016, 6, 8)
        for i, (article_id, source, published_at, title, body) in enumerate(ARTICLES, start=1):
            con.execute(
                "insert into raw.articles values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    article_id,
                    source,
                    f"https://example.org/{article_id}",
                    published_at,
                    title,
                    body,
                    f"hash-{article_id}",
                    "inbox-2016-06.jsonl",
                    i,
                    now,
                ],
            )
        texts = {a[0]: (a[3] + "\n" if a[3] else "") + a[4] for a in ARTICLES}
        for mention in mentions:
            row = {**mention, "extractor_version": "test-0", "extracted_at": now}
            row["evidence_start"] = texts[row["article_id"]].find(row["evidence"])
            assert row["evidence_start"] >= 0, f"evidence of {row['mention_id']} is not in its article"
            row["evidence_end"] = row["evidence_start"] + len(row["evidence"])
            con.execute(
                f"insert into raw.event_mentions ({', '.join(row)}) values ({', '.join('?' * len(row))})",
                list(row.values()),
            )
        con.execute(
            "insert into raw.rejected_articles values ('r1', 'inbox-2016-06.jsonl', 4, "
            "'The line is not valid JSON.', '{\"id\": ', ?)",
            [now],
        )
    finally:
        con.close()


def _dbt(args: list[str], warehouse: Path, tmp: Path, callbacks=None):
    """Run one dbt command on `warehouse`, with target/ and logs/ kept out of the repo."""
    env = {"RASD_WAREHOUSE": str(warehouse), "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        return dbtRunner(callbacks=callbacks or []).invoke(
            [
                *args,
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
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


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
        "events",
        "daily_district_casualties",
        "daily_district_strikes",
        "int_event_mentions_enriched",
        "stg_raw__event_mentions",
        "stg_ref__districts",
    } <= tables
    kinds = {uid.split(".")[0] for uid in statuses}
    assert {"model", "test", "unit_test"} <= kinds
    assert sum(uid.startswith("unit_test.") for uid in statuses) >= 3
    for generic in ("low_le_best", "non_negative", "not_after_publication", "unique_combination"):
        assert any(f".{generic}_" in uid for uid in statuses), generic
    # the admin-code consistency check (severity warn) finds nothing in consistent data
    assert statuses["test.rasd.assert_event_mention_admin_codes_consistent"] == "pass"


def test_events_mart(built_warehouse):
    rows = _query(
        built_warehouse,
        "select event_id, article_id, source, published_date, event_date, admin1_pcode, admin1_name_en, "
        "admin1_name_ar, admin2_pcode, admin2_name_en, admin2_name_ar, is_strike "
        "from events order by event_id",
    )
    assert len(rows) == len(MENTIONS)
    by_id = {r[0]: r for r in rows}
    # an event reported "yesterday" keeps its own day, not the publication day
    assert by_id["a2#0"][3:5] == (D6, D5)
    assert by_id["a2#0"][5:11] == ("SY07", "Idleb", "إدلب", "SY0703", "Harim", "حارم")
    assert by_id["a2#1"][8:11] == ("SY0200", "Jebel Saman", "جبل سمعان")
    assert by_id["a3#2"][8:11] == ("SY0100", "Damascus", "مدينة دمشق")
    # the governorate-level mention keeps its governorate and no district
    assert by_id["a3#1"][5:11] == ("SY07", "Idleb", "إدلب", None, None, None)
    assert {k for k, r in by_id.items() if r[11]} == {"a1#0", "a1#1", "a2#0", "a3#1"}
    # the published_at of a3 is 21:30 UTC on 06-07: its publication day is 06-07
    assert by_id["a3#0"][3] == D7


def test_daily_district_casualties(built_warehouse):
    rows = _query(
        built_warehouse,
        "select admin2_pcode, event_date, killed_low, killed_best, injured_low, injured_best, events, articles, "
        "admin1_pcode, admin1_name_en, admin1_name_ar, admin2_name_en, admin2_name_ar "
        "from daily_district_casualties",
    )
    assert {(r[0], r[1]): tuple(r[2:8]) for r in rows} == EXPECTED_CASUALTIES
    names = {r[0]: r[8:] for r in rows}
    assert names["SY0703"] == ("SY07", "Idleb", "إدلب", "Harim", "حارم")
    # week-precision and district-less events are in `events` only
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


def test_low_greater_than_best_fails_low_le_best(tmp_path):
    bad = [dict(m) for m in MENTIONS]
    bad[0].update(killed_low=5, killed_best=3)  # low > best: violates GUIDELINES.md §6
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
    assert {(n.attached_node, n.column_name) for n in failed} == {("model.rasd.events", "killed_low")}
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
    assert _query(warehouse, "select admin1_pcode, admin1_name_en from events where event_id = 'a1#0'") == [
        ("SY07", "Idleb")
    ]
    assert _query(
        warehouse, "select count(*) from daily_district_casualties where admin2_pcode = 'SY0703'"
    ) == [(1,)]
