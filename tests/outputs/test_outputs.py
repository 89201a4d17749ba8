"""What analysts take away (issue 14), on the example inbox run through the whole pipeline: the new columns of
events and event_reports, the weekly/monthly marts without 128-bit integers, the suspect-incidents check and
summary, `rasd export` (CSV with BOM and HXL, ACLED, GeoJSON) and `rasd report`."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import duckdb
import pytest

from outputs import acled, geo
from outputs.export import export_all
from outputs.hxl import HXL_PATTERN, tag_for
from warehouse.publish import marts_from_manifest

REPO = Path(__file__).resolve().parents[2]
# The published marts, as publishing reads them (the models of models/marts/ in dbt's manifest)
MARTS = marts_from_manifest(REPO / "dbt_project" / "target" / "manifest.json")

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def warehouse(example_pipeline) -> Path:
    return example_pipeline[0]


@pytest.fixture(scope="module")
def conn(warehouse: Path):
    connection = duckdb.connect(str(warehouse), read_only=True)
    yield connection
    connection.close()


@pytest.fixture(scope="module")
def exported(warehouse: Path, gazetteer_dir: Path, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("export")
    export_all(warehouse, out, MARTS, gazetteer_dir / "syr_admin2.geojson")
    return out


def test_no_mart_column_is_a_128_bit_integer(conn) -> None:
    marts = [m for m in MARTS]
    assert {"weekly_district_summary", "monthly_governorate_summary", "suspect_incidents"} <= set(marts)
    columns = conn.execute(
        "select table_name, column_name, data_type from duckdb_columns() where schema_name = 'main' "
        f"and table_name in ({', '.join('?' for _ in marts)})",
        marts,
    ).fetchall()
    assert {c[0] for c in columns} == set(marts), "every mart is built"
    assert [c for c in columns if c[2] in ("HUGEINT", "UHUGEINT")] == []


def test_period_marts_add_up_to_the_daily_marts(conn) -> None:
    daily = conn.execute(
        "select sum(killed_low), sum(killed_best), sum(events) from daily_district_casualties"
    ).fetchone()
    for mart in ("weekly_district_summary", "monthly_district_summary"):
        assert (
            conn.execute(f"select sum(killed_low), sum(killed_best), sum(events) from {mart}").fetchone()
            == daily
        )
    gov = conn.execute(
        "select sum(killed_low), sum(strikes_low), sum(events) from daily_governorate_summary"
    ).fetchone()
    for mart in ("weekly_governorate_summary", "monthly_governorate_summary"):
        assert (
            conn.execute(f"select sum(killed_low), sum(strikes_low), sum(events) from {mart}").fetchone()
            == gov
        )
    # weeks start on Monday and end on Sunday
    assert conn.execute(
        "select bool_and(isodow(period_start) = 1 and isodow(period_end) = 7) from weekly_district_summary"
    ).fetchone()[0]


def test_events_carry_the_report_behind_the_count(conn) -> None:
    rows = conn.execute(
        """
        select e.event_id, e.killed_low, e.count_evidence, r.evidence, r.killed_low, r.incident_id,
               (select max(killed_low) from event_reports x where x.incident_id = e.event_id) as max_report_low,
               e.count_title, a.title, e.count_url, r.url
        from events e
        join event_reports r on r.mention_id = e.count_mention_id
        left join raw.articles a on a.article_id = e.count_article_id
        """
    ).fetchall()
    assert len(rows) == conn.execute("select count(*) from events").fetchone()[0]
    for (
        event_id,
        killed,
        count_evidence,
        evidence,
        report_low,
        incident,
        max_low,
        ctitle,
        title,
        curl,
        url,
    ) in rows:
        assert incident == event_id
        assert count_evidence == evidence
        assert report_low == max_low, "the count's report is the one with the highest killed_low"
        assert ctitle == title and curl == url
    # the Najiya strike: the count comes from one report of two; its evidence is that report's
    assert conn.execute("select count(*) from events where title is not null").fetchone()[0] > 0


def test_events_carry_coordinates_and_the_sub_district(conn) -> None:
    rows = conn.execute(
        """
        select e.admin4_pcode, e.admin3_pcode, e.latitude, e.longitude, e.coordinates_from,
               c.admin3Pcode, c.latitude, c.longitude, e.admin2_pcode
        from events e left join ref.admin4 c on c.admin4Pcode = e.admin4_pcode
        """
    ).fetchall()
    assert {r[4] for r in rows} >= {"community"}
    for admin4, admin3, lat, lon, source, ref_admin3, ref_lat, ref_lon, admin2 in rows:
        if admin4 is not None:
            assert (admin3, source, lat, lon) == (ref_admin3, "community", ref_lat, ref_lon)
        elif admin2 is not None:
            assert source == "district_centroid" and 32 < lat < 38 and 35 < lon < 43
        else:
            assert lat is None and source is None


def test_event_reports_carry_place_names(conn) -> None:
    rows = conn.execute(
        """
        select r.admin2_pcode, r.admin2_name_en, d.admin2_name_en, r.admin4_pcode, r.admin4_name_ar, c.admin4Name_ar
        from event_reports r
        left join districts d on d.admin2_pcode = r.admin2_pcode
        left join ref.admin4 c on c.admin4Pcode = r.admin4_pcode
        """
    ).fetchall()
    assert rows
    for admin2, name, ref_name, admin4, name_ar, ref_name_ar in rows:
        assert name == ref_name
        assert name_ar == ref_name_ar
        assert (admin4 is None) == (name_ar is None)


def test_suspect_check_and_summary(example_pipeline, capsys) -> None:
    warehouse, result = example_pipeline
    checks = {e.check_name: e for e in result.get_asset_check_evaluations()}
    check = checks["suspect_incidents_share"]
    assert check.passed
    assert check.metadata["suspect_incidents"].value == 0  # the invented examples hold no year, roundup ...
    from orchestration.summary import print_summary

    print_summary(warehouse, result)
    out = capsys.readouterr().out
    assert "Suspect incidents: 0 (killed_low 0 of 35, 0%)" in out
    assert out.index("Top 10 districts by strikes") < out.index("Suspect incidents")
    assert "report: " in out


def test_report_asset_links_to_the_page(example_pipeline) -> None:
    _, result = example_pipeline
    meta = next(
        e.step_materialization_data.materialization.metadata
        for e in result.get_asset_materialization_events()
        if e.step_materialization_data.materialization.asset_key.to_user_string() == "report"
    )
    path = Path(meta["path"].value)
    assert path.is_file() and meta["open"].value == path.as_uri()
    assert meta["districts_on_map"].value == 61
    assert meta["total_killed_low"].value == 35


def _read_csv(path: Path) -> tuple[bytes, list[list[str]]]:
    raw = path.read_bytes()
    return raw[:3], list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))


def test_every_mart_is_exported_with_bom_and_hxl(exported: Path, conn) -> None:
    for mart in MARTS:
        bom, rows = _read_csv(exported / f"{mart}.csv")
        assert bom == b"\xef\xbb\xbf", mart
        header, tags, data = rows[0], rows[1], rows[2:]
        columns = [c[0] for c in conn.execute(f"describe {mart}").fetchall()]
        assert header == columns
        assert all(HXL_PATTERN.match(t) for t in tags), (mart, tags)
        assert len(data) == conn.execute(f"select count(*) from {mart}").fetchone()[0]
    _, rows = _read_csv(exported / "events.csv")
    header, tags = rows[0], rows[1]
    assert tags[header.index("admin1_pcode")] == "#adm1+code"
    assert tags[header.index("admin2_name_ar")] == "#adm2+name+i_ar"
    assert tags[header.index("latitude")] == "#geo+lat"
    assert tags[header.index("killed_low")] == "#affected+killed+low"
    # Arabic survives the round trip, list columns are joined
    by_id = {r[header.index("event_id")]: r for r in rows[2:]}
    for event_id, evidence, ids in conn.execute(
        "select event_id, evidence, array_to_string(article_ids, '; ') from events"
    ).fetchall():
        assert by_id[event_id][header.index("evidence")] == evidence
        assert by_id[event_id][header.index("article_ids")] == ids


def test_an_unknown_column_still_gets_a_tag() -> None:
    assert tag_for("Some Column-2") == "#meta+some_column_2"
    assert HXL_PATTERN.match(tag_for("2x"))


def test_acled_file(exported: Path, conn) -> None:
    with open(exported / acled.FILE_NAME, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == list(acled.COLUMNS)
    events = {
        r[0]: r[1:]
        for r in conn.execute(
            "select event_id, killed_low, event_type, actor, event_date, civilian from events"
        ).fetchall()
    }
    assert len(rows) == len(events)
    for row in rows:
        killed_low, event_type, actor, day, civilian = events[row["event_id_cnty"].removeprefix("SYR")]
        assert int(row["fatalities"]) == killed_low
        assert row["event_date"] == day.isoformat() and int(row["year"]) == day.year
        assert row["sub_event_type"] == acled.event_types()[event_type]["sub_event_type"]
        assert row["actor1"] == acled.actors()[actor]["acled_actor"]
        assert row["country"] == "Syria" and row["iso"] == "760"
        assert (row["actor2"] == "Civilians (Syria)") == bool(civilian)
    strikes = [r for r in rows if r["sub_event_type"] == "Air/drone strike"]
    assert strikes and all(r["event_type"] == "Explosions/Remote violence" for r in strikes)
    assert all(r["latitude"] and r["longitude"] for r in rows if r["admin2"])


def test_geojson(exported: Path, conn) -> None:
    districts = json.loads((exported / "districts.geojson").read_text(encoding="utf-8"))
    assert len(districts["features"]) == 61
    assert {f["geometry"]["type"] for f in districts["features"]} <= {"Polygon", "MultiPolygon"}
    killed = sum(f["properties"]["killed_low"] for f in districts["features"])
    assert killed == conn.execute("select sum(killed_low) from daily_district_casualties").fetchone()[0]
    strikes = sum(f["properties"]["strikes_low"] for f in districts["features"])
    assert strikes == conn.execute("select sum(strikes_low) from daily_district_strikes").fetchone()[0]
    points = json.loads((exported / "incidents.geojson").read_text(encoding="utf-8"))
    assert (
        len(points["features"])
        == conn.execute("select count(*) from events where latitude is not null").fetchone()[0]
    )
    first = points["features"][0]
    assert first["geometry"]["type"] == "Point" and first["properties"]["evidence"]


def test_simplified_districts_keep_their_shape(gazetteer_dir: Path) -> None:
    path = gazetteer_dir / "syr_admin2.geojson"
    if not path.is_file():
        pytest.skip(f"{path} not found")
    districts = geo.load_districts(path)
    assert len(districts) == 61 and len({d.pcode for d in districts}) == 61
    original = json.loads(path.read_text(encoding="utf-8"))
    before = sum(len(json.dumps(f["geometry"])) for f in original["features"])
    after = sum(len(json.dumps(d.geometry)) for d in districts)
    assert after < before / 5
    for district in districts:
        polygons = (
            [district.geometry["coordinates"]]
            if district.geometry["type"] == "Polygon"
            else district.geometry["coordinates"]
        )
        for polygon in polygons:
            assert len(polygon[0]) >= 4 and polygon[0][0] == polygon[0][-1]


def test_simplify_drops_collinear_points_and_keeps_corners() -> None:
    square = [[0, 0], [0.5, 0], [1, 0], [1, 0.5], [1, 1], [0, 1], [0, 0.5], [0, 0]]
    assert geo.simplify_ring(square, 0.01) == [[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]
    assert geo.simplify_ring([[0, 0], [1e-4, 0], [0, 0]], 0.01) is None


def test_cli_export_and_report(warehouse: Path, tmp_path: Path) -> None:
    from orchestration.cli import main

    assert main(["export", "--warehouse", str(warehouse), "--out", str(tmp_path / "x")]) == 0
    assert (tmp_path / "x" / "events_acled.csv").is_file()
    assert main(["report", "--warehouse", str(warehouse), "-o", str(tmp_path / "r.html"),
                 "--start", "2024-03-10", "--end", "2024-03-10"]) == 0  # fmt: skip
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "2024-03-10 – 2024-03-10" in page
    assert main(["report", "--warehouse", str(tmp_path / "none.duckdb"), "-o", str(tmp_path / "n.html")]) == 2
    assert not (tmp_path / "n.html").exists()
