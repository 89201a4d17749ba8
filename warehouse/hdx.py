"""`rasd gazetteer download`: fetch the OCHA COD-AB for Syria from HDX and write the four CSVs Rasd reads,
with the file names of the gazetteer module (extract/gazetteer.py) and the columns of ref.* (warehouse/schema.py).

HDX is a CKAN site: package_show lists the dataset's resources; the tabular one is an .xlsx workbook
(one sheet per admin level) or a zip of CSVs. Column names differ between COD-AB editions
(admin2Pcode / ADM2_PCODE / adm2_pcode, admin2Name_ar / ADM2_AR / adm2_name1), so they are matched
loosely and written out under the names Rasd uses. Only the standard library is needed: .xlsx is read
with zipfile + ElementTree.
"""

from __future__ import annotations

import csv
import io
import json
import re
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterable
from pathlib import Path

from warehouse.reference import GAZETTEER_TABLES

PACKAGE_SHOW = "https://data.humdata.org/api/3/action/package_show?id={dataset}"
DEFAULT_DATASET = "cod-ab-syr"
USER_AGENT = "rasd-gazetteer-download/0.1 (+https://data.humdata.org)"

# The four CSVs Rasd reads (extract.gazetteer's file names) and their columns (warehouse/schema.py, ref.*).
LAYOUT: dict[str, list[str]] = {name: table.names for name, table in GAZETTEER_TABLES.items()}
LEVEL_OF_FILE = {name: int(table.name.removeprefix("admin")) for name, table in GAZETTEER_TABLES.items()}


class DownloadError(RuntimeError):
    """Shown to the user as is."""


OFFLINE_HINT = "set RASD_GAZETTEER_DIR to a folder with the COD-AB CSVs"


def _open(url: str, timeout: float = 60):
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        return urllib.request.urlopen(request, timeout=timeout)
    except urllib.error.HTTPError as err:
        raise DownloadError(f"data.humdata.org answered {err.code} {err.reason} for {url}") from err
    except (urllib.error.URLError, TimeoutError, OSError) as err:
        reason = getattr(err, "reason", err)
        raise DownloadError(f"could not reach data.humdata.org: {reason}; {OFFLINE_HINT}") from err


def fetch_json(url: str) -> dict:
    with _open(url) as response:
        return json.load(response)


def fetch_bytes(url: str) -> bytes:
    with _open(url, timeout=300) as response:
        return response.read()


# --- choosing the resource -------------------------------------------------------------------------------


def _resource_kind(resource: dict) -> str | None:
    fmt = (resource.get("format") or "").lower()
    url = (resource.get("url") or resource.get("download_url") or "").lower().split("?")[0]
    if fmt in ("xlsx", "xls") or url.endswith(".xlsx"):
        return "xlsx"
    if fmt == "csv" or url.endswith(".csv.zip") or (url.endswith(".zip") and "csv" in (fmt + url)):
        return "csvzip" if url.endswith(".zip") else "csv"
    return None


def choose_resource(package: dict) -> tuple[dict, str]:
    """The tabular resource: an .xlsx workbook (preferring one called tabular/admin boundaries) or zipped CSVs."""
    resources = package.get("result", package).get("resources", [])
    ranked = []
    for res in resources:
        kind = _resource_kind(res)
        if kind is None or kind == "csv":  # a lone CSV holds one level at most
            continue
        text = f"{res.get('name', '')} {res.get('description', '')} {res.get('url', '')}".lower()
        score = 2 * ("tabular" in text) + ("admin" in text) + ("boundar" in text) - 3 * ("population" in text)
        ranked.append((score, kind == "xlsx", res, kind))
    if not ranked:
        names = ", ".join(f"{r.get('name')} ({r.get('format')})" for r in resources) or "none"
        raise DownloadError(
            f"no tabular (.xlsx or zipped .csv) resource in the HDX dataset; its resources: {names}"
        )
    ranked.sort(key=lambda item: (item[0], item[1]), reverse=True)
    return ranked[0][2], ranked[0][3]


