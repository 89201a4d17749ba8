"""`rasd export`: every mart as CSV for spreadsheets and HDX, an ACLED-format events file, and GeoJSON.

CSV files are UTF-8 with a byte-order mark (Excel then shows the Arabic instead of mojibake), a header row and
an HXL hashtag row (outputs/hxl.py), written with polars. List columns (article_ids, reasons) are joined with
"; ", since CSV has no lists."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import duckdb
import polars as pl

from outputs import acled, geo
from outputs.hxl import tag_for
from outputs.warehouse import mart_names, read_only

BOM = "\ufeff"


@dataclass
class ExportResult:
    """What an export wrote: file -> rows (features for GeoJSON)."""

    out_dir: Path
    files: dict[str, int] = field(default_factory=dict)


def mart_frame(conn: duckdb.DuckDBPyConnection, mart: str, order_by: tuple[str, ...] = ()) -> pl.DataFrame:
    """The mart as a polars frame, list columns joined with "; " (CSV has no lists)."""
    columns = conn.execute(
        "select column_name, data_type from duckdb_columns() where schema_name = 'main' and table_name = ? "
        "order by column_index",
        [mart],
    ).fetchall()
    select = ", ".join(
        f"array_to_string({name}, '; ') as {name}" if dtype.endswith("[]") else name
        for name, dtype in columns
    )
    order = f" order by {', '.join(order_by)}" if order_by else ""
    return conn.sql(f"select {select} from main.{mart}{order}").pl()


def write_hxl_csv(frame: pl.DataFrame, path: Path) -> int:
    """Write `frame` as CSV: BOM, header, HXL hashtag row, rows. Returns the number of data rows."""
    tags = pl.DataFrame([[tag_for(c)] for c in frame.columns], schema=frame.columns, orient="col")
    buffer = io.BytesIO()
    tags.write_csv(buffer, include_bom=True, include_header=True)
    frame.write_csv(buffer, include_header=False)
    tmp = path.with_name(path.name + ".part")
    tmp.write_bytes(buffer.getvalue())
    tmp.replace(path)
    return frame.height


def export_all(
    warehouse: Path | str,
    out_dir: Path | str,
    marts: dict[str, tuple[str, ...]],
    admin2_geojson: Path | str | None = None,
    start: date | None = None,
    end: date | None = None,
) -> ExportResult:
    """Every mart of `marts` (name -> ordering columns) present in the warehouse as <mart>.csv, events_acled.csv,
    incidents.geojson, and, when the COD-AB district polygons are given, districts.geojson with the districts'
    counts over [start, end] (default: every day)."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    result = ExportResult(out)
    with read_only(warehouse) as conn:
        for mart in mart_names(conn, list(marts)):
            result.files[f"{mart}.csv"] = write_hxl_csv(
                mart_frame(conn, mart, marts[mart]), out / f"{mart}.csv"
            )
        result.files[acled.FILE_NAME] = acled.write_acled_csv(conn, out / acled.FILE_NAME)
        result.files["incidents.geojson"] = geo.write_geojson(
            geo.incidents_geojson(conn, start, end), out / "incidents.geojson"
        )
        if admin2_geojson is not None:
            result.files["districts.geojson"] = geo.write_geojson(
                geo.districts_geojson(conn, geo.load_districts(admin2_geojson), start, end),
                out / "districts.geojson",
            )
    return result
