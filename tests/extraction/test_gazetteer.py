"""The place index over the OCHA COD-AB tables."""

import os

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


def test_the_build_covers_every_admin_level(gazetteer_dir):
    gaz = Gazetteer.from_dir(gazetteer_dir, cache=False)
    places = {p for readings in gaz.index.values() for p in readings}
    kinds = {kind: {p.pcode for p in places if p.kind == kind} for kind in ("governorate", "district", "community")}
    assert len(kinds["governorate"]) == 14 and len(kinds["district"]) == 61
    assert len(kinds["community"]) > 5000
    assert len(gaz.governorates) == 14 and len(gaz.districts) == 61


def test_cached_index_is_reused_and_rebuilt_when_the_tables_change(gazetteer_dir, tmp_path, monkeypatch):
    import shutil

    monkeypatch.setenv("RASD_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "gaz"
    shutil.copytree(gazetteer_dir, folder)
    first = Gazetteer.from_dir(folder)
    [cached] = list((tmp_path / "cache").glob("gazetteer-*.pickle"))
    second = Gazetteer.from_dir(folder)
    assert second.index == first.index
    # a changed table gets a new cache entry; a corrupt cache is rebuilt, not trusted
    with (folder / "syr_admin1_governorates.csv").open("a", encoding="utf-8") as handle:
        handle.write("")
    os.utime(folder / "syr_admin1_governorates.csv", ns=(1, 1))
    third = Gazetteer.from_dir(folder)
    assert third.index == first.index
    caches = list((tmp_path / "cache").glob("gazetteer-*.pickle"))
    assert len(caches) == 2
    newest = next(c for c in caches if c != cached)
    newest.write_bytes(b"not a pickle")
    assert Gazetteer.from_dir(folder).index == first.index
    assert newest.read_bytes() != b"not a pickle"  # rewritten


def test_syrian_archive_points_fill_names_the_tables_lack(gazetteer):
    # باب النيرب (an Aleppo quarter) and الشدادي (a Hasakah town) are not in COD-AB; the Syrian Archive point of
    # each lies inside a district polygon of syr_admin2.geojson, which gives its codes
    for name, admin1, admin2 in (("باب النيرب", "SY02", "SY0200"), ("الشدادي", "SY08", "SY0800")):
        places = gazetteer.lookup(normalize_key(name))
        assert [(p.kind, p.admin1, p.admin2) for p in places] == [("locality", admin1, admin2)], name


def test_syrian_archive_points_never_override_a_known_name(gazetteer):
    # القابون has a point in the archive just over the Damascus boundary; our table places it in Damascus
    assert {p.admin2 for p in gazetteer.lookup(normalize_key("القابون"))} == {"SY0100"}
    # a one-word common opener (خربة "ruin"), a site ("وزارة الداخلية") and the archive's own copy of a COD name
    # add nothing
    assert gazetteer.lookup(normalize_key("خربة")) == []
    assert gazetteer.lookup(normalize_key("وزارة الداخلية")) == []
    assert {p.kind for p in gazetteer.lookup(normalize_key("حلب"))} <= {"governorate", "district", "subdistrict",
                                                                           "community"}


def test_without_the_archive_or_polygons_the_index_still_builds(gazetteer_dir, tmp_path):
    folder = tmp_path / "cod"
    folder.mkdir()
    for path in gazetteer_dir.glob("syr_admin*_*.csv"):
        (folder / path.name).symlink_to(path)
    (folder / "syrianarchive_locations.csv").symlink_to(gazetteer_dir / "syrianarchive_locations.csv")
    g = Gazetteer.from_dir(folder, cache=False)  # no syr_admin2.geojson: the points cannot be placed
    assert g.lookup(normalize_key("باب النيرب")) == []
    assert ("community", "C1007") in {(p.kind, p.pcode) for p in g.lookup(normalize_key("حلب"))}
