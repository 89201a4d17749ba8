"""The ingest settings: limits, and how the fields of other people's files map onto Rasd's article fields.

They are read from a TOML file: RASD_CONFIG if set, else <repo>/rasd.toml if it exists, else the defaults
below. The file is validated by a typed model (SettingsFile, pydantic): an unknown key, a value of the wrong kind,
out of range or not finite (inf, nan) is a ConfigError of one line naming the file and the key. The settings:

    [ingest]
    max_body_chars = 100000          # a longer body is rejected
    min_arabic_share = 0.3           # share of the body's letters that must be Arabic (also 30 or "30%")
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

import codecs
import fnmatch
import math
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, ValidationError, field_validator

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
    """The settings file cannot be used; the message (one line) names the file, the setting and why."""


def column_key(name: str) -> str:
    return "".join(ch for ch in str(name).strip().lower() if ch not in " _-\ufeff")


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


# --- the typed model of the file ------------------------------------------------------------------------------


def _finite_number(value: Any) -> Any:
    """A TOML number, finite; booleans and text are not numbers (pydantic would read `true` as 1)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"must be a number, not {value!r}")
    if not math.isfinite(value):
        raise ValueError(f"must be a finite number, not {value!r}")
    return value


def _share(value: Any) -> float:
    """A share of 0 to 1; 30 or "30%" (a percentage) is read as 0.3."""
    raw = value
    if isinstance(value, str) and value.strip().endswith("%"):
        try:
            value = float(value.strip()[:-1]) / 100
        except ValueError:
            raise ValueError(f"must be a share such as 0.3 or \"30%\", not {raw!r}") from None
    value = _finite_number(value)
    if 1 < value <= 100 and not isinstance(raw, str):
        value = value / 100  # 30 means 30%
    if not 0 <= value <= 1:
        raise ValueError(f"must be a share between 0 and 1 (or 0% and 100%), not {raw!r}")
    return float(value)


def _at_least(minimum: float, integral: bool = False):
    def check(value: Any) -> Any:
        value = _finite_number(value)
        if integral and value != int(value):
            raise ValueError(f"must be a whole number, not {value!r}")
        if value < minimum:
            raise ValueError(f"must be a number >= {minimum}, not {value!r}")
        return int(value) if integral else float(value)

    return BeforeValidator(check)


