"""The ingest settings: limits, and how the fields of other people's files map onto Rasd's article fields.

They are read from a TOML file: RASD_CONFIG if set, else <repo>/rasd.toml if it exists, else the defaults
below. Only the `[ingest]` table is read here:

    [ingest]
    max_body_chars = 100000          # a longer body is rejected
    min_arabic_share = 0.3           # share of the body's letters that must be Arabic
    future_tolerance_hours = 24      # published_at may be this far past the time of ingest
    date_formats = ["%d/%m/%Y %H:%M"]  # strptime formats tried before the built-in ones
    timezone = "UTC"                 # zone of timestamps written without one

    [ingest.columns]                 # Rasd field -> the names your files use (tried first, case-insensitive)
    body = ["النص", "content"]
    published_at = "date_gmt"

    [[ingest.files]]                 # settings for some files only; the first whose glob matches applies
    glob = "sana_*.csv"
    format = "csv"                   # jsonl, json, csv, parquet, html, feed (default: from the extension)
    encoding = "cp1256"              # text files: utf-8, cp1256, ... (default: detected per line)
    delimiter = ";"
    columns = { body = "نص الخبر" }
    defaults = { source = "سانا" }   # a value for a field the file lacks
    date_formats = ["%Y/%m/%d %H:%M"]
    timezone = "Asia/Damascus"
"""

from __future__ import annotations

import fnmatch
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]

FIELDS = ("id", "source", "url", "published_at", "title", "body")

# The names Rasd tries for each field, after the configured ones. Compared without case, spaces,
# underscores or hyphens ("Published At" = "published_at" = "publishedat").
DEFAULT_COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("id", "article_id", "guid", "uuid", "doc_id", "_id", "item_id", "news_id", "المعرف"),
    "source": ("source", "source_name", "outlet", "site", "site_name", "sitename", "publisher", "agency",
               "website", "المصدر", "الموقع"),
    "url": ("url", "link", "href", "permalink", "source_url", "article_url", "canonical_url", "الرابط"),
    "published_at": ("published_at", "published", "pubdate", "publication_date", "publish_date",
                     "date_published", "datetime", "date", "timestamp", "time", "created_at", "created",
                     "pub_date", "التاريخ", "تاريخ_النشر"),
    "title": ("title", "headline", "heading", "العنوان"),
    "body": ("body", "text", "content", "article", "article_text", "article_body", "articlebody", "maintext",
             "main_text", "full_text", "story", "paragraphs", "description", "summary",
             "النص", "المتن", "المحتوى"),
}  # fmt: skip

FORMATS = ("jsonl", "json", "csv", "parquet", "html", "feed")


class ConfigError(ValueError):
    """The settings file cannot be used; the message says which setting and why."""


def column_key(name: str) -> str:
    return "".join(ch for ch in str(name).strip().lower() if ch not in " _-\ufeff")


