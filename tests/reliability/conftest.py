"""Fixtures and Hypothesis settings for the reliability tests."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

# No example database in the work tree; the same examples on CI (CI=true) so a red build is reproducible,
# fresh ones on a developer's machine.
settings.register_profile(
    "rasd",
    database=None,
    deadline=None,
    derandomize=bool(os.environ.get("CI")),
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile("rasd")


@pytest.fixture(scope="session")
def gazetteer(gazetteer_dir):
    from extract.gazetteer import Gazetteer

    return Gazetteer.from_dir(gazetteer_dir)


@pytest.fixture(scope="session")
def extractor(gazetteer):
    from extract.extractor import Extractor

    return Extractor(gazetteer)