def _names(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise ValueError(f"must be a name or a list of names, not {value!r}")


def _zone(zone: Any) -> str | None:
    if zone is None:
        return None
    from zoneinfo import ZoneInfo

    try:
        ZoneInfo(str(zone))
    except Exception:
        raise ValueError(f"unknown time zone {zone!r}") from None
    return str(zone)


def _encoding(encoding: Any) -> str | None:
    if encoding is None:
        return None
    try:
        codecs.lookup(str(encoding))
    except LookupError:
        raise ValueError(f"unknown encoding {encoding!r}") from None
    return str(encoding)


def _columns(table: Any) -> dict[str, tuple[str, ...]]:
    if not isinstance(table, dict):
        raise ValueError("must be a table of field = name(s)")
    out = {}
    for name, value in table.items():
        if name not in FIELDS:
            raise ValueError(f"{name}: unknown field; the fields are {', '.join(FIELDS)}")
        try:
            out[name] = _names(value)
        except ValueError as err:
            raise ValueError(f"{name} {err}") from None
    return out


def _defaults(table: Any) -> dict[str, str]:
    if not isinstance(table, dict) or any(k not in FIELDS for k in table):
        raise ValueError(f"must be a table of Rasd fields ({', '.join(FIELDS)})")
    return {k: str(v) for k, v in table.items()}


Names = Annotated[tuple[str, ...], BeforeValidator(_names)]
Zone = Annotated[str | None, BeforeValidator(_zone)]
Columns = Annotated[dict[str, tuple[str, ...]], BeforeValidator(_columns)]


class _Table(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FileRuleModel(_Table):
    """One `[[ingest.files]]` rule."""

    glob: str
    format: Literal[FORMATS] | None = None  # type: ignore[valid-type]
    encoding: Annotated[str | None, BeforeValidator(_encoding)] = None
    delimiter: str | None = None
    columns: Columns = {}
    defaults: Annotated[dict[str, str], BeforeValidator(_defaults)] = {}
    date_formats: Names = ()
    timezone: Zone = None

    @field_validator("delimiter")
    @classmethod
    def _one_character(cls, value: str | None) -> str | None:
        if value is not None and len(value) != 1:
            raise ValueError("must be one character")
        return value


class IngestModel(_Table):
    """The `[ingest]` table."""

    max_body_chars: Annotated[int, _at_least(1, integral=True)] = 100_000
    min_arabic_share: Annotated[float, BeforeValidator(_share)] = 0.3
    future_tolerance_hours: Annotated[float, _at_least(0)] = 24.0
    date_formats: Names = ()
    timezone: Zone = None
    columns: Columns = {}
    files: tuple[FileRuleModel, ...] = ()


class SettingsFile(_Table):
    """The whole file: only `[ingest]` so far."""

    ingest: IngestModel = IngestModel()


def _where(loc: tuple) -> str:
    """pydantic's error location -> the setting as the file writes it: ingest.files[1].glob."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        elif not str(part).startswith(("function-", "literal[")):
            out += f".{part}" if out else str(part)
    return out


def _message(error: Mapping[str, Any]) -> str:
    where = _where(tuple(error["loc"]))
    kind, msg = error["type"], str(error["msg"]).removeprefix("Value error, ")
    if kind == "extra_forbidden":
        return f"{where}: unknown setting"
    if kind == "missing" and where.endswith(".glob"):
        return f'{where.removesuffix(".glob")} needs a glob, e.g. glob = "*.csv"'
    if kind == "literal_error" and where.endswith(".format"):
        return f"{where} must be one of {', '.join(FORMATS)}, not {error.get('input')!r}"
    return f"{where} {msg}" if msg.startswith("must") else f"{where}: {msg}"


def parse_config(data: dict[str, Any], path: str | None = None) -> IngestConfig:
    """The settings of a parsed TOML document; raises ConfigError with every problem, in one line."""
    try:
        model = SettingsFile.model_validate(data).ingest
    except ValidationError as err:
        raise ConfigError("; ".join(_message(e) for e in err.errors())) from None
    rules = tuple(
        FileRule(
            glob=r.glob, format=r.format, encoding=r.encoding, delimiter=r.delimiter, columns=dict(r.columns),
            defaults=dict(r.defaults), date_formats=r.date_formats, timezone=r.timezone,
        )
        for r in model.files
    )  # fmt: skip
    return IngestConfig(
        max_body_chars=model.max_body_chars,
        min_arabic_share=model.min_arabic_share,
        future_tolerance_hours=model.future_tolerance_hours,
        date_formats=model.date_formats,
        timezone=model.timezone,
        columns=dict(model.columns),
        files=rules,
        path=path,
    )


def config_path(environ: Mapping[str, str] | None = None) -> Path | None:
    """RASD_CONFIG, else <repo>/rasd.toml when it exists, else None (the defaults)."""
    value = (os.environ if environ is None else environ).get("RASD_CONFIG", "").strip()
    if value:
        return Path(value).expanduser().resolve()
    default = REPO_ROOT / "rasd.toml"
    return default if default.is_file() else None


def load_config(path: str | Path | None = None) -> IngestConfig:
    """The settings from `path`, else from config_path(), else the defaults. Raises ConfigError (one line)."""
    path = Path(path) if path else config_path()
    if path is None:
        return IngestConfig()
    if path.is_dir():
        raise ConfigError(f"the settings file {path} is a folder, not a TOML file (RASD_CONFIG)")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"the settings file {path} does not exist (RASD_CONFIG)") from None
    except OSError as err:
        raise ConfigError(f"the settings file {path} cannot be read: {err.strerror or err}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        raise ConfigError(f"the settings file {path} is not valid TOML: {err}") from None
    try:
        return parse_config(data, str(path))
    except ConfigError as err:
        raise ConfigError(f"{path}: {err}") from None