def _names(value: Any, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise ConfigError(f"{where} must be a name or a list of names, not {value!r}")


def _columns(table: Any, where: str) -> dict[str, tuple[str, ...]]:
    if table is None:
        return {}
    if not isinstance(table, dict):
        raise ConfigError(f"{where} must be a table of field = name(s)")
    out = {}
    for name, value in table.items():
        if name not in FIELDS:
            raise ConfigError(f"{where}.{name}: unknown field; the fields are {', '.join(FIELDS)}")
        out[name] = _names(value, f"{where}.{name}")
    return out


@dataclass(frozen=True)
class FileRule:
    glob: str = "*"
    format: str | None = None
    encoding: str | None = None
    delimiter: str | None = None
    columns: dict[str, tuple[str, ...]] = field(default_factory=dict)
    defaults: dict[str, str] = field(default_factory=dict)
    date_formats: tuple[str, ...] = ()
    timezone: str | None = None


@dataclass(frozen=True)
class IngestConfig:
    max_body_chars: int = 100_000
    min_arabic_share: float = 0.3
    future_tolerance_hours: float = 24.0
    date_formats: tuple[str, ...] = ()
    timezone: str | None = None
    columns: dict[str, tuple[str, ...]] = field(default_factory=dict)
    files: tuple[FileRule, ...] = ()
    path: str | None = None  # the file it was read from

    def rule_for(self, file_name: str) -> FileRule:
        for rule in self.files:
            if fnmatch.fnmatch(file_name, rule.glob):
                return rule
        return FileRule()

    def candidates(self, name: str, rule: FileRule) -> list[str]:
        """The column names tried for Rasd field `name`, in order: the file's, the config's, the defaults."""
        out: list[str] = []
        for names in (rule.columns.get(name, ()), self.columns.get(name, ()), DEFAULT_COLUMNS[name]):
            out.extend(n for n in names if n not in out)
        return out

    def date_formats_for(self, rule: FileRule) -> tuple[str, ...]:
        return rule.date_formats + self.date_formats

    def timezone_for(self, rule: FileRule) -> str | None:
        return rule.timezone or self.timezone


def config_path() -> Path | None:
    """RASD_CONFIG, else <repo>/rasd.toml when it exists, else None (the defaults)."""
    value = os.environ.get("RASD_CONFIG", "").strip()
    if value:
        return Path(value).expanduser().resolve()
    default = REPO_ROOT / "rasd.toml"
    return default if default.is_file() else None


def _number(table: dict, key: str, default: float, where: str, *, minimum: float = 0) -> float:
    value = table.get(key, default)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < minimum:
        raise ConfigError(f"{where}.{key} must be a number >= {minimum}, not {value!r}")
    return value


def _check_zone(zone: Any, where: str) -> str | None:
    if zone is None:
        return None
    from zoneinfo import ZoneInfo

    try:
        ZoneInfo(str(zone))
    except Exception:
        raise ConfigError(f"{where}: unknown time zone {zone!r}") from None
    return str(zone)


def _check_encoding(encoding: Any, where: str) -> str | None:
    if encoding is None:
        return None
    import codecs

    try:
        codecs.lookup(str(encoding))
    except LookupError:
        raise ConfigError(f"{where}: unknown encoding {encoding!r}") from None
    return str(encoding)


def parse_config(data: dict[str, Any], path: str | None = None) -> IngestConfig:
    table = data.get("ingest", {})
    if not isinstance(table, dict):
        raise ConfigError("[ingest] must be a table")
    rules = []
    for n, raw in enumerate(table.get("files", []) or [], 1):
        where = f"ingest.files[{n}]"
        if not isinstance(raw, dict) or not isinstance(raw.get("glob"), str):
            raise ConfigError(f'{where} needs a glob, e.g. glob = "*.csv"')
        fmt = raw.get("format")
        if fmt is not None and fmt not in FORMATS:
            raise ConfigError(f"{where}.format must be one of {', '.join(FORMATS)}, not {fmt!r}")
        defaults = raw.get("defaults", {}) or {}
        if not isinstance(defaults, dict) or any(k not in FIELDS for k in defaults):
            raise ConfigError(f"{where}.defaults must be a table of Rasd fields ({', '.join(FIELDS)})")
        delimiter = raw.get("delimiter")
        if delimiter is not None and (not isinstance(delimiter, str) or len(delimiter) != 1):
            raise ConfigError(f"{where}.delimiter must be one character")
        rules.append(
            FileRule(
                glob=raw["glob"],
                format=fmt,
                encoding=_check_encoding(raw.get("encoding"), f"{where}.encoding"),
                delimiter=delimiter,
                columns=_columns(raw.get("columns"), f"{where}.columns"),
                defaults={k: str(v) for k, v in defaults.items()},
                date_formats=_names(raw.get("date_formats", []), f"{where}.date_formats"),
                timezone=_check_zone(raw.get("timezone"), f"{where}.timezone"),
            )
        )
    return IngestConfig(
        max_body_chars=int(_number(table, "max_body_chars", 100_000, "ingest", minimum=1)),
        min_arabic_share=float(_number(table, "min_arabic_share", 0.3, "ingest")),
        future_tolerance_hours=float(_number(table, "future_tolerance_hours", 24.0, "ingest")),
        date_formats=_names(table.get("date_formats", []), "ingest.date_formats"),
        timezone=_check_zone(table.get("timezone"), "ingest.timezone"),
        columns=_columns(table.get("columns"), "ingest.columns"),
        files=tuple(rules),
        path=path,
    )


def load_config(path: str | Path | None = None) -> IngestConfig:
    """The settings from `path`, else from config_path(), else the defaults. Raises ConfigError."""
    path = Path(path) if path else config_path()
    if path is None:
        return IngestConfig()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"the settings file {path} does not exist (RASD_CONFIG)") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        raise ConfigError(f"the settings file {path} is not valid TOML: {err}") from None
    try:
        return parse_config(data, str(path))
    except ConfigError as err:
        raise ConfigError(f"{path}: {err}") from None