# --- reading tables --------------------------------------------------------------------------------------

_NS = {
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
}


def _column_index(ref: str) -> int:
    index = 0
    for ch in re.match(r"[A-Z]+", ref).group(0):
        index = index * 26 + ord(ch) - 64
    return index - 1


def read_xlsx(data: bytes) -> dict[str, list[list[str]]]:
    """Every sheet of an .xlsx workbook as rows of cell texts (numbers as written in the file)."""
    sheets: dict[str, list[list[str]]] = {}
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        shared: list[str] = []
        if "xl/sharedStrings.xml" in book.namelist():
            for si in ET.fromstring(book.read("xl/sharedStrings.xml")).iterfind("m:si", _NS):
                shared.append("".join(t.text or "" for t in si.iter(f"{{{_NS['m']}}}t")))
        rels = {
            rel.get("Id"): rel.get("Target")
            for rel in ET.fromstring(book.read("xl/_rels/workbook.xml.rels")).iterfind(
                "rel:Relationship", _NS
            )
        }
        workbook = ET.fromstring(book.read("xl/workbook.xml"))
        for sheet in workbook.iterfind("m:sheets/m:sheet", _NS):
            target = rels[sheet.get(f"{{{_NS['r']}}}id")].lstrip("/")
            path = target if target.startswith("xl/") else f"xl/{target}"
            rows: list[list[str]] = []
            for row in ET.fromstring(book.read(path)).iterfind("m:sheetData/m:row", _NS):
                cells: dict[int, str] = {}
                for n, cell in enumerate(row.iterfind("m:c", _NS)):
                    col = _column_index(cell.get("r")) if cell.get("r") else n
                    kind, value = cell.get("t"), cell.find("m:v", _NS)
                    if kind == "inlineStr":
                        text = "".join(t.text or "" for t in cell.iter(f"{{{_NS['m']}}}t"))
                    elif value is None:
                        text = ""
                    elif kind == "s":
                        text = shared[int(value.text)]
                    else:
                        text = value.text or ""
                    cells[col] = text
                if cells:
                    rows.append([cells.get(i, "") for i in range(max(cells) + 1)])
            sheets[sheet.get("name")] = rows
    return sheets


def read_csv_zip(data: bytes) -> dict[str, list[list[str]]]:
    sheets = {}
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.lower().endswith(".csv"):
                text = archive.read(name).decode("utf-8-sig")
                sheets[Path(name).stem] = list(csv.reader(io.StringIO(text)))
    return sheets


# --- mapping columns -------------------------------------------------------------------------------------


def canonical_column(name: str) -> str | None:
    """A COD-AB column name of any edition -> the name Rasd uses, or None when it is not one of them."""
    key = re.sub(r"[^a-z0-9]", "", name.lower())
    match = re.fullmatch(r"adm(?:in)?(\d)(pcode|nameen|en|name|namear|ar|name1|nameenref|refname|ref)", key)
    if match:
        level, part = match.groups()
        part = {
            "pcode": "Pcode",
            "nameen": "Name_en",
            "en": "Name_en",
            "name": "Name_en",
            "namear": "Name_ar",
            "ar": "Name_ar",
            "name1": "Name_ar",
            "nameenref": "Name_en_ref",
            "refname": "Name_en_ref",
            "ref": "Name_en_ref",
        }[part]
        return f"admin{level}{part}"
    aliases = {
        "areasqkm": "area_sqkm",
        "shapearea": None,
        "latitude": "latitude",
        "lat": "latitude",
        "ycoord": "latitude",
        "longitude": "longitude",
        "lon": "longitude",
        "long": "longitude",
        "xcoord": "longitude",
        "capitallevel": "capital_level",
        "capital": "capital_level",
        "nameartruncated": "name_ar_truncated",
    }
    return aliases.get(key)


