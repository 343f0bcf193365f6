"""Build the compact Arabic word-frequency table committed in data/lexicons/.

Source: Arabic Wikipedia 2017 text (CC BY-SA 4.0), as copied in
../shared/data/raw-ar/arwiki-egy-arb-aligned/. Output: data/lexicons/ar_word_counts.tsv —
the most frequent normalized Arabic words (`normalize_key`) with their counts, tab-separated.

Used to tell everyday words from names: a one-word village name that is also a frequent
word («مجال», «شأن») needs a place trigger, and «كبيرة» is not split into ك + «بيرة».

Usage: python scripts/build_word_counts.py [--shared ../shared] [--top 40000]
"""

from __future__ import annotations

import argparse
import gzip
import re
from collections import Counter
from pathlib import Path

from workbench.articles.normalize import normalize_key

ROOT = Path(__file__).resolve().parents[1]
WORD = re.compile(r"[\u0621-\u064A\u0660-\u0669\u0671-\u06D3\u064B-\u0652\u0640]+")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--top", type=int, default=40000)
    args = parser.parse_args()
    src = args.shared / "data" / "raw-ar" / "arwiki-egy-arb-aligned" / "arwiki-20170120-ar-aligned.txt.gz"
    raw: Counter[str] = Counter()
    with gzip.open(src, "rt", encoding="utf-8", errors="replace") as fh:
        for line in fh:
            if line.startswith("<"):
                continue
            raw.update(WORD.findall(line))
    counts: Counter[str] = Counter()
    for word, n in raw.items():
        key = normalize_key(word)
        if len(key) >= 2:
            counts[key] += n
    out = ROOT / "data" / "lexicons" / "ar_word_counts.tsv"
    with out.open("w", encoding="utf-8") as fh:
        fh.write("# normalized word\tcount in Arabic Wikipedia 2017 (CC BY-SA 4.0), see data/NOTICE.md\n")
        for word, n in counts.most_common(args.top):
            fh.write(f"{word}\t{n}\n")
    print(
        f"{sum(counts.values()):,} tokens, {len(counts):,} types; "
        f"wrote top {args.top:,} to {out.relative_to(ROOT)}"
    )


if __name__ == "__main__":
    main()
