"""Text checks and repairs for ingest: decoding lines of unknown encoding, invisible characters, Arabic share,
HTML in a text field, and publication times written in the many ways scrapers write them."""

from __future__ import annotations

import datetime as dt
import email.utils
import re
import unicodedata
from functools import lru_cache

from ingest.formats.limits import MAX_DATE_CHARS

# Zero-width characters, bidi marks and embeddings/isolates, the BOM, the Arabic letter mark and the soft hyphen:
# scrapers leave them inside Arabic words; they are removed (not a reason to reject).
INVISIBLE = (
    "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2066\u2067\u2068\u2069"
    "\ufeff\u061c\u00ad"
)
# C0 controls other than tab, newline and carriage return; C1 controls (left by a wrong decoding).
CONTROLS = (
    "".join(chr(c) for c in range(0x20) if chr(c) not in "\t\n\r")
    + "\x7f"
    + "".join(chr(c) for c in range(0x80, 0xA0))
)
_REMOVE = str.maketrans({ch: None for ch in INVISIBLE + CONTROLS})
_SURROGATE = re.compile("[\ud800-\udfff]")


def clean_text(text: str) -> tuple[str, int]:
    """`text` without invisible and control characters, and how many were removed."""
    cleaned = text.translate(_REMOVE)
    return cleaned, len(text) - len(cleaned)


def has_surrogates(text: str) -> bool:
    """Whether `text` holds unpaired surrogates (a JSON "\\ud800" escape): not characters, cannot be stored."""
    return _SURROGATE.search(text) is not None


def is_arabic_letter(ch: str) -> bool:
    o = ord(ch)
    return (0x0600 <= o <= 0x06FF or 0x0750 <= o <= 0x077F or 0x08A0 <= o <= 0x08FF or 0xFB50 <= o <= 0xFDFF
            or 0xFE70 <= o <= 0xFEFF) and ch.isalpha()  # fmt: skip


def arabic_letters(text: str) -> tuple[int, int]:
    """(Arabic letters, all letters) in `text`."""
    letters = arabic = 0
    for ch in text:
        if ch.isalpha():
            letters += 1
            arabic += is_arabic_letter(ch)
    return arabic, letters


def sample(text: str, limit: int = 60) -> str:
    """A short quote of `text` for a reason message."""
    one_line = " ".join(text.split())
    return one_line if len(one_line) <= limit else one_line[: limit - 1] + "…"


# --- decoding --------------------------------------------------------------------------------------------


def decode_line(
    raw: bytes, encoding: str | None, *, fallback: str | None = "cp1256"
) -> tuple[str | None, str, str]:
    """Decode one line: (text or None, the encoding used, why it failed).

    With an `encoding` given, that one alone. Otherwise UTF-8, and for a line that is not UTF-8, `fallback`
    (Windows-1256, which Arabic sites still serve) -- unless the line is UTF-8 with a few broken bytes (a cut
    or a bad copy), which Windows-1256 would turn into mojibake: such a line is undecodable.
    """
    if encoding:
        try:
            return raw.decode(encoding), encoding, ""
        except (UnicodeDecodeError, LookupError) as err:
            return None, encoding, f"is not valid {encoding} text ({_byte_problem(raw, err)})"
    try:
        return raw.decode("utf-8"), "utf-8", ""
    except UnicodeDecodeError as err:
        problem = _byte_problem(raw, err)
    if fallback is None:
        return None, "utf-8", f"is not valid UTF-8 text ({problem})"
    replaced = raw.decode("utf-8", "replace")
    broken = replaced.count("\ufffd")
    valid_multibyte = sum(1 for ch in replaced if ord(ch) > 0x7F and ch != "\ufffd")
    if valid_multibyte > broken:
        return (
            None,
            "utf-8",
            f"is not valid UTF-8 text: UTF-8 with {broken} broken byte sequence(s) ({problem})",
        )
    try:
        return raw.decode(fallback), fallback, ""
    except UnicodeDecodeError as err:
        return None, fallback, f"is neither UTF-8 nor {fallback} text ({_byte_problem(raw, err)})"


def _byte_problem(raw: bytes, err: Exception) -> str:
    if isinstance(err, UnicodeDecodeError):
        bad = raw[err.start : min(err.end, err.start + 4)]
        return f"byte(s) {' '.join(f'0x{b:02X}' for b in bad)} at byte {err.start + 1}"
    return str(err)