def _records(rows: list[list[str]]) -> list[dict[str, str]]:
    if not rows:
        return []
    header = [canonical_column(h) for h in rows[0]]
    out = []
    for row in rows[1:]:
        record = {}
        for name, value in zip(header, row):
            if name and name not in record:
                record[name] = value.strip() if isinstance(value, str) else value
        if any(record.values()):
            out.append(record)
    return out


def tables_by_level(sheets: dict[str, list[list[str]]]) -> dict[int, list[dict[str, str]]]:
    """The deepest admin level each sheet holds codes for -> its records (the largest sheet per level wins)."""
    levels: dict[int, list[dict[str, str]]] = {}
    for rows in sheets.values():
        records = _records(rows)
        codes = [int(c[5]) for c in (records[0] if records else {}) if re.fullmatch(r"admin\dPcode", c)]
        if not codes:
            continue
        level = max(codes)
        if len(records) > len(levels.get(level, [])):
            levels[level] = records
    return levels


def build_gazetteer_tables(sheets: dict[str, list[list[str]]]) -> dict[str, list[dict[str, str]]]:
    """The four CSVs' rows. admin3 is rebuilt from the communities when the source has no admin3 table,
    as the shared gazetteer's admin3 was."""
    levels = tables_by_level(sheets)
    missing = [n for n in (1, 2, 4) if n not in levels]
    if missing:
        found = ", ".join(f"admin{n}" for n in sorted(levels)) or "none"
        raise DownloadError(
            f"the HDX resource lacks admin level(s) {', '.join(map(str, missing))} (found: {found}); {OFFLINE_HINT}"
        )
    if 3 not in levels:
        seen: dict[str, dict[str, str]] = {}
        for row in levels[4]:
            code = row.get("admin3Pcode")
            if code and code not in seen:
                seen[code] = {k: v for k, v in row.items() if not k.startswith("admin4")}
        levels[3] = sorted(seen.values(), key=lambda r: r["admin3Pcode"])
    tables = {}
    for file_name, columns in LAYOUT.items():
        rows = []
        for record in levels[LEVEL_OF_FILE[file_name]]:
            row = {col: record.get(col, "") for col in columns}
            if "name_ar_truncated" in row and row["name_ar_truncated"] == "":
                row["name_ar_truncated"] = "0"
            if "admin4Name_en_ref" in row and not row["admin4Name_en_ref"]:
                row["admin4Name_en_ref"] = record.get("admin4Name_en", "")
            rows.append(row)
        tables[file_name] = rows
    return tables


def write_tables(tables: dict[str, Iterable[dict[str, str]]], dest: Path) -> dict[str, int]:
    dest.mkdir(parents=True, exist_ok=True)
    counts = {}
    for file_name, rows in tables.items():
        rows = list(rows)
        tmp = dest / (file_name + ".part")
        with open(tmp, "w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=LAYOUT[file_name], lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
        tmp.replace(dest / file_name)
        counts[file_name] = len(rows)
    return counts


def download(dest: Path, dataset: str = DEFAULT_DATASET, log=print) -> dict[str, int]:
    """Fetch the COD-AB from HDX and write the four CSVs into `dest`; returns the row count of each."""
    package = fetch_json(PACKAGE_SHOW.format(dataset=dataset))
    if not package.get("success", True):
        raise DownloadError(f"HDX package_show failed for {dataset!r}: {package.get('error')}")
    resource, kind = choose_resource(package)
    url = resource.get("url") or resource.get("download_url")
    log(f"downloading {resource.get('name')} ({kind}) from {url}")
    data = fetch_bytes(url)
    try:
        sheets = read_xlsx(data) if kind == "xlsx" else read_csv_zip(data)
    except (zipfile.BadZipFile, KeyError, ET.ParseError) as err:
        raise DownloadError(f"could not read {resource.get('name')} as {kind}: {err}") from err
    return write_tables(build_gazetteer_tables(sheets), dest)
