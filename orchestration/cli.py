"""The `rasd` command.

    rasd extract INPUT -o OUTPUT.jsonl [--gazetteer DIR] [--strict]     (INPUT: any format the inbox reads)
    rasd explain INPUT [--id ID] [--json] [--gazetteer DIR]             (how the extractor reads each sentence)
    rasd gazetteer download [--dest DIR]
    rasd run [--inbox DIR] [--warehouse FILE] [--gazetteer DIR]
    rasd export [--warehouse FILE] [--out DIR] [--start DAY] [--end DAY]
    rasd report [--warehouse FILE] [-o FILE] [--start DAY] [--end DAY]

Dagster and dbt are imported only by `rasd run`, so the other commands start quickly.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]


def _err(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --- rasd extract ----------------------------------------------------------------------------------------


def _read_articles(source: Path, command: str):
    """The articles of one file, read as the inbox reads it (every format, the settings of rasd.toml /
    RASD_CONFIG), each record that is not an article reported on stderr with its reason; None, with the reason on
    stderr, when the file cannot be read at all."""
    from ingest.formats import detect_format
    from ingest.inbox import InboxRead, read_file
    from ingest.settings import ConfigError, load_config

    if not source.is_file():
        _err(f"rasd {command}: {source} is not a file")
        return None
    try:
        config = load_config()
    except ConfigError as err:
        _err(f"rasd {command}: {err}")
        return None
    if detect_format(source.name, config.rule_for(source.name)) is None:
        _err(f"rasd {command}: {source} is not a file Rasd reads (JSON lines, JSON, CSV, Parquet, HTML, RSS/Atom)")
        return None
    read = read_file(source, config, dt.datetime.now(dt.UTC).replace(tzinfo=None), InboxRead())
    for rejection in read.rejections:
        where = rejection.source_position or f"line {rejection.source_line}"
        _err(f"{source}: {where}: invalid input record: {rejection.reason}")
    return read


def _extractor(args: argparse.Namespace, command: str):
    """The extractor over the gazetteer of --gazetteer (or the configured one); None, with the reason on stderr,
    when there is none."""
    from extract.extractor import Extractor
    from extract.gazetteer import Gazetteer, GazetteerMissing
    from warehouse.reference import gazetteer_dir

    try:
        return Extractor(Gazetteer.from_dir(gazetteer_dir(args.gazetteer)))
    except GazetteerMissing as err:
        _err(f"rasd {command}: {err}")
        return None


def cmd_extract(args: argparse.Namespace) -> int:
    """Extract the event records of one file of articles, read as the inbox reads it."""
    from extract.extractor import EXTRACTOR_VERSION

    source = Path(args.input)
    started = time.monotonic()
    read = _read_articles(source, "extract")
    if read is None:
        return 2
    extractor = _extractor(args, "extract")
    if extractor is None:
        return 2
    out = Path(args.output)
    out.parent.mkdir(parents=True, exist_ok=True)
    n_events = 0
    tmp = out.with_name(out.name + ".part")
    with open(tmp, "w", encoding="utf-8") as sink:
        for parsed in read.articles:
            for record in extractor.extract(parsed.article):
                sink.write(json.dumps(record.to_dict(), ensure_ascii=False) + "\n")
                n_events += 1
    tmp.replace(out)
    _err(
        f"rasd extract: {len(read.articles)} article(s), {n_events} event record(s) -> {out}; "
        f"{len(read.rejections)} invalid record(s) skipped; extractor {EXTRACTOR_VERSION}; "
        f"{time.monotonic() - started:.1f}s"
    )
    if args.strict and read.rejections:
        return 1
    return 0


# --- rasd explain ----------------------------------------------------------------------------------------


def cmd_explain(args: argparse.Namespace) -> int:
    """Per sentence of each article (or of the one with --id): places and roles, frames, records, dropped
    candidates with their reasons, and the discourse state; a table, or JSON lines with --json."""
    from extract.explain import explain, render

    read = _read_articles(Path(args.input), "explain")
    if read is None:
        return 2
    extractor = _extractor(args, "explain")
    if extractor is None:
        return 2
    found = 0
    for parsed in read.articles:
        if args.id is not None and parsed.article.id != args.id:
            continue
        found += 1
        explanation = explain(extractor, parsed.article)
        if args.json:
            print(json.dumps(explanation.to_dict(), ensure_ascii=False), flush=True)
        else:
            print(render(explanation) + "\n", flush=True)
    if args.id is not None and not found:
        _err(f"rasd explain: no article with id {args.id} in {args.input}")
        return 1
    return 0


# --- rasd gazetteer download -----------------------------------------------------------------------------


def cmd_gazetteer_download(args: argparse.Namespace) -> int:
    from warehouse import hdx
    from warehouse.reference import DOWNLOAD_DIR

    dest = Path(args.dest) if args.dest else DOWNLOAD_DIR
    try:
        counts = hdx.download(dest, dataset=args.dataset, log=_err)
    except hdx.DownloadError as err:
        _err(f"rasd gazetteer download: {err}")
        return 1
    for name, n in counts.items():
        print(f"{dest / name}: {n} rows")
    if dest.resolve() != DOWNLOAD_DIR.resolve():
        print(f"set RASD_GAZETTEER_DIR={dest} to use it")
    return 0


# --- rasd run --------------------------------------------------------------------------------------------


def _failure_messages(result) -> list[str]:
    messages = []
    for event in result.all_events:
        if event.is_step_failure and event.step_failure_data and event.step_failure_data.error:
            error = event.step_failure_data.error
            # The user's error is usually the innermost cause (e.g. GazetteerMissing inside a Dagster wrapper).
            while error.cause is not None:
                error = error.cause
            messages.append(f"step {event.step_key}: {error.message.strip()}")
    return messages


def cmd_run(args: argparse.Namespace) -> int:
    from extract.gazetteer import GazetteerMissing
    from ingest.settings import ConfigError
    from orchestration.resources import Locations, RasdPaths
    from warehouse.connection import warehouse_holder
    from warehouse.publish import SERVING_FILE

    # The options, else the environment, read once here: the definitions get them as resource config.
    locations = Locations.from_environment(
        inbox=args.inbox, warehouse=args.warehouse, gazetteer_dir=args.gazetteer
    )
    rasd = RasdPaths.from_locations(locations)
    # Fail early, and plainly, on what the run cannot do without.
    try:
        rasd.gazetteer_path()
        rasd.settings()
    except (GazetteerMissing, ConfigError) as err:
        _err(f"rasd run: {err}")
        return 2
    inbox = locations.inbox
    if not inbox.is_dir():
        _err(
            f"rasd run: the inbox {inbox} does not exist; set RASD_INBOX to a folder of article files "
            "(JSON lines, JSON, CSV, Parquet, HTML, RSS/Atom)"
        )
        return 2
    manifest = locations.dbt_project / "target" / "manifest.json"
    if not manifest.exists():
        _err(
            f"rasd run: no dbt manifest at {manifest}; run `make dbt-parse` (dbt parse in dbt_project/) first"
        )
        return 2
    warehouse = locations.warehouse
    holder = warehouse_holder(warehouse)
    if holder is not None:
        serving = rasd.serving_path(warehouse) / SERVING_FILE
        _err(
            f"rasd run: the warehouse {warehouse} is in use by another process ({holder}); DuckDB lets one "
            f"process open it for writing. Close that program or wait for that run to end; readers should open "
            f"the serving copy {serving} (read-only) instead."
        )
        return 1

    home = locations.dagster_home
    home.mkdir(parents=True, exist_ok=True)
    config = home / "dagster.yaml"
    template = REPO_ROOT / "dagster_home" / "dagster.yaml"
    if not config.exists() and template.exists():
        config.write_text(template.read_text(encoding="utf-8"), encoding="utf-8")

    from dagster import DagsterInstance

    from orchestration.definitions import build_definitions
    from warehouse.run_guard import WarehouseInUse, explain, run_lock

    defs = build_definitions(
        warehouse=warehouse, inbox=inbox, gazetteer_dir=locations.gazetteer_dir,
        serving_dir=locations.serving_dir, settings_file=locations.settings_file,
    )  # fmt: skip
    print(f"rasd run: inbox {inbox} -> warehouse {warehouse} (Dagster home {home})", flush=True)
    try:
        with run_lock(warehouse), DagsterInstance.from_config(str(home)) as instance:
            job = defs.resolve_job_def("rasd_pipeline")
            result = job.execute_in_process(
                instance=instance,
                raise_on_error=False,
                run_config={
                    "loggers": {"console": {"config": {"log_level": os.environ.get("RASD_LOG_LEVEL", "INFO")}}}
                },
            )
    except WarehouseInUse as err:
        _err(f"rasd run: {err}")
        return 3
    except OSError as err:  # the lock file cannot be written: a full disk, a read-only folder
        _err(f"rasd run: {explain(str(err), warehouse)}")
        return 1
    if not result.success:
        _err("rasd run: the pipeline failed")
        for message in _failure_messages(result) or ["(see the Dagster logs above)"]:
            _err(f"  {explain(message, warehouse)}")
        return 1
    from dagster import AssetCheckSeverity

    def check_name(e) -> str:
        return f"{e.asset_check_key.asset_key.to_user_string()}:{e.asset_check_key.name}"

    evaluations = [e for e in result.get_asset_check_evaluations() if not e.passed]
    # A failed check of severity WARN (the thresholds of orchestration/assets/quality_checks.py) is reported;
    # one of severity ERROR (every other check) fails the command.
    warned = [check_name(e) for e in evaluations if e.severity == AssetCheckSeverity.WARN]
    failed_checks = [check_name(e) for e in evaluations if e.severity != AssetCheckSeverity.WARN]
    from orchestration.summary import print_summary

    print_summary(warehouse, result)
    if warned:
        _err(f"rasd run: {len(warned)} asset check(s) warn: {', '.join(warned)}")
    if failed_checks:
        _err(f"rasd run: {len(failed_checks)} asset check(s) failed: {', '.join(failed_checks)}")
        return 1
    return 0


# --- rasd export, rasd report ------------------------------------------------------------------------------


def _outputs_inputs(args: argparse.Namespace):
    """The locations (the --warehouse option, else the environment) and the COD-AB district polygons (None when
    the gazetteer folder has none)."""
    from extract.gazetteer import GazetteerMissing
    from orchestration.resources import Locations
    from warehouse.reference import gazetteer_dir

    locations = Locations.from_environment(warehouse=args.warehouse)
    try:
        polygons: Path | None = gazetteer_dir(locations.gazetteer_dir) / "syr_admin2.geojson"
    except GazetteerMissing:
        polygons = None
    return locations, polygons if polygons is not None and polygons.is_file() else None


def cmd_export(args: argparse.Namespace) -> int:
    from outputs.export import export_all
    from outputs.warehouse import WarehouseMissing
    from warehouse.publish import marts_from_manifest

    locations, polygons = _outputs_inputs(args)
    manifest = locations.dbt_project / "target" / "manifest.json"
    if not manifest.exists():
        _err(f"rasd export: no dbt manifest at {manifest} (it lists the marts); run `make dbt-parse` first")
        return 2
    out = Path(args.out) if args.out else locations.serving_dir / "export"
    try:
        result = export_all(
            locations.warehouse, out, marts_from_manifest(manifest), polygons, args.start, args.end
        )
    except WarehouseMissing as err:
        _err(f"rasd export: {err}")
        return 2
    for name, n in result.files.items():
        print(f"{out / name}: {n} {'features' if name.endswith('.geojson') else 'rows'}")
    if polygons is None:
        _err("rasd export: no syr_admin2.geojson in the gazetteer folder: districts.geojson not written")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from outputs.report import build_report
    from outputs.warehouse import WarehouseMissing

    locations, polygons = _outputs_inputs(args)
    out = Path(args.output) if args.output else locations.serving_dir / "report.html"
    try:
        written = build_report(locations.warehouse, out, polygons, args.start, args.end)
    except WarehouseMissing as err:
        _err(f"rasd report: {err}")
        return 2
    print(
        f"{written.path}: {written.start} – {written.end}, killed {written.totals['killed_low']}"
        f"–{written.totals['killed_best']}, {written.districts_on_map} districts on the map, "
        f"{written.suspect_incidents} suspect incident(s)"
    )
    return 0


def _day(value: str):
    import datetime as dt

    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a day (YYYY-MM-DD)") from None


# --- main ------------------------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="rasd", description="Arabic news on the Syrian war -> daily counts per district."
    )
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("extract", help="extract event records from a file of articles (any format the inbox reads)")
    p.add_argument("input", help="a file of articles: JSON lines, JSON, CSV, Parquet, HTML, RSS/Atom (rasd.toml applies)")
    p.add_argument("-o", "--output", required=True, help="JSON lines, one event record per line")
    p.add_argument("--gazetteer", help="folder with the COD-AB CSVs (default: RASD_GAZETTEER_DIR, ...)")
    p.add_argument("--strict", action="store_true", help="exit 1 when any input record is invalid")
    p.set_defaults(func=cmd_extract)

    x = sub.add_parser("explain", help="show, sentence by sentence, how the extractor reads articles")
    x.add_argument("input", help="a file of articles (any format the inbox reads)")
    x.add_argument("--id", help="only the article with this id")
    x.add_argument("--json", action="store_true", help="one JSON object per article instead of the table")
    x.add_argument("--gazetteer", help="folder with the COD-AB CSVs (default: RASD_GAZETTEER_DIR, ...)")
    x.set_defaults(func=cmd_explain)

    g = sub.add_parser("gazetteer", help="the OCHA COD-AB gazetteer")
    gsub = g.add_subparsers(dest="gazetteer_command", required=True)
    d = gsub.add_parser("download", help="download the COD-AB for Syria from HDX and write the CSVs")
    d.add_argument("--dest", help="folder to write the CSVs into (default: data/gazetteer)")
    d.add_argument("--dataset", default="cod-ab-syr", help="HDX dataset id (default: cod-ab-syr)")
    d.set_defaults(func=cmd_gazetteer_download)

    r = sub.add_parser("run", help="run the whole pipeline (Dagster job rasd_pipeline) and print a summary")
    r.add_argument("--inbox", help="folder of article files: JSON lines, JSON, CSV, Parquet, HTML, RSS/Atom (default: RASD_INBOX or data/inbox)")
    r.add_argument("--warehouse", help="DuckDB file (default: RASD_WAREHOUSE or data/warehouse.duckdb)")
    r.add_argument("--gazetteer", help="folder with the COD-AB CSVs (default: RASD_GAZETTEER_DIR, ...)")
    r.set_defaults(func=cmd_run)

    e = sub.add_parser("export", help="every mart as CSV (UTF-8 BOM, HXL row), events_acled.csv and GeoJSON")
    e.add_argument("--warehouse", help="DuckDB file (default: RASD_WAREHOUSE or data/warehouse.duckdb)")
    e.add_argument("--out", help="folder to write into (default: export/ beside the published marts)")
    e.add_argument("--start", type=_day, help="first day of the GeoJSON counts (default: the first day)")
    e.add_argument("--end", type=_day, help="last day of the GeoJSON counts (default: the last day)")
    e.set_defaults(func=cmd_export)

    rp = sub.add_parser("report", help="one self-contained HTML report: map, series, incidents, suspects, quality")
    rp.add_argument("--warehouse", help="DuckDB file (default: RASD_WAREHOUSE or data/warehouse.duckdb)")
    rp.add_argument("-o", "--output", help="HTML file (default: report.html beside the published marts)")
    rp.add_argument("--start", type=_day, help="first day of the period (default: the first day of the marts)")
    rp.add_argument("--end", type=_day, help="last day of the period (default: the last day of the marts)")
    rp.set_defaults(func=cmd_report)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        _err("rasd: interrupted")
        return 130


if __name__ == "__main__":
    sys.exit(main())