# --- HTML in a text field ----------------------------------------------------------------------------------

# Linear in the text it scans (a title of "<a" and 400 KB of spaces took minutes with the pattern before): no two
# adjacent parts can match the same characters, so a failed match is never retried at each split, and no part of
# one attempt crosses the next "<", where another attempt starts (a comment stops at the next "<!--").
TAG = re.compile(
    r"<\s*(?:/\s*)?[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]*)?/?>|<!--(?:(?!<!--).)*?-->|<!DOCTYPE[^<>]*>",
    re.DOTALL | re.IGNORECASE,
)
# A whole page saved into a text field: its text is mixed with menus and footers, trafilatura should read it.
PAGE_MARKERS = ("<!doctype", "<html", "<head", "<body")
CODE_MARKERS = ("<script", "<style", "<iframe", "<form", "<?php", "<svg", "<noscript", "<link ", "<meta ")
BLOCK_TAGS = (
    "p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote", "section", "article", "header",
    "footer", "ul", "ol", "table", "figure", "figcaption", "pre", "hr", "dd", "dt",
)  # fmt: skip
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
DROPPED_TAGS = (
    "script",
    "style",
    "noscript",
    "iframe",
    "svg",
    "template",
    "head",
    "form",
    "button",
    "select",
)


def looks_like_html(text: str) -> bool:
    return TAG.search(text) is not None


def html_to_text(markup: str) -> str:
    """The visible text of an HTML fragment or page: scripts and styles dropped, one line per block."""
    try:
        return _html_to_text(markup)
    except Exception:  # lxml on input it cannot take: the tags removed by a pattern instead
        return "\n".join(" ".join(line.split()) for line in TAG.sub("\n", markup).split("\n") if line.strip())


def _html_to_text(markup: str) -> str:
    from lxml import etree
    from lxml import html as lhtml

    markup = _NOT_XML.sub("", markup)  # lxml refuses control characters and unpaired surrogates
    try:
        root = lhtml.fragment_fromstring(markup, create_parent="div")
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        try:
            root = lhtml.fromstring(markup.encode("utf-8", "replace"))
        except (etree.ParserError, etree.XMLSyntaxError, ValueError):
            return " ".join(TAG.sub(" ", markup).split())
    for element in list(root.iter(*DROPPED_TAGS)):
        parent = element.getparent()
        if parent is not None:
            element.drop_tree()
    for comment in list(root.iter(etree.Comment)):
        if comment.getparent() is not None:
            comment.drop_tree()
    for element in root.iter(*BLOCK_TAGS):
        element.tail = "\n" + (element.tail or "")
        if element.tag != "br":
            element.text = "\n" + (element.text or "")
    text = root.text_content()
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def judge_html(body: str) -> tuple[str | None, str | None]:
    """(text, None) for a body that is text, or text with some markup (tags, scripts and styles removed); (None,
    reason) for a body that is a whole page, or more markup and code than text: junk, not article text."""
    tags = TAG.findall(body)
    if not tags:
        return body, None
    lower = body.lower()
    page = [m.strip("<") for m in PAGE_MARKERS if m in lower]
    code = sorted({m.strip("< ") for m in CODE_MARKERS if m in lower})
    text = html_to_text(body)
    markup = 1 - len(text) / len(body) if body else 1.0
    if page:
        return None, (
            f"body is a whole HTML page (<{page[0]}>), not article text: save the page as a .html file in the "
            "inbox to have its main text extracted"
        )
    if markup > 0.5 or not text.strip():
        detail = f"{markup:.0%} of it is tags or code" + (f", with <{'>, <'.join(code)}>" if code else "")
        return None, (
            f"body is HTML markup, not article text ({detail}): give the article's text, or save the page as a "
            ".html file in the inbox to have its main text extracted"
        )
    return text, None


# --- publication times ----------------------------------------------------------------------------------


class DateProblem(ValueError):
    """published_at cannot be used; the message is the reason shown to users."""


_DIGITS = str.maketrans({
    **{chr(0x0660 + d): str(d) for d in range(10)},  # Arabic-Indic
    **{chr(0x06F0 + d): str(d) for d in range(10)},  # extended (Persian)
    "\u066b": ".", "\u066c": ",", "\u060c": ",",
})  # fmt: skip
_NUMERIC_DATES = (
    "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M", "%Y/%m/%d", "%Y.%m.%d",
    "%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%d/%m/%Y", "%d-%m-%Y %H:%M:%S", "%d-%m-%Y %H:%M", "%d-%m-%Y",
    "%d.%m.%Y %H:%M", "%d.%m.%Y", "%Y%m%dT%H%M%S", "%Y%m%d",
)  # fmt: skip
EARLIEST = dt.datetime(1990, 1, 1)

