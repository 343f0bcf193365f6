"""A small processed and indexed corpus shared by the corpus tests (built once per session).

A uniquely named module (not ``conftest``) so test modules can import its constants.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from workbench.batch import batch_analyze
from workbench.corpus.index import CorpusIndex, build_index
from workbench.corpus.synthetic import synthetic_articles

DAMASCUS_TEXT = (
    "انفجار في دِمَشْق\n\nقال المحافظ أحمد الخطيب إن انفجارا وقع بدمشق صباح اليوم. "
    "وأكدت الأمم المتحدة أن الطريق بين دمشق وحمص مغلق."
)
HAND: list[dict[str, Any]] = [
    {
        "id": "hand-damascus",
        "title": "<b>عاجل</b> انفجار في دِمَشْق",
        "text": DAMASCUS_TEXT,
        "published": "2024-07-15",
    },
    {
        "id": "hand-aleppo",
        "title": "اشتباكات في حلب",
        "text": "اشتباكات في حلب\n\nأفادت مصادر محلية بوقوع اشتباكات في حلب. "
        "وقالت منظمة الصحة العالمية إن المستشفيات في حلب ممتلئة.",
        "published": "2024-07-16",
    },
    {"id": "hand-nodate", "title": "بيروت", "text": "بيروت\n\nوصل وفد من الأمم المتحدة إلى بيروت أمس."},
]
N_SYNTHETIC = 30  # dates 2024-01-01 .. 2024-06-28


def build_corpus(root: Path) -> tuple[Path, CorpusIndex]:
    """Write the JSONL corpus, batch it in process, index it; returns (places file, index)."""
    corpus = root / "corpus.jsonl"
    with corpus.open("w", encoding="utf-8") as f:
        for rec in [*synthetic_articles(N_SYNTHETIC, seed=11), *HAND]:
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    out = root / "out" / "places.gpkg"
    batch_analyze(corpus, out, workers=0, progress=False)
    return out, build_index(out, root / "corpus.sqlite")
