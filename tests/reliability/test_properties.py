"""Property-based tests (Hypothesis) on the extractor and its parsers of numbers, dates and places, and on the
ingest checks: on any text they never raise, offsets are always valid, counts are never negative."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from extract.dates import choose, find_dates
from extract.numbers import count_before, parse_count, parse_number
from extract.records import ACTORS, DATE_PRECISIONS, EVENT_TYPES, Article
from extract.text import NormText, normalize_key

from .texts import any_text, place_names

SCALE = float(os.environ.get("RASD_HYPOTHESIS_SCALE", "1"))  # e.g. 20 for a long bug hunt


def examples(n: int) -> int:
    return max(1, int(n * SCALE))


publication_times = st.datetimes(min_value=dt.datetime(1990, 1, 1), max_value=dt.datetime(2100, 12, 31))


def check_count(count) -> None:
    assert isinstance(count.low, int) and isinstance(count.best, int)
    assert 0 <= count.low <= count.best


@settings(max_examples=examples(400))
@given(
    text=any_text(),
    start=st.integers(min_value=0, max_value=500),
    width=st.integers(min_value=0, max_value=40),
)
def test_number_parsers(text: str, start: int, width: int) -> None:
    tokens = NormText(text).tokens
    i = min(start, len(tokens))
    limit = min(len(tokens), i + width)
    number = parse_number(tokens, i)
    if number is not None:
        value, end = number
        assert value >= 0 and i < end <= len(tokens)
    phrase = parse_count(tokens, i, limit)
    if phrase is not None:
        check_count(phrase.count)
        assert i <= phrase.start < phrase.end <= limit
    before = count_before(tokens, limit, i)
    if before is not None:
        check_count(before.count)
        assert i <= before.start < before.end <= limit


@settings(max_examples=examples(400))
@given(text=any_text(), published=publication_times, lo=st.integers(0, 300), width=st.integers(0, 300))
def test_date_parser(text: str, published: dt.datetime, lo: int, width: int) -> None:
    nt = NormText(text)
    tokens = nt.tokens
    lo = min(lo, len(tokens))
    hi = min(len(tokens), lo + width)
    mentions = find_dates(nt.norm, tokens, lo, hi, published.date())
    for m in mentions:
        assert isinstance(m.date, dt.date) and m.precision in DATE_PRECISIONS
        assert 0 <= m.start <= m.end <= len(nt.norm)
        if lo < hi:
            assert tokens[lo].start <= m.start and m.end <= tokens[hi - 1].end
        assert m.date <= published.date() + dt.timedelta(days=1)  # never a day after publication
        nt.to_original(m.start, m.end)  # maps back into the original text
    chosen = choose(mentions)
    assert (chosen is None) == (not mentions) and (chosen is None or chosen in mentions)


def find_places(extractor, nt: NormText) -> list:
    """The place stage's finder over a text, with the extractor's cached word features."""
    return extractor.placing.finder.find(nt, extractor.words.words(nt.tokens))


@pytest.fixture(scope="module")
def places(gazetteer_dir) -> list[str]:
    return place_names(str(gazetteer_dir))


@settings(max_examples=examples(300))
@given(data=st.data())
def test_place_parser(data, extractor, gazetteer, places) -> None:
    text = data.draw(any_text(places))
    nt = NormText(text)
    for key in {normalize_key(text), normalize_key(text[:20])}:
        for place in gazetteer.lookup(key):
            assert place.geo_precision in (1, 2, 3)
    mentions = find_places(extractor, nt)
    for m in mentions:
        assert 0 <= m.start < m.end <= len(nt.tokens)
        assert 0 <= m.char_start <= m.char_end <= len(nt.norm)
        start, end = nt.to_original(m.char_start, m.char_end)
        assert 0 <= start <= end <= len(text)


def check_record(record, article: Article) -> None:
    text = article.text
    assert record.event_type in EVENT_TYPES and record.actor in ACTORS
    assert record.date_precision in DATE_PRECISIONS and record.geo_precision in (1, 2, 3)
    assert isinstance(record.event_date, dt.date)
    assert 0 <= record.evidence_start <= record.evidence_end <= len(text)
    assert text[record.evidence_start : record.evidence_end] == record.evidence
    for count in (record.killed, record.injured, record.strikes):
        check_count(count)
    if record.event_type not in ("air_strike", "shelling"):
        assert (record.strikes.low, record.strikes.best) == (0, 0)
    row = record.to_dict()  # the line format the scorer and the warehouse read
    assert dt.date.fromisoformat(row["event_date"]) == record.event_date


@settings(max_examples=examples(250))
@given(data=st.data(), published=publication_times)
def test_extractor(data, published: dt.datetime, extractor, places) -> None:
    title = data.draw(st.one_of(st.none(), any_text(places).map(lambda t: t[:120] or None)))
    body = data.draw(any_text(places))
    assume(body.strip())
    article = Article(id="h-1", source=data.draw(st.sampled_from([None, "سانا", "شبكة شام", "x"])), url=None,
                      published_at=published, title=title, body=body)  # fmt: skip
    for record in extractor.extract(article):
        check_record(record, article)


@pytest.mark.parametrize(
    "body",
    ["قتل 5² مدنيين في غارة على بلدة سرمين اليوم.", "قتل ① مدني في غارة على سرمين"],
    ids=["superscript", "circled"],
)
def test_superscript_and_circled_digits_do_not_crash_the_extractor(body: str, extractor) -> None:
    article = Article(
        id="sup", source=None, url=None, published_at=dt.datetime(2024, 3, 9, 12), title=None, body=body
    )
    for record in extractor.extract(article):
        check_record(record, article)


# --- the ingest side -------------------------------------------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=50) | any_text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=12,
)
field_names = st.sampled_from(["id", "body", "text", "title", "published_at", "date", "url", "source", "x"])


@settings(max_examples=examples(400))
@given(fields=st.dictionaries(field_names, json_values, max_size=7))
def test_ingest_checks_never_raise(fields) -> None:
    from ingest.settings import FileRule, IngestConfig
    from ingest.formats.items import Item
    from ingest.formats.normalize import normalize

    result = normalize(
        Item(1, "line 1", "", fields=fields), IngestConfig(), FileRule(), dt.datetime(2024, 4, 1)
    )
    assert (result.article is None) == bool(result.reasons)
    if result.article is not None:
        a = result.article
        assert a.body.strip() and a.id and a.published_at <= dt.datetime(2024, 4, 2)
        assert not any(ch in a.body for ch in "\u200b\u200f\u202b\ufeff")


@settings(max_examples=examples(300))
@given(raw=st.binary(max_size=300), encoding=st.sampled_from([None, "utf-8", "cp1256", "utf-16"]))
def test_line_decoding_never_raises(raw: bytes, encoding) -> None:
    from ingest.formats.text import decode_line

    text, _, problem = decode_line(raw, encoding)
    assert (text is None) == bool(problem)


@settings(max_examples=examples(300))
@given(
    value=st.one_of(st.text(max_size=60), any_text(), st.integers(), st.floats(), st.datetimes(), st.dates())
)
def test_publication_time_parser_raises_only_its_own_error(value) -> None:
    from ingest.formats.text import DateProblem, parse_published

    try:
        stamp = parse_published(value, now=dt.datetime(2024, 4, 1))
    except DateProblem as problem:
        assert str(problem).startswith("published_at")
    else:
        assert stamp.tzinfo is None and dt.datetime(1990, 1, 1) <= stamp <= dt.datetime(2024, 4, 2)


@settings(max_examples=examples(200))
@given(
    markup=st.one_of(st.text(max_size=200), any_text()).map(lambda t: f"<div><p>{t}</p><br>{t[:10]}</div>")
)
def test_html_to_text_never_raises(markup: str) -> None:
    from ingest.formats.text import html_to_text, judge_html

    assert "<p>" not in html_to_text(markup)
    text, reason = judge_html(markup)
    assert (text is None) == (reason is not None)
