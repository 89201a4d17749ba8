"""The place index: OCHA COD-AB names (with spelling variants) -> admin codes.

Loaded from a folder with the HDX tables (`syr_admin1_governorates.csv` ...), optionally with
`aleppo_city_neighbourhoods.csv`, plus our own `lexicon/places_extra.tsv` (regions, city
neighbourhoods the tables lack). Keys are `text.normalize_key` forms, so hamza/alef, ta
marbuta, joined/split compounds and the article all match.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import pickle
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from extract.lexicon import LEXICON_DIR, read_rows, read_words
from extract.text import normalize_key

REPO_ROOT = Path(__file__).resolve().parent.parent
REQUIRED_FILES = (
    "syr_admin1_governorates.csv",
    "syr_admin2_districts.csv",
    "syr_admin3_subdistricts_from_admin4.csv",
    "syr_admin4_communities.csv",
)
HOW_TO_GET = (
    "Rasd needs the OCHA COD-AB gazetteer for Syria. Run `rasd gazetteer download` (needs the "
    "internet), or set RASD_GAZETTEER_DIR to a folder holding " + ", ".join(REQUIRED_FILES) + "."
)
KIND_RANK = {"governorate": 1, "region": 1, "district": 2, "subdistrict": 3, "community": 4, "alias": 4, "locality": 4,
             "neighbourhood": 5}


def cache_dir() -> Path:
    """RASD_CACHE_DIR, else $XDG_CACHE_HOME/rasd, else ~/.cache/rasd."""
    env = os.environ.get("RASD_CACHE_DIR")
    if env:
        return Path(env)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "rasd"


T = TypeVar("T")


def cached(path: Path, build: Callable[[], T], kind: type) -> T:
    """What `build` returns, from the pickle at `path` when one of that kind is there, else built and pickled there.

    A cache that cannot be read (stale, truncated) is rebuilt; one that cannot be written is skipped."""
    if path.exists():
        try:
            with path.open("rb") as handle:
                loaded = pickle.load(handle)
            if isinstance(loaded, kind):
                return loaded
        except Exception:  # a stale or truncated cache: rebuild
            pass
    built = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as handle:
            pickle.dump(built, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)  # readers see the old file or the whole new one
    except OSError:
        pass
    return built


def _cache_path(folder: Path) -> Path:
    digest = hashlib.sha256()
    for path in sorted([*folder.glob("*.csv"), *folder.glob("*.geojson")]):
        stat = path.stat()
        digest.update(f"{path.name}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    digest.update((LEXICON_DIR / "places_extra.tsv").read_bytes())
    for module in ("gazetteer.py", "text.py", "lexicon.py"):
        digest.update((Path(__file__).with_name(module)).read_bytes())
    return cache_dir() / f"gazetteer-{digest.hexdigest()[:16]}.pickle"


class GazetteerMissing(FileNotFoundError):
    """No usable gazetteer folder; the message says how to get one."""


def default_gazetteer_dir() -> Path | None:
    """RASD_GAZETTEER_DIR, else data/gazetteer (where the download goes), else ../shared/gazetteer."""
    env = os.environ.get("RASD_GAZETTEER_DIR")
    if env:
        return Path(env)
    for candidate in (REPO_ROOT / "data" / "gazetteer", REPO_ROOT.parent / "shared" / "gazetteer"):
        if (candidate / REQUIRED_FILES[0]).exists():
            return candidate
    return None


@dataclass(frozen=True)
class Place:
    """One reading of a name: a unit of the admin hierarchy, a neighbourhood or a region."""

    kind: str
    pcode: str
    name_ar: str
    name_en: str
    admin1: str
    admin2: str | None
    admin3: str | None
    admin4: str | None
    geo_precision: int
    capital_level: int = 9  # 1 governorate capital, 2 district, 3 sub-district, 9 none

    def contains(self, other: "Place") -> bool:
        """Whether `other` lies inside this unit (a unit does not contain itself)."""
        if other == self or KIND_RANK[other.kind] < KIND_RANK[self.kind]:
            return False
        if self.kind in ("governorate", "region") and self.admin2 is None:
            return other.admin1 == self.admin1 and other != self
        if self.kind in ("district", "region"):
            return other.admin2 == self.admin2 and KIND_RANK[other.kind] > 2
        if self.kind == "subdistrict":
            return other.admin3 == self.admin3 and KIND_RANK[other.kind] > 3
        if self.kind == "community":
            # Damascus neighbourhoods carry the city's district but no community code (GUIDELINES §3)
            return other.kind == "neighbourhood" and (other.admin4 == self.admin4 or (
                other.admin4 is None and self.capital_level == 1 and other.admin2 == self.admin2))
        return False


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _name_variants(name: str) -> set[str]:
    """Keys for a gazetteer name: whole, each part of "X_Y"/"X-Y", without a "مركز"/"مدينة" prefix."""
    out = set()
    parts = [name] + [p for p in re.split(r"\s*[_-]\s*", name) if p]
    for part in parts:
        part = part.strip()
        if not part:
            continue
        out.add(part)
        for prefix in ("مركز ", "مدينة ", "ناحية ", "منطقة "):
            if part.startswith(prefix):
                out.add(part[len(prefix):])
    return {normalize_key(p) for p in out if len(normalize_key(p)) >= 2}


def _district_shapes(folder: Path) -> list[tuple[str, str, tuple[float, float, float, float], list[list]]]:
    """(admin1, admin2, bounding box, outer rings) of each district polygon in syr_admin2.geojson, if present."""
    path = folder / "syr_admin2.geojson"
    if not path.exists():
        return []
    shapes = []
    for feature in json.loads(path.read_text(encoding="utf-8")).get("features", []):
        props, geometry = feature.get("properties") or {}, feature.get("geometry") or {}
        polygons = geometry.get("coordinates") or []
        if geometry.get("type") == "Polygon":
            polygons = [polygons]
        elif geometry.get("type") != "MultiPolygon":
            continue
        rings = [polygon[0] for polygon in polygons if polygon]
        points = [pt for ring in rings for pt in ring]
        if not points or not props.get("PCODE") or not props.get("ADMIN1_COD"):
            continue
        box = (min(x for x, _ in points), min(y for _, y in points), max(x for x, _ in points), max(y for _, y in points))
        shapes.append((props["ADMIN1_COD"], props["PCODE"], box, rings))
    return shapes


def _inside(x: float, y: float, ring: list) -> bool:
    """Ray casting: whether (x, y) lies inside the closed ring of (lon, lat) points."""
    inside = False
    j = len(ring) - 1
    for i in range(len(ring)):
        xi, yi = ring[i][0], ring[i][1]
        xj, yj = ring[j][0], ring[j][1]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def _archive_places(folder: Path, places: list[tuple[str, Place]]) -> list[tuple[str, Place]]:
    """Named places of `syrianarchive_locations.csv` that the COD-AB tables lack (hills, roundabouts, quarters,
    villages spelled otherwise: "باب النيرب"، "الشدادي"), each placed in the district whose polygon holds its
    point. The file's governorate column is not trusted (some rows carry a wrong one); a point outside every
    district, a name the index already knows, or a word too short or too common to be a name is left out."""
    path = folder / "syrianarchive_locations.csv"
    shapes = _district_shapes(folder)
    if not path.exists() or not shapes:
        return []
    known = {key for name, _ in places for key in _name_variants(name)}
    common = {normalize_key(word) for name in ("place_stopwords.txt", "not_names.txt", "name_prefixes.tsv")
              for word in read_words(name)}
    # a named site ("وزارة الداخلية"، "دوار الجامعة") is the extractor's to read: it takes the codes of the
    # place that qualifies it in the sentence, which are more precise than a point's district
    sites = {normalize_key(word) for word in read_words("facilities.txt")}
    out: list[tuple[str, Place]] = []
    for row in _read_csv(path):
        name = re.sub(r"^(?:قرية|بلدة|حي)\s+", "", re.sub("[\u200e\u200f\u202a-\u202e]", "", row.get("name_ar") or "").strip())
        key, variants = normalize_key(name), _name_variants(name)
        if (len(key) < 4 or key in common or variants & known
                or normalize_key(name.split()[0]) in sites):
            continue
        try:
            lat, lon = float(row["latitude"]), float(row["longitude"])
        except (KeyError, TypeError, ValueError):
            continue
        district = next((s for s in shapes if s[2][0] <= lon <= s[2][2] and s[2][1] <= lat <= s[2][3]
                         and any(_inside(lon, lat, ring) for ring in s[3])), None)
        if district is None:
            continue
        out.append((name, Place("locality", f"archive:{row.get('dataset_id', key)}", name, row.get("name_en") or name,
                                district[0], district[1], None, None, 1)))
        known |= variants
    return out


class Gazetteer:
    def __init__(self, places: list[tuple[str, Place]]):
        self.index: dict[str, list[Place]] = {}
        # "رأس العين - يبرود"، "الحجلية- الباب": the part after the dash names the community's district
        # or sub-district to tell homonyms apart; it is not another name of the community
        unit_keys: dict[str, set[str]] = {}
        for name, place in places:
            if place.kind in ("district", "subdistrict"):
                for key in _name_variants(name):
                    unit_keys.setdefault(key, set()).add(place.admin2 or "")
        for name, place in places:
            keys = _name_variants(name)
            if place.kind == "community" and re.search(r"[_-]", name):
                keys = {k for k in keys if place.admin2 not in unit_keys.get(k, ()) or k == normalize_key(name)}
            for key in keys:
                bucket = self.index.setdefault(key, [])
                if place not in bucket:
                    bucket.append(place)
        self.max_words = 5
        # every prefix of every key: lets the place search stop as soon as no name can start this way
        self.prefixes = {key[:j] for key in self.index for j in range(1, len(key) + 1)}
        # the words a name can start with: a whole one-word name, or the first word of a longer one
        self.first_words = set(self.index)
        for name, _place in places:
            for part in re.split(r"\s*[_-]\s*", name):
                words = part.split()
                if len(words) > 1:
                    self.first_words.add(normalize_key(words[0]))
                    if words[0] in ("مركز", "مدينة", "ناحية", "منطقة") and len(words) > 2:
                        self.first_words.add(normalize_key(words[1]))
        self.governorates = {p.admin1: p for _, p in places if p.kind == "governorate"}
        self.districts = {p.admin2: p for _, p in places if p.kind == "district"}

    @classmethod
    def from_dir(cls, directory: str | os.PathLike | None = None, cache: bool = True) -> "Gazetteer":
        """The index of a COD-AB folder, from a pickled copy when one was built from the same files.

        Building parses ~5,000 communities and their name variants (about half a second); the cached
        form loads in a few tens of milliseconds. The cache key covers the tables, our lexicon and this
        code, so a change to any of them rebuilds it; a cache that cannot be read or written is ignored."""
        folder = Path(directory) if directory else default_gazetteer_dir()
        if folder is None or not folder.is_dir():
            raise GazetteerMissing(f"No gazetteer folder found ({folder}). {HOW_TO_GET}")
        missing = [name for name in REQUIRED_FILES if not (folder / name).exists()]
        if missing:
            raise GazetteerMissing(f"The gazetteer folder {folder} lacks {', '.join(missing)}. {HOW_TO_GET}")
        if not cache:
            return cls._build(folder)
        return cached(_cache_path(folder), lambda: cls._build(folder), cls)

    @classmethod
    def _build(cls, folder: Path) -> "Gazetteer":
        places: list[tuple[str, Place]] = []
        for row in _read_csv(folder / "syr_admin1_governorates.csv"):
            p = Place("governorate", row["admin1Pcode"], row["admin1Name_ar"], row["admin1Name_en"],
                      row["admin1Pcode"], None, None, None, 3)
            places.append((row["admin1Name_ar"], p))
        for row in _read_csv(folder / "syr_admin2_districts.csv"):
            p = Place("district", row["admin2Pcode"], row["admin2Name_ar"], row["admin2Name_en"],
                      row["admin1Pcode"], row["admin2Pcode"], None, None, 2)
            places.append((row["admin2Name_ar"], p))
        for row in _read_csv(folder / "syr_admin3_subdistricts_from_admin4.csv"):
            p = Place("subdistrict", row["admin3Pcode"], row["admin3Name_ar"], row["admin3Name_en"],
                      row["admin1Pcode"], row["admin2Pcode"], row["admin3Pcode"], None, 2)
            places.append((row["admin3Name_ar"], p))
        communities: dict[str, Place] = {}
        for row in _read_csv(folder / "syr_admin4_communities.csv"):
            level = row.get("capital_level") or ""
            p = Place("community", row["admin4Pcode"], row["admin4Name_ar"], row["admin4Name_en"],
                      row["admin1Pcode"], row["admin2Pcode"], row["admin3Pcode"], row["admin4Pcode"], 1,
                      int(level) if level.strip().isdigit() and int(level) > 0 else 9)
            communities[p.pcode] = p
            places.append((row["admin4Name_ar"], p))
        aleppo = folder / "aleppo_city_neighbourhoods.csv"
        city = communities.get("C1007")
        if aleppo.exists() and city is not None:
            for row in _read_csv(aleppo):
                p = Place("neighbourhood", f"C1007:{row['id']}", row["name_ar"], row["name_en"],
                          city.admin1, city.admin2, city.admin3, city.admin4, 1)
                for alias in {row["name_ar"], *row.get("alt_ar", "").split("|")}:
                    if alias.strip():
                        places.append((alias.strip(), p))
        for name, admin1, admin2, admin4, precision, kind, _note in read_rows("places_extra.tsv"):
            base = communities.get(admin4) if admin4 else None
            if kind == "alias" and base is not None:
                places.append((name, base))  # another name of a COD-AB community (الطبقة = الثورة)
                continue
            p = Place(kind, f"extra:{normalize_key(name)}", name, name, admin1, admin2 or None,
                      base.admin3 if base else None, admin4 or None, int(precision))
            places.append((name, p))
        places.extend(_archive_places(folder, places))
        return cls(places)

    def sole_district(self, admin1: str) -> str | None:
        """The district of a governorate that has only one (Damascus), else None."""
        codes = [code for code, d in self.districts.items() if d.admin1 == admin1]
        return codes[0] if len(codes) == 1 else None

    def lookup(self, key: str) -> list[Place]:
        return self.index.get(key, [])

