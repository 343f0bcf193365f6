"""Build the compact Arabic person-name lexicon committed in data/lexicons/.

Source: AKhateeb/arabic-names (MIT), as copied in ../shared/data/lexicons/akhateeb-arabic-names.
Output: data/lexicons/person_names_ar.txt — one normalized given name per line, sorted, unique.

Usage: python scripts/build_lexicons.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from workbench.articles.normalize import normalize_key

ROOT = Path(__file__).resolve().parents[1]

# Given names that are also very common words in news text; they stay out of the
# lexicon because a lexicon hit is used as evidence of a person name.
AMBIGUOUS = {
    "ابي",
    "امل",
    "سلام",
    "نور",
    "فجر",
    "وعد",
    "عادل",
    "جميل",
    "كريم",
    "سعيد",
    "باسل",
    "حسن",
    "منير",
    "صباح",
    "ماجد",
    "رشيد",
    "نبيل",
    "هدي",
    "ايمان",
    "امين",
    "منار",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    src = args.shared / "data" / "lexicons" / "akhateeb-arabic-names"
    names: set[str] = set()
    for fname in ("male-first--names-in-arabic.txt", "female-first-names-in-arabic.txt"):
        for line in (src / fname).read_text(encoding="utf-8-sig").splitlines():
            key = normalize_key(line)
            if key and " " not in key and key not in AMBIGUOUS:
                names.add(key)
    out = ROOT / "data" / "lexicons" / "person_names_ar.txt"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(sorted(names)) + "\n", encoding="utf-8")
    print(f"wrote {len(names)} names to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
