"""Fixtures for the extraction unit tests: one gazetteer and extractor per session."""

from __future__ import annotations

import datetime as dt

import pytest

from extract.extractor import Extractor
from extract.gazetteer import Gazetteer
from extract.records import Article


@pytest.fixture(scope="session")
def gazetteer(gazetteer_dir) -> Gazetteer:
    return Gazetteer.from_dir(gazetteer_dir)


@pytest.fixture(scope="session")
def extractor(gazetteer) -> Extractor:
    return Extractor(gazetteer)


def make_article(body: str, published: str = "2016-06-03T18:00:00", title: str | None = None, id: str = "t-1",
                 source: str = "test") -> Article:
    return Article(id=id, source=source, url=None, published_at=dt.datetime.fromisoformat(published), title=title, body=body)
