"""The place index over the OCHA COD-AB tables."""

import pytest

from extract.gazetteer import Gazetteer, GazetteerMissing
from extract.text import normalize_key


def codes(gazetteer, name):
    return {(p.kind, p.pcode) for p in gazetteer.lookup(normalize_key(name))}


def test_variants_resolve_to_the_same_community(gazetteer):
    assert ("community", "C1134") in codes(gazetteer, "كفرحمرة")      # COD-AB writes كفر حمرة
    assert ("community", "C1015") in codes(gazetteer, "خان طومان")    # COD-AB writes خانطومان
    assert ("community", "C4157") in codes(gazetteer, "كفرتخاريم")
    assert ("community", "C1170") in codes(gazetteer, "زربة")


def test_aleppo_neighbourhoods_take_the_city_codes(gazetteer):
    places = gazetteer.lookup(normalize_key("الصالحين"))
    assert places and all(p.admin4 == "C1007" and p.admin2 == "SY0200" for p in places)


def test_centre_units_are_found_without_their_prefix(gazetteer):
    assert ("district", "SY0700") in codes(gazetteer, "إدلب")  # COD-AB: مركز إدلب


def test_ambiguous_names_keep_every_reading(gazetteer):
    districts = {p.admin2 for p in gazetteer.lookup(normalize_key("دوما"))}
    assert {"SY0302", "SY1303"} <= districts


def test_missing_gazetteer_says_how_to_get_one(tmp_path):
    with pytest.raises(GazetteerMissing, match="rasd gazetteer download"):
        Gazetteer.from_dir(tmp_path)
