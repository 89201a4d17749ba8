"""The `rasd` command: extract (the scorer's line format), gazetteer download (offline path and parsing),
and `rasd run`'s early failure without a gazetteer."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import urllib.error
import urllib.request
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from conftest import shared_dir

from orchestration import cli
from orchestration.resources import Locations, RasdPaths
from warehouse import hdx

# GUIDELINES.md section 7, plus the evidence offsets a pipeline adds.
RECORD_FIELDS = {
    "article_id", "event_type", "event_date", "date_precision", "place", "admin1_pcode", "admin2_pcode",
    "admin4_pcode", "geo_precision", "actor", "killed", "injured", "strikes", "civilian", "evidence",
    "evidence_start", "evidence_end",
}  # fmt: skip
COUNT_FIELDS = {"low", "best", "vague"}


def article_texts(path: Path) -> dict[str, list[str]]:
    """article id -> the strings evidence offsets may index: title + newline + body, or the body alone."""
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            title, body = record.get("title"), record["body"]
            out[record["id"]] = [f"{title}\n{body}", body] if title else [body]
    return out


def test_extract_seed_article(shared: Path, gazetteer_dir: Path, tmp_path: Path) -> None:
    seed = shared / "eval" / "dev" / "seed_article.jsonl"
    if not seed.is_file():
        pytest.skip(f"{seed} not found")
    out = tmp_path / "out" / "pred.jsonl"
    proc = subprocess.run(
        [sys.executable, "-m", "orchestration.cli", "extract", str(seed), "-o", str(out), "--gazetteer",
         str(gazetteer_dir)],
        check=False, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert "0 invalid record(s)" in proc.stderr

    texts = article_texts(seed)
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert records, "the seed article reports events; none were extracted"
    for record in records:
        assert set(record) == RECORD_FIELDS
        assert record["article_id"] in texts
        for count in ("killed", "injured", "strikes"):
            assert set(record[count]) == COUNT_FIELDS
            assert 0 <= record[count]["low"] <= record[count]["best"]
        start, end = record["evidence_start"], record["evidence_end"]
        assert record["evidence"] and 0 <= start < end
        assert any(text[start:end] == record["evidence"] for text in texts[record["article_id"]]), record
    # Arabic is written as is (ensure_ascii=False), not as \u escapes.
    assert "\\u06" not in out.read_text(encoding="utf-8")


def test_extract_reports_invalid_lines(gazetteer_dir: Path, tmp_path: Path, capsys) -> None:
    source = tmp_path / "in.jsonl"
    good = {"id": "c-1", "published_at": "2024-03-09T10:00:00Z", "title": None,
            "body": "قتل ثلاثة مدنيين في قصف مدفعي على بلدة سرمين اليوم."}  # fmt: skip
    source.write_text(
        "\n".join(
            [json.dumps(good, ensure_ascii=False), "{not json", "", json.dumps({"id": "c-2", "body": "x"})]
        )
        + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "pred.jsonl"
    assert cli.main(["extract", str(source), "-o", str(out), "--gazetteer", str(gazetteer_dir)]) == 0
    err = capsys.readouterr().err
    assert f"{source}: line 2: invalid input record: line is not valid JSON" in err
    assert f"{source}: line 4: invalid input record:" in err and "published_at is missing" in err
    assert "1 article(s)" in err and "2 invalid record(s)" in err
    assert all(
        json.loads(line)["article_id"] == "c-1" for line in out.read_text(encoding="utf-8").splitlines()
    )
    # --strict turns invalid lines into a failure
    assert (
        cli.main(["extract", str(source), "-o", str(out), "--gazetteer", str(gazetteer_dir), "--strict"]) == 1
    )


@pytest.mark.parametrize(
    ("fixture", "articles"),
    [("scrape_utf8.csv", 2), ("scrape_cp1256.csv", 2), ("south_news_tafas.html", 1), ("north_news_feed.rss", 2),
     ("agency_dump.json", 3)],
)  # fmt: skip
def test_extract_reads_every_format_the_inbox_reads(
    gazetteer_dir: Path, tmp_path: Path, capsys, fixture: str, articles: int
) -> None:
    """`rasd extract` reads a file as ingest does (tests/fixtures/formats: files as outlets and scrapers write them),
    not only JSON lines: a CSV or a saved page gives its articles and their events."""
    source = Path(__file__).resolve().parents[1] / "fixtures" / "formats" / fixture
    out = tmp_path / "pred.jsonl"
    assert cli.main(["extract", str(source), "-o", str(out), "--gazetteer", str(gazetteer_dir), "--strict"]) == 0
    err = capsys.readouterr().err
    assert f"{articles} article(s)" in err and "0 invalid record(s)" in err, err
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert records and all(set(r) == RECORD_FIELDS for r in records)


def test_extract_refuses_a_file_of_another_kind(gazetteer_dir: Path, tmp_path: Path, capsys) -> None:
    source = tmp_path / "notes.docx"
    source.write_bytes(b"PK\x03\x04")
    assert cli.main(["extract", str(source), "-o", str(tmp_path / "o.jsonl"), "--gazetteer", str(gazetteer_dir)]) == 2
    assert "is not a file Rasd reads" in capsys.readouterr().err


def test_extract_without_gazetteer_says_how_to_get_one(tmp_path: Path, capsys) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text("", encoding="utf-8")
    code = cli.main(["extract", str(source), "-o", str(tmp_path / "o.jsonl"), "--gazetteer", str(tmp_path)])
    assert code == 2
    err = capsys.readouterr().err
    assert "rasd gazetteer download" in err and "RASD_GAZETTEER_DIR" in err


def test_gazetteer_download_offline(monkeypatch, tmp_path: Path, capsys) -> None:
    def offline(*args, **kwargs):
        raise urllib.error.URLError("[Errno -3] Temporary failure in name resolution")

    monkeypatch.setattr(urllib.request, "urlopen", offline)
    dest = tmp_path / "gaz"
    assert cli.main(["gazetteer", "download", "--dest", str(dest)]) == 1
    err = capsys.readouterr().err
    assert "could not reach data.humdata.org" in err and "Temporary failure in name resolution" in err
    assert "set RASD_GAZETTEER_DIR to a folder with the COD-AB CSVs" in err
    assert not dest.exists() or not any(dest.iterdir())


def test_run_without_gazetteer_fails_clearly(monkeypatch, tmp_path: Path, capsys) -> None:
    monkeypatch.setenv("RASD_GAZETTEER_DIR", str(tmp_path / "missing"))
    monkeypatch.setenv("RASD_WAREHOUSE", str(tmp_path / "wh.duckdb"))
    assert cli.main(["run"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("rasd run: No gazetteer folder found") and "rasd gazetteer download" in err
    assert not (tmp_path / "wh.duckdb").exists()


# --- the HDX workbook reader, on a small hand-made workbook ----------------------------------------------


def make_xlsx(sheets: dict[str, list[list[object]]]) -> bytes:
    """A minimal .xlsx (shared strings for text, numbers inline), as Excel and LibreOffice write them."""
    strings: list[str] = []

    def cell(ref: str, value: object) -> str:
        if isinstance(value, (int, float)):
            return f'<c r="{ref}"><v>{value}</v></c>'
        strings.append(str(value))
        return f'<c r="{ref}" t="s"><v>{len(strings) - 1}</v></c>'

    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel_ns = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as book:
        sheet_tags, rels = [], []
        for n, (name, rows) in enumerate(sheets.items(), 1):
            xml_rows = "".join(
                f'<row r="{r}">' + "".join(cell(f"{chr(65 + c)}{r}", v) for c, v in enumerate(row)) + "</row>"
                for r, row in enumerate(rows, 1)
            )
            book.writestr(
                f"xl/worksheets/sheet{n}.xml",
                f'<worksheet xmlns="{main}"><sheetData>{xml_rows}</sheetData></worksheet>',
            )
            sheet_tags.append(f'<sheet name="{name}" sheetId="{n}" r:id="rId{n}"/>')
            rels.append(
                f'<Relationship Id="rId{n}" Target="worksheets/sheet{n}.xml" Type="{rel_ns}/worksheet"/>'
            )
        book.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{main}" xmlns:r="{rel_ns}"><sheets>{"".join(sheet_tags)}</sheets></workbook>',
        )
        book.writestr(
            "xl/_rels/workbook.xml.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + "".join(rels)
            + "</Relationships>",
        )
        book.writestr(
            "xl/sharedStrings.xml",
            f'<sst xmlns="{main}">' + "".join(f"<si><t>{escape(s)}</t></si>" for s in strings) + "</sst>",
        )
    return buffer.getvalue()  # fmt: skip


def test_hdx_workbook_to_gazetteer_csvs(tmp_path: Path) -> None:
    # Column names as in an OCHA edition that differs from the shared CSVs (ADMx_PCODE / ADMx_EN / ADMx_AR).
    workbook = make_xlsx({
        "syr_admin1": [["ADM1_EN", "ADM1_AR", "ADM1_PCODE", "Shape_Area", "AREA_SQKM"], ["Idleb", "إدلب", "SY07", 0.5, 6097]],
        "syr_admin2": [["ADM2_EN", "ADM2_AR", "ADM2_PCODE", "ADM1_EN", "ADM1_AR", "ADM1_PCODE"],
                       ["Ariha", "أريحا", "SY0705", "Idleb", "إدلب", "SY07"]],
        "syr_admin4": [["admin4Pcode", "admin4Name_en", "admin4Name_ar", "admin3Pcode", "admin3Name_en", "admin3Name_ar",
                        "admin2Pcode", "admin2Name_en", "admin2Name_ar", "admin1Pcode", "admin1Name_en", "admin1Name_ar",
                        "Latitude", "Longitude"],
                       ["C4001", "Ariha", "أريحا", "SY070500", "Ariha", "مركز أريحا", "SY0705", "Ariha", "أريحا",
                        "SY07", "Idleb", "إدلب", 35.81, 36.61]],
    })  # fmt: skip
    sheets = hdx.read_xlsx(workbook)
    assert sheets["syr_admin1"][1] == ["Idleb", "إدلب", "SY07", "0.5", "6097"]
    counts = hdx.write_tables(hdx.build_gazetteer_tables(sheets), tmp_path)
    assert counts == {name: 1 for name in hdx.LAYOUT}
    admin2 = (tmp_path / "syr_admin2_districts.csv").read_text(encoding="utf-8").splitlines()
    assert admin2 == [",".join(hdx.LAYOUT["syr_admin2_districts.csv"]), "SY0705,Ariha,أريحا,SY07,Idleb,إدلب,"]
    admin3 = (tmp_path / "syr_admin3_subdistricts_from_admin4.csv").read_text(encoding="utf-8").splitlines()
    assert admin3[1] == "SY070500,Ariha,مركز أريحا,SY0705,Ariha,أريحا,SY07,Idleb,إدلب"
    admin4 = (tmp_path / "syr_admin4_communities.csv").read_text(encoding="utf-8").splitlines()
    assert admin4[1].startswith("C4001,Ariha,أريحا,Ariha,SY070500,") and admin4[1].endswith(",35.81,36.61,,0")

    # The shared gazetteer's header is the layout we write.
    shared_admin4 = shared_dir() / "gazetteer" / "syr_admin4_communities.csv"
    if shared_admin4.is_file():
        header = shared_admin4.read_text(encoding="utf-8").splitlines()[0]
        assert header == ",".join(hdx.LAYOUT["syr_admin4_communities.csv"])


def test_hdx_choose_resource_prefers_the_tabular_workbook() -> None:
    package = {"success": True, "result": {"resources": [
        {"name": "syr_admin_boundaries.shp.zip", "format": "SHP", "url": "https://x/a.shp.zip"},
        {"name": "syr_pop_admin.xlsx", "format": "XLSX", "url": "https://x/population.xlsx"},
        {"name": "syr_adminboundaries_tabulardata.xlsx", "format": "XLSX", "url": "https://x/tab.xlsx"},
    ]}}  # fmt: skip
    resource, kind = hdx.choose_resource(package)
    assert (resource["url"], kind) == ("https://x/tab.xlsx", "xlsx")
    with pytest.raises(hdx.DownloadError, match="no tabular"):
        hdx.choose_resource(
            {"result": {"resources": [{"name": "a.shp.zip", "format": "SHP", "url": "a.shp.zip"}]}}
        )


HOLDER = r"""
import sys, time, duckdb
conn = duckdb.connect(sys.argv[1])  # for writing, as a BI tool or a second run would hold it
conn.execute("create table if not exists t (x integer)")
print("holding", flush=True)
time.sleep(120)
"""


def test_run_says_at_once_who_holds_the_warehouse(gazetteer_dir: Path, tmp_path: Path, capsys) -> None:
    """Another process has the warehouse open: `rasd run` says so before starting, naming the file, the process
    and the serving copy readers should open instead, rather than failing in a step or waiting."""
    warehouse, inbox = tmp_path / "wh" / "warehouse.duckdb", tmp_path / "inbox"
    warehouse.parent.mkdir()
    inbox.mkdir()
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(warehouse)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "holding"
        code = cli.main(
            ["run", "--inbox", str(inbox), "--warehouse", str(warehouse), "--gazetteer", str(gazetteer_dir)]
        )
        still_holding = holder.poll() is None  # the run did not wait for the other process to end
    finally:
        holder.kill()
        holder.wait()
    err = capsys.readouterr().err
    assert code == 1, err
    assert f"the warehouse {warehouse} is in use by another process (PID {holder.pid}" in err
    assert str(warehouse.parent / "serving.duckdb") in err
    assert still_holding


def test_serving_dir_defaults_beside_the_warehouse(tmp_path: Path) -> None:
    environ = {"RASD_WAREHOUSE": str(tmp_path / "x" / "wh.duckdb")}
    assert Locations.from_environment(environ).serving_dir == tmp_path / "x"
    assert Locations.from_environment(environ, warehouse=tmp_path / "y" / "other.duckdb").serving_dir == tmp_path / "y"
    assert RasdPaths().serving_path(tmp_path / "y" / "other.duckdb") == tmp_path / "y"
    environ["RASD_SERVING_DIR"] = str(tmp_path / "published")
    located = Locations.from_environment(environ, warehouse=tmp_path / "y" / "other.duckdb")
    assert located.serving_dir == tmp_path / "published"
    assert RasdPaths.from_locations(located).serving_path(located.warehouse) == tmp_path / "published"