# Month names as Arabic news sites write them: the Egyptian/Gulf names and the Levantine ones Syrian sites use
# (normalised: alef forms as ا, ة as ه).
ARABIC_MONTHS = {
    "يناير": 1, "فبراير": 2, "مارس": 3, "ابريل": 4, "مايو": 5, "يونيو": 6, "يونيه": 6, "يوليو": 7, "يوليه": 7,
    "اغسطس": 8, "سبتمبر": 9, "اكتوبر": 10, "نوفمبر": 11, "ديسمبر": 12,
    "كانون الثاني": 1, "شباط": 2, "اذار": 3, "نيسان": 4, "ايار": 5, "حزيران": 6, "تموز": 7, "اب": 8,
    "ايلول": 9, "تشرين الاول": 10, "تشرين الثاني": 11, "كانون الاول": 12,
}  # fmt: skip
_MONTH = "|".join(sorted((re.escape(m) for m in ARABIC_MONTHS), key=len, reverse=True))
_ARABIC_DATE = re.compile(
    rf"(?<!\d)(\d{{1,2}})\s*(?:من\s+)?(?:شهر\s+)?({_MONTH})(?:\s*[/(-]\s*(?:{_MONTH})\s*\)?)?\s*[,،]?\s*"
    rf"(?:عام\s+|سنه\s+)?(\d{{4}})(?!\d)"
)
_CLOCK = re.compile(
    r"(?<!\d)(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*(ص|صباحا|م|مساء|مساءا|ظهرا|am|pm))?", re.IGNORECASE
)
_ARABIC_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ى": "ي", "ة": "ه", "ـ": None,
                                 **{chr(c): None for c in range(0x064B, 0x0653)}})  # fmt: skip


def _arabic_date(text: str) -> dt.datetime | None:
    """'9 مارس 2024'، 'الأحد 27 كانون الثاني 2013 - 10:30 م'، '١٧ شباط / فبراير ٢٠١٣' (digits already ASCII)."""
    norm = text.translate(_ARABIC_LETTERS)
    match = _ARABIC_DATE.search(norm)
    if match is None:
        return None
    day, month, year = int(match.group(1)), ARABIC_MONTHS[match.group(2)], int(match.group(3))
    hour = minute = second = 0
    clock = _CLOCK.search(norm[match.end() :]) or _CLOCK.search(norm[: match.start()])
    if clock:
        hour, minute, second = int(clock.group(1)), int(clock.group(2)), int(clock.group(3) or 0)
        half = (clock.group(4) or "").lower()
        if half in ("م", "مساء", "مساءا", "pm") and hour < 12:
            hour += 12
        elif half in ("ص", "صباحا", "am") and hour == 12:
            hour = 0
    try:
        return dt.datetime(year, month, day, hour, minute, second)
    except ValueError:
        return None


def _to_utc(stamp: dt.datetime, zone: str | None) -> dt.datetime:
    """Naive UTC: aware values are converted, naive ones are taken to be in `zone` (default UTC)."""
    if stamp.tzinfo is None and zone and zone.upper() != "UTC":
        from zoneinfo import ZoneInfo

        stamp = stamp.replace(tzinfo=ZoneInfo(zone))
    if stamp.tzinfo is not None:
        stamp = stamp.astimezone(dt.UTC).replace(tzinfo=None)
    return stamp


@lru_cache(maxsize=1)
def _dateparser():
    import dateparser

    return dateparser


