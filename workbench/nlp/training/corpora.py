"""Readers for the Arabic NER corpora in ``../shared/data/ner`` and their label mapping.

Every reader returns :class:`Sentence` objects: whitespace tokens plus IOB2 tags over
the workbench labels ``PER LOC ORG MISC``. Readers are pure with respect to the
files (nothing is written); corpora are never copied into the repository.

Corpus-specific clean-up done here (and documented in the model card):

- ANERcorp uses ``PERS`` → ``PER``; the original file has no sentence breaks, so it
  is split after every ``.`` token (the rule that reproduces the 925 sentences of the
  CAMeL Lab test file).
- AQMAR: ``MIS*`` (``MIS0``–``MIS3``, ``MIS``, ``MIS-1``, ``MISS1`` …) and the
  language tags (``ENGLISH``, ``SPANISH``) → ``MISC``; ``OO`` → ``O``; ``IO`` → ``O``;
  ``I--ORG`` → ``I-ORG``.
- NewsFANE Gold: BOM, CR and U+200E are stripped; the 45 fine types are mapped with
  :data:`NEWSFANE_TYPE_MAP`.
- Every tag sequence is repaired to IOB2 (an ``I-X`` that does not continue an ``X``
  starts a new entity, as conlleval reads it).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from workbench.paths import shared_dir

__all__ = [
    "ANERCORP_TRAIN_END",
    "LABELS",
    "NEWSFANE_TYPE_MAP",
    "CorpusPaths",
    "Sentence",
    "map_tag",
    "read_anercorp_original",
    "read_aqmar",
    "read_conll",
    "read_newsfane",
    "repair_iob2",
    "split_on_full_stop",
]

LABELS: tuple[str, ...] = ("PER", "LOC", "ORG", "MISC")

#: First token of the CAMeL Lab test portion in the original ANERcorp file (0-based).
ANERCORP_TRAIN_END = 125_305

_SENTENCE_END = frozenset({"."})

# NewsFANE Gold fine type -> workbench label. Starts from the ACE-style taxonomy of
# Alotaibi & Lee (2014); where ANERcorp tags the same mentions differently in the 2,936
# sentences the two corpora share (and the type has >= 10 such mentions), ANERcorp's
# majority wins, so the labels follow one convention (docs/ner.md, "NewsFANE label
# mapping"). ``None`` drops the entity (tagged O): ``Group`` (nationalities, «الفلسطينيين»),
# ``Government`` («الحكومة») and ``Building-Grounds`` are mostly untagged in ANERcorp;
# ``Land`` vehicles are car makers there (ORG).
NEWSFANE_TYPE_MAP: dict[str, str | None] = {
    # person
    "Politician": "PER", "Athlete": "PER", "Artist": "PER", "Other_PER": "PER",
    "Religious_PER": "PER", "Scientist": "PER", "Businessperson": "PER", "Lawyer": "PER",
    "Engineer": "PER", "Police": "PER", "Group": None,
    # organization
    "Non-Governmental": "ORG", "Sports": "ORG", "Media": "ORG", "Government": None,
    "Commercial": "ORG", "Educational": "ORG", "Entertainment": "ORG",
    "Religious_ORG": "ORG", "Medical-Science": "ORG",
    # geo-political entities, locations and facilities
    "Nation": "LOC", "Population-Center": "LOC", "State-or-Province": "LOC",
    "GPE-Cluster": "LOC", "Continent": "LOC", "County-or-District": "LOC",
    "Water-Body": "LOC", "Land-Region-Natural": "LOC", "Celestial": "LOC",
    "Building-Grounds": None, "Airport": "LOC", "Path": "LOC", "Subarea-Facility": "LOC",
    # products, works, weapons, vehicles -> miscellaneous
    "Book": "MISC", "Movie": "MISC", "Software": "MISC", "Hardware": "MISC",
    "Food": "MISC", "Drug": "MISC", "Projectile": "MISC", "Shooting": "MISC",
    "Water": "MISC", "Air": "MISC", "Land": "ORG", "Plant": "MISC",
}

_ANER_MAP = {"PERS": "PER", "PER": "PER", "LOC": "LOC", "ORG": "ORG", "MISC": "MISC"}


@dataclass(slots=True)
class Sentence:
    """One sentence: whitespace tokens and their IOB2 tags (same length)."""

    tokens: list[str]
    tags: list[str]
    source: str = ""
    meta: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if len(self.tokens) != len(self.tags):
            raise ValueError(
                f"{len(self.tokens)} tokens but {len(self.tags)} tags in a {self.source!r} "
                "sentence; each token needs exactly one tag"
            )

    @property
    def text(self) -> str:
        """Tokens joined by single spaces."""
        return " ".join(self.tokens)


@dataclass(frozen=True, slots=True)
class CorpusPaths:
    """Locations of the corpora under a shared data folder."""

    root: Path

    @classmethod
    def default(cls) -> CorpusPaths:
        """Paths under ``<shared>/data/ner`` (see :func:`workbench.paths.shared_dir`)."""
        return cls(shared_dir() / "data" / "ner")

    @property
    def anercorp(self) -> Path:
        return self.root / "anercorp-original" / "ANERCorp"

    @property
    def camel_test(self) -> Path:
        return self.root / "anercorp-camel" / "ANERCorp_CamelLab_test.txt"

    def aqmar(self, split: str) -> Path:
        return self.root / "aqmar" / "splits-liu2019" / f"{split}.txt"

    @property
    def newsfane(self) -> Path:
        return self.root / "newsfane-gold" / "NewsFANE_Gold_2014_170K.txt"

    def exists(self) -> bool:
        return self.anercorp.exists() and self.camel_test.exists()


# --------------------------------------------------------------------------- tags


def map_tag(tag: str, label_map: dict[str, str | None] | None = None) -> str:
    """Map one raw tag to IOB over :data:`LABELS` (``O`` for unknown or dropped types).

    Parameters
    ----------
    tag
        A raw tag such as ``B-PERS``, ``I-MIS1``, ``I--ORG``, ``OO``.
    label_map
        Type → label (``None`` drops the type). Defaults to the ANERcorp/AQMAR rules.
    """
    tag = tag.strip()
    if not tag or tag.upper() in {"O", "OO", "IO", "0"}:
        return "O"
    m = re.match(r"^([BIES])-+(.+)$", tag)
    if not m:
        return "O"
    prefix, etype = m.group(1), m.group(2).strip("`'-")
    if label_map is not None:
        label = label_map.get(etype)
    elif etype.upper() in _ANER_MAP:
        label = _ANER_MAP[etype.upper()]
    elif etype.upper().startswith("MIS") or etype.upper() in {"ENGLISH", "SPANISH"}:
        label = "MISC"
    else:
        label = None
    if label is None:
        return "O"
    return ("B" if prefix in "BS" else "I") + "-" + label


def repair_iob2(tags: Sequence[str]) -> list[str]:
    """Rewrite tags as IOB2: an ``I-X`` not continuing an ``X`` chunk becomes ``B-X``."""
    out: list[str] = []
    prev = "O"
    for tag in tags:
        if tag.startswith("I-") and (prev == "O" or prev[2:] != tag[2:]):
            tag = "B-" + tag[2:]
        out.append(tag)
        prev = tag
    return out


# --------------------------------------------------------------------------- readers


def _pairs(lines: Iterable[str]) -> Iterator[list[tuple[str, str]]]:
    """Blank-line separated blocks of ``(token, tag)`` pairs."""
    block: list[tuple[str, str]] = []
    for raw in lines:
        line = raw.replace("\ufeff", "").replace("\u200e", "").rstrip("\r\n")
        parts = line.split()
        if not parts:
            if block:
                yield block
                block = []
            continue
        if len(parts) == 1:
            # a token without tag (or a tag without token): keep the token, tag O
            parts = [parts[0], "O"]
        block.append((parts[0], parts[-1]))
    if block:
        yield block


def read_conll(
    path: Path | str,
    *,
    source: str = "",
    label_map: dict[str, str | None] | None = None,
) -> list[Sentence]:
    """Read a ``token tag`` file with blank lines between sentences.

    Tags are mapped with :func:`map_tag` and repaired with :func:`repair_iob2`.
    """
    path = Path(path)
    with path.open(encoding="utf-8-sig") as fh:
        return [
            Sentence(
                [t for t, _ in block],
                repair_iob2([map_tag(g, label_map) for _, g in block]),
                source or path.name,
            )
            for block in _pairs(fh)
        ]


def split_on_full_stop(tokens: Sequence[str], tags: Sequence[str], source: str) -> list[Sentence]:
    """Split a running token stream after each ``.`` token."""
    out: list[Sentence] = []
    start = 0
    for i, tok in enumerate(tokens):
        if tok in _SENTENCE_END:
            out.append(Sentence(list(tokens[start : i + 1]), repair_iob2(tags[start : i + 1]), source))
            start = i + 1
    if start < len(tokens):
        out.append(Sentence(list(tokens[start:]), repair_iob2(tags[start:]), source))
    return out


def read_anercorp_original(
    path: Path | str, start: int = 0, end: int | None = None, *, source: str = "anercorp"
) -> list[Sentence]:
    """Read tokens ``[start, end)`` of the original ANERcorp file, split into sentences."""
    tokens: list[str] = []
    tags: list[str] = []
    with Path(path).open(encoding="utf-8-sig") as fh:
        for line in fh:
            parts = line.split()
            if not parts:
                continue
            tokens.append(parts[0])
            tags.append(map_tag(parts[-1]) if len(parts) > 1 else "O")
    return split_on_full_stop(tokens[start:end], tags[start:end], source)


def read_aqmar(path: Path | str, *, source: str = "aqmar") -> list[Sentence]:
    """Read an AQMAR file (original or Liu 2019 split); ``MIS*`` and stray tags → ``MISC``."""
    return read_conll(path, source=source)


def read_newsfane(path: Path | str, *, source: str = "newsfane") -> list[Sentence]:
    """Read NewsFANE Gold (BOM, CRLF and U+200E stripped; fine types mapped)."""
    return read_conll(path, source=source, label_map=NEWSFANE_TYPE_MAP)
