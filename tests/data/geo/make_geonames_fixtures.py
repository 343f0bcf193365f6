"""Write the small GeoNames-format fixtures of tests/data/geo (run from the repository root).

The rows follow the real dump layouts (``XX.zip`` with ``XX.txt``: 19 tab-separated
columns; ``alternateNamesV2.zip`` with ``alternateNamesV2.txt``: 10 columns). Names,
coordinates and admin-1 codes are real to the best of our knowledge (each point was
checked inside its oblast polygon of Natural Earth); the geonameids 99000xx are
fixture ids, not GeoNames ids.

Usage::

    .venv/bin/python tests/data/geo/make_geonames_fixtures.py
"""

from __future__ import annotations

import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent

# geonameid, name, asciiname, alternatenames, lat, lon, class, code, cc, admin1, pop, tz
RU = [
    (9900001, "Mar’ino", "Mar'ino", "Mar'ino,Marino,Mar’ino,Марьино", 51.6167, 34.8833,
     "P", "PPL", "RU", "41", 0, "Europe/Moscow"),
    (9900002, "Tyotkino", "Tyotkino", "Tetkino,Tyotkino,Тёткино,Теткино", 51.2747, 34.3069,
     "P", "PPL", "RU", "41", 4200, "Europe/Moscow"),
    (9900003, "Gornal’", "Gornal'", "Gornal,Gornal',Горналь", 51.1206, 35.5086,
     "P", "PPL", "RU", "41", 500, "Europe/Moscow"),
    (9900004, "Ryl’skiy Rayon", "Ryl'skiy Rayon", "Rylsky District,Рыльский район", 51.57, 34.68,
     "A", "ADM2", "RU", "41", 0, "Europe/Moscow"),
    # Skipped on import: a historical populated place and a spot feature.
    (9900005, "Staroye Selo", "Staroye Selo", "Старое Село", 51.40, 35.00,
     "P", "PPLH", "RU", "41", 0, "Europe/Moscow"),
    (9900006, "Gornal’skiy Monastyr’", "Gornal'skiy Monastyr'", "", 51.1215, 35.5101,
     "S", "MSTY", "RU", "41", 0, "Europe/Moscow"),
]  # fmt: skip
UA = [
    (9900011, "Vovchans’k", "Vovchans'k", "Volchansk,Vovchansk,Вовчанськ,Волчанск", 50.2906,
     36.9461, "P", "PPLA3", "UA", "07", 17000, "Europe/Kyiv"),
    (9900012, "Chasiv Yar", "Chasiv Yar", "Chasov Yar,Chasiv Yar,Часів Яр,Часов Яр", 48.5869,
     37.8350, "P", "PPL", "UA", "05", 12000, "Europe/Kyiv"),
    (9900013, "Robotyne", "Robotyne", "Rabotino,Robotyne,Роботине,Работино", 47.4433, 35.8378,
     "P", "PPL", "UA", "26", 480, "Europe/Kyiv"),
]  # fmt: skip
# alternateNameId, geonameid, isolanguage, name, preferred, short, colloquial, historic
ALT = [
    (1, 9900001, "ar", "مارينو", "", "", "", ""),
    (2, 9900001, "ru", "Марьино", "1", "", "", ""),
    (3, 9900001, "link", "https://ru.wikipedia.org/wiki/Марьино_(Рыльский_район)", "", "", "", ""),
    (4, 9900011, "ar", "فوفتشانسك", "1", "", "", ""),
    (5, 9900011, "ru", "Волчанск", "", "", "", ""),
    (6, 9900012, "ar", "تشاسيف يار", "", "", "", ""),
    (7, 9900013, "en", "Rabotino", "", "", "", "1"),
    (8, 1234567, "ar", "مكان مجهول", "", "", "", ""),  # not in the layer: ignored
]  # fmt: skip


def _geoname_line(r: tuple) -> str:
    gid, name, ascii_, alts, lat, lon, fcl, fco, cc, a1, pop, tz = r
    cols = [gid, name, ascii_, alts, lat, lon, fcl, fco, cc, "", a1, "", "", "", pop, "", 150, tz,
            "2024-05-01"]  # fmt: skip
    return "\t".join(str(c) for c in cols) + "\n"


def _zip(path: Path, member: str, text: str) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(member, text)
        zf.writestr("readme.txt", "GeoNames-format test fixture (see make_geonames_fixtures.py)\n")


def main() -> None:
    """Write RU.zip, UA.zip and alternateNamesV2.zip next to this script."""
    _zip(HERE / "RU.zip", "RU.txt", "".join(map(_geoname_line, RU)))
    _zip(HERE / "UA.zip", "UA.txt", "".join(map(_geoname_line, UA)))
    alt = "".join("\t".join(str(c) for c in (*r, "", "")) + "\n" for r in ALT)
    _zip(HERE / "alternateNamesV2.zip", "alternateNamesV2.txt", alt)


if __name__ == "__main__":
    main()