def _parse_string(text: str, formats: tuple[str, ...]) -> dt.datetime | None:
    for fmt in formats:
        try:
            return dt.datetime.strptime(text, fmt)
        except ValueError:
            pass
    iso = text[:-1] + "+00:00" if text[-1:] in "Zz" else text
    try:
        return dt.datetime.fromisoformat(iso)
    except ValueError:
        pass
    if re.fullmatch(r"\d{10}(\.\d+)?|\d{13}", text):  # Unix time, in seconds or milliseconds
        seconds = float(text) / (1000 if len(text) == 13 else 1)
        return dt.datetime.fromtimestamp(seconds, dt.UTC)
    try:
        stamp = email.utils.parsedate_to_datetime(text)  # RFC 2822, as RSS writes it
        if stamp is not None:
            return stamp
    except (TypeError, ValueError, IndexError):
        pass
    for fmt in _NUMERIC_DATES:
        try:
            return dt.datetime.strptime(text, fmt)
        except ValueError:
            pass
    if not re.search(r"\d{4}", text):  # the rest needs a year
        return None
    stamp = _arabic_date(text)
    if stamp is not None:
        return stamp
    try:
        return _dateparser().parse(
            text,
            languages=["ar", "en"],
            settings={"PARSERS": ["absolute-time"], "REQUIRE_PARTS": ["day", "month", "year"],
                      "DATE_ORDER": "DMY", "RETURN_AS_TIMEZONE_AWARE": False, "PREFER_DATES_FROM": "past"},
        )  # fmt: skip
    except Exception:  # dateparser raises assorted errors on odd text; it is a last try only
        return None


_LEAP_SECOND = re.compile(r"(?<=23:59:)60(?=(?:[.,]\d+)?(?:\s*(?:Z|z|UTC|GMT|[+-]\d{2}(?::?\d{2})?))?$)")


def _leap_second(text: str, formats: tuple[str, ...]) -> dt.datetime | None:
    """A time written with a leap second (23:59:60, as UTC allows at the end of June or December): the first
    instant of the next day, which is what it ends at. Python's parsers refuse second 60."""
    if _LEAP_SECOND.search(text) is None:
        return None
    stamp = _parse_string(_LEAP_SECOND.sub("59", text, count=1), formats)
    return None if stamp is None else stamp.replace(microsecond=0) + dt.timedelta(seconds=1)


def parse_published(
    value: object,
    *,
    formats: tuple[str, ...] = (),
    zone: str | None = None,
    now: dt.datetime | None = None,
    future_tolerance: dt.timedelta = dt.timedelta(hours=24),
) -> dt.datetime:
    """A publication time as naive UTC, from a string (ISO 8601, RFC 2822, numeric or Arabic dates, Unix time),
    a datetime or date, or a number (Unix time). Raises DateProblem with the reason."""
    if value is None or (isinstance(value, str) and not value.strip()):
        raise DateProblem("published_at is missing or empty")
    stamp: dt.datetime | None
    if isinstance(value, dt.datetime):
        stamp = value
    elif isinstance(value, dt.date):
        stamp = dt.datetime(value.year, value.month, value.day)
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        seconds = value / 1000 if abs(value) > 1e11 else value
        try:
            stamp = dt.datetime.fromtimestamp(seconds, dt.UTC)
        except (OverflowError, OSError, ValueError):
            stamp = None
    elif isinstance(value, str):
        if len(value) > MAX_DATE_CHARS:  # dateparser on a long text is slow, and a date is never that long
            raise DateProblem(f"published_at is {len(value):,} characters long, over the limit of "
                              f"{MAX_DATE_CHARS}: not a date ({sample(value, 40)!r})")  # fmt: skip
        text = unicodedata.normalize("NFKC", value).translate(_DIGITS).translate(_REMOVE).strip()
        stamp = _parse_string(text, formats) if text else None
        if stamp is None and text:
            stamp = _leap_second(text, formats)
    else:
        raise DateProblem(f"published_at is a {type(value).__name__}, not a date or time")
    if stamp is None:
        raise DateProblem(f"published_at {sample(str(value), 80)!r} is not a date or time Rasd can read "
                          "(ISO 8601 such as 2024-03-09T13:20:00Z is best)")  # fmt: skip
    try:
        stamp = _to_utc(stamp, zone)
    except (OverflowError, ValueError):
        raise DateProblem(f"published_at {sample(str(value), 80)!r} is out of range") from None
    if stamp < EARLIEST:
        raise DateProblem(
            f"published_at {stamp.isoformat()} is before {EARLIEST.year}: not a date of this war's news"
        )
    now = (now or dt.datetime.now(dt.UTC)).replace(tzinfo=None)
    if stamp > now + future_tolerance:
        raise DateProblem(
            f"published_at {stamp.isoformat()} (UTC) is in the future: after the time of ingest "
            f"({now.replace(microsecond=0).isoformat()} UTC)"
        )
    return stamp
