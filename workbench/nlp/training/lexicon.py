"""Build the NER model's name lists (``phrase<TAB>TYPE``) from sources outside the
evaluation data.

Sources (all under ``../shared`` or built by the project):

- **LOC**: the Arabic names of the workbench gazetteer (GeoNames cities, CLDR
  countries, Natural Earth admin-1), as built by ``workbench gazetteer build``;
- **FIRST** / **PER**: the AKhateeb given-name lists and family names (MIT);
- **PER / LOC / ORG / MISC**: Arabic Wikipedia article titles, typed by the first
  trigger noun of the article's opening words («ولد», «مدينة», «حزب», «فيلم» …);
- **FOREIGN**: Arabic transliterations of foreign names, read off Wikipedia's
  «Arabic words (Latin Words)» pattern: as many Arabic words as Latin capitalized words;
- word classes ``w:GIVEN``, ``w:FAM``, ``w:FOREIGN`` for single words: given names
  (the lists, and first words of person titles), family names (last words of person
  titles) and words of foreign names. They tag tokens that no phrase covers.

Every phrase is tokenized with the workbench tokenizer and stored as its tokens'
normalized forms joined by spaces, which is what :func:`workbench.nlp.features.lexicon_tags`
looks up. ANERcorp, AQMAR and NewsFANE are not read, so no test name leaks in.

Run: ``python -m workbench.nlp.training.lexicon --out training/lexicon.tsv``.
"""

from __future__ import annotations

import argparse
import gzip
import logging
import re
import sqlite3
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from workbench.articles.normalize import normalize_key
from workbench.paths import shared_dir

__all__ = [
    "build_lexicon",
    "build_silver_lexicon",
    "build_train_lexicon",
    "foreign_names",
    "type_title",
    "wiki_articles",
]

log = logging.getLogger(__name__)

WIKI = Path("data") / "raw-ar" / "arwiki-egy-arb-aligned" / "arwiki-20170120-ar-aligned.txt.gz"
NAMES = Path("data") / "lexicons" / "akhateeb-arabic-names"

_TRIGGERS: dict[str, tuple[str, ...]] = {
    "PER": (
        "ولد",
        "ولدت",
        "مواليد",
        "سياسي",
        "سياسية",
        "ممثل",
        "ممثلة",
        "لاعب",
        "لاعبة",
        "مغني",
        "مغنية",
        "مطرب",
        "مطربة",
        "كاتب",
        "كاتبة",
        "شاعر",
        "شاعرة",
        "صحفي",
        "صحفية",
        "محام",
        "مفكر",
        "مؤرخ",
        "فنان",
        "فنانة",
        "مخرج",
        "مخرجة",
        "طبيب",
        "قائد",
        "أمير",
        "أميرة",
        "توفي",
        "ملحن",
        "رسام",
        "عالم",
        "فيلسوف",
        "ملك",
        "ملكة",
        "خليفة",
        "سلطان",
        "بابا",
        "مدرب",
        "رجل",
        "امرأة",
        "اقتصادي",
        "دبلوماسي",
        "روائي",
        "أديب",
        "مهندس",
        "قاضي",
        "وزير",
        "ناشط",
        "ناشطة",
        "إعلامي",
        "إعلامية",
        "مذيع",
        "مذيعة",
        "داعية",
        "شيخ",
    ),
    "LOC": (
        "مدينة",
        "قرية",
        "بلدة",
        "دولة",
        "محافظة",
        "عاصمة",
        "منطقة",
        "جزيرة",
        "نهر",
        "جبل",
        "بحيرة",
        "إقليم",
        "ولاية",
        "مركز",
        "حي",
        "بلد",
        "صحراء",
        "واحة",
        "بحر",
        "خليج",
        "جمهورية",
        "مملكة",
        "إمارة",
        "مقاطعة",
        "ناحية",
        "قضاء",
        "سلسلة",
        "هضبة",
        "وادي",
        "شارع",
        "ميدان",
        "قارة",
        "مضيق",
        "قناة السويس",
        "بلدية",
        "كومونة",
    ),
    "ORG": (
        "شركة",
        "منظمة",
        "حزب",
        "نادي",
        "جامعة",
        "جمعية",
        "مؤسسة",
        "هيئة",
        "وكالة",
        "صحيفة",
        "جريدة",
        "قناة",
        "مجلة",
        "بنك",
        "فريق",
        "اتحاد",
        "جماعة",
        "حركة",
        "مجلس",
        "وزارة",
        "معهد",
        "منتخب",
        "مصرف",
        "أكاديمية",
        "محطة",
        "إذاعة",
        "تنظيم",
        "تحالف",
        "رابطة",
        "نقابة",
        "كلية",
        "مدرسة",
        "مستشفى",
    ),
    "MISC": (
        "فيلم",
        "مسلسل",
        "رواية",
        "كتاب",
        "أغنية",
        "ألبوم",
        "لغة",
        "عملة",
        "حرب",
        "معركة",
        "مهرجان",
        "بطولة",
        "جائزة",
        "ديانة",
        "سيارة",
        "مسرحية",
        "برنامج",
        "دوري",
        "كأس",
        "لعبة",
        "طائرة",
        "صاروخ",
        "ثورة",
        "اتفاقية",
        "معاهدة",
    ),
}
_TRIGGER_TYPE = {normalize_key(w): t for t, words in _TRIGGERS.items() for w in words}
_ARABIC_WORD = re.compile(r"[\u0621-\u064A\u0660-\u0669\u0671-\u06D3]+")
_FOREIGN = re.compile(
    r"((?:[\u0621-\u064A]+\s+){1,4})\((?:[\u0621-\u064A]+\s*:\s*)?"
    r"([A-Z][A-Za-z'\-]+(?:\s+[A-Z][A-Za-z'\-]+){0,3})\s*[),;،]"
)
_ARABIC_ONLY = re.compile(r"[\u0621-\u064A\u0671-\u06D3]{2,}")
_DATE_RANGE = re.compile(r"^\s*\(\s*(?:\d{1,2}\s+\S+\s+)?\d{3,4}")
_PAREN = re.compile(r"\([^)]*\)")


def wiki_articles(path: Path) -> Iterator[tuple[str, str]]:
    """(title, opening paragraph) of each article of the WikiExtractor dump."""
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        title = None
        for line in fh:
            if line.startswith("<doc "):
                m = re.search(r'title="([^"]*)"', line)
                title = m.group(1) if m else None
                waiting = True
                continue
            if title is None or line.startswith("</doc>"):
                continue
            text = line.strip()
            if not text or text == title:
                continue
            if waiting:
                yield title, text
                waiting = False


def type_title(title: str, opening: str) -> str | None:
    """PER/LOC/ORG/MISC from the first trigger noun near the start of the article."""
    head = title.split(" (")[0].strip()
    first = normalize_key(head.split(" ")[0]) if head else ""
    if first in _TRIGGER_TYPE and _TRIGGER_TYPE[first] in ("ORG", "MISC"):
        return _TRIGGER_TYPE[first]
    rest = opening
    if rest.startswith(head):
        rest = rest[len(head) :]
    if _DATE_RANGE.match(rest):
        return "PER"
    words = [normalize_key(w) for w in _ARABIC_WORD.findall(_PAREN.sub(" ", rest))[:20]]
    for w in words:
        stem = w[2:] if w.startswith("ال") and len(w) > 4 else w
        kind = _TRIGGER_TYPE.get(w) or _TRIGGER_TYPE.get(stem)
        if kind:
            return kind
    return None


def foreign_names(text: str) -> Iterator[str]:
    """Arabic transliterations of foreign names in «عربي (Latin)» patterns."""
    for m in _FOREIGN.finditer(text):
        latin = m.group(2).split()
        arabic = m.group(1).split()
        if len(arabic) >= len(latin):
            yield " ".join(arabic[-len(latin) :])


def _gazetteer_names(db: Path) -> Iterator[tuple[str, str]]:
    """(Arabic name, ``LOC`` for countries, regions and cities, ``LOC2`` for towns and
    villages); a name of both kinds is ``LOC``."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        rows = con.execute(
            "SELECT n.name, MIN(CASE WHEN p.kind IN ('country','region','city') THEN 0 ELSE 1 END)"
            " FROM names n JOIN places p USING(geonameid) WHERE n.script='ar' GROUP BY n.name"
        )
        for name, minor in rows:
            yield name, "LOC2" if minor else "LOC"
    finally:
        con.close()


def _read_lines(path: Path) -> list[str]:
    return [ln.strip().lstrip("\ufeff") for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]


def build_lexicon(out: Path, gazetteer: Path | None = None, min_foreign: int = 1) -> dict[str, int]:
    """Write ``out`` and return the number of phrases per type."""
    from workbench.nlp.training.convert import make_blank_nlp

    tokenizer = make_blank_nlp().tokenizer
    cache: dict[str, str] = {}

    def key(phrase: str) -> str:
        words = []
        for tok in tokenizer(phrase):
            t = tok.text
            n = cache.get(t)
            if n is None:
                n = cache[t] = normalize_key(t) or t
            words.append(n)
        return " ".join(words)

    entries: dict[str, str] = {}

    def add(phrase: str, kind: str, overwrite: bool = False) -> None:
        phrase = " ".join(phrase.split())
        if not phrase or len(phrase) < 3 or len(phrase.split()) > 5:
            return
        if not all(_ARABIC_ONLY.fullmatch(w) for w in phrase.split()):
            return
        k = key(phrase)
        if k and (overwrite or k not in entries):
            entries[k] = kind

    shared = shared_dir()
    wiki = shared / WIKI
    foreign: Counter[str] = Counter()
    titles: list[tuple[str, str]] = []
    if wiki.exists():
        for title, opening in wiki_articles(wiki):
            kind = type_title(title, opening)
            if kind:
                titles.append((title.split(" (")[0], kind))
        with gzip.open(wiki, "rt", encoding="utf-8") as fh:
            for line in fh:
                if "(" in line:
                    foreign.update(foreign_names(line))
    for phrase, n in foreign.items():
        # transliterated foreign names almost never carry the article «ال»
        if n >= min_foreign and not any(w.startswith("ال") for w in phrase.split()):
            add(phrase, "FOREIGN")
    if gazetteer is not None and gazetteer.exists():
        for name, kind in _gazetteer_names(gazetteer):
            add(name, kind, overwrite=True)
    names = shared / NAMES
    if names.exists():
        for f in ("male-first--names-in-arabic.txt", "female-first-names-in-arabic.txt"):
            for given in _read_lines(names / f):
                add(given, "FIRST", overwrite=True)
        for family in _read_lines(names / "last-names-in-arabic.txt"):
            add(family, "PER")
    for title, kind in titles:
        add(title, kind, overwrite=True)
        # «نادي أرسنال», «حزب الليكود», «مدينة الرقة»: news often drops the head noun
        head, _, rest = title.partition(" ")
        if rest and _TRIGGER_TYPE.get(normalize_key(head)) == kind and kind in ("ORG", "LOC"):
            add(rest, kind)
    # word classes for tokens that no phrase covers: given names, family names and
    # words of transliterated foreign names
    votes: dict[str, Counter[str]] = {}
    for phrase, kind in entries.items():
        words = phrase.split(" ")
        if kind == "FIRST":
            votes.setdefault(words[0], Counter())["w:GIVEN"] += 3
        elif kind == "PER" and len(words) >= 2:
            votes.setdefault(words[0], Counter())["w:GIVEN"] += 1
            votes.setdefault(words[-1], Counter())["w:FAM"] += 1
        elif kind == "FOREIGN":
            for w in words:
                votes.setdefault(w, Counter())["w:FOREIGN"] += 1
    for word, counter in votes.items():
        if len(word) >= 2 and word not in entries:
            entries[word] = counter.most_common(1)[0][0]
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as fh:
        for k in sorted(entries):
            fh.write(f"{k}\t{entries[k]}\n")
    return dict(Counter(entries.values()))


def build_train_lexicon(docbins: list[Path], out: Path, folds: int = 5) -> int:
    """Write the train-entity lexicon: every gold entity of ``docbins`` (normalized
    words) with its majority label, a reliability mark (``:hi`` when the phrase is an
    entity in at least half of its occurrences in the training text, else ``:lo``)
    and the bitmask of folds (``hash(sentence) % folds``) it occurs in. See
    :func:`workbench.nlp.features.feature_extractor` for how the folds are used."""
    import spacy
    from spacy.strings import hash_string  # type: ignore[attr-defined]
    from spacy.tokens import DocBin

    vocab = spacy.blank("ar").vocab
    cache: dict[str, str] = {}

    def norm(t: str) -> str:
        n = cache.get(t)
        if n is None:
            n = cache[t] = normalize_key(t) or t
        return n

    labels: dict[str, Counter[str]] = {}
    masks: dict[str, int] = {}
    sentences: list[list[str]] = []
    for path in docbins:
        for doc in DocBin().from_disk(path).get_docs(vocab):
            fold = hash_string(doc.text) % folds
            norms = [norm(t.text) for t in doc]
            sentences.append(norms)
            for ent in doc.ents:
                key = " ".join(norms[ent.start : ent.end])
                labels.setdefault(key, Counter())[ent.label_] += 1
                masks[key] = masks.get(key, 0) | (1 << fold)
    total: Counter[str] = Counter()
    for norms in sentences:
        for i in range(len(norms)):
            for n in range(1, 6):
                key = " ".join(norms[i : i + n])
                if key in labels:
                    total[key] += 1
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as fh:
        for key in sorted(labels):
            label, _ = labels[key].most_common(1)[0]
            n_ent = sum(labels[key].values())
            mark = "hi" if n_ent * 2 >= max(total[key], 1) else "lo"
            fh.write(f"{key}\t{label}:{mark}\t{masks[key]}\n")
    return len(labels)


def build_silver_lexicon(
    model: Path,
    text: Path,
    out: Path,
    base: Path | None = None,
    min_count: int = 2,
    min_share: float = 0.7,
    n_process: int = 2,
) -> dict[str, int]:
    """Add "silver" names to the lexicon ``base`` and write ``out``.

    ``model`` (a NER model trained on the training sets only) tags every paragraph of
    ``text`` (the prepared Wikipedia text, one paragraph per line); an entity string
    seen at least ``min_count`` times with one label in at least ``min_share`` of them
    becomes a ``S-LABEL`` phrase (``SPER``, ``SLOC`` …), unless a curated list has it.
    """
    from workbench.nlp.training.evaluate import load_ner

    nlp = load_ner(model)
    votes: dict[str, Counter[str]] = {}
    with text.open(encoding="utf-8") as fh:
        lines = (ln.strip() for ln in fh)
        for doc in nlp.pipe((ln for ln in lines if ln), batch_size=64, n_process=n_process):
            for ent in doc.ents:
                if len(ent) > 5:
                    continue
                key = " ".join(t.norm_ for t in ent)
                if all(_ARABIC_ONLY.fullmatch(w) for w in key.split(" ")):
                    votes.setdefault(key, Counter())[ent.label_] += 1
    from workbench.nlp.features import Lexicon

    entries = Lexicon.from_tsv(base).entries if base is not None and base.exists() else {}
    added: Counter[str] = Counter()
    for key, counter in votes.items():
        label, n = counter.most_common(1)[0]
        total = sum(counter.values())
        if total >= min_count and n >= min_share * total and key not in entries:
            entries[key] = f"S{label}"
            added[f"S{label}"] += 1
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as fh:
        for k in sorted(entries):
            fh.write(f"{k}\t{entries[k]}\n")
    return dict(added)


def main(argv: list[str] | None = None) -> int:
    from workbench.geo.paths import default_gazetteer_path

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=Path("training/lexicon.tsv"))
    parser.add_argument(
        "--gazetteer", type=Path, default=None, help="gazetteer SQLite (default: the built one)"
    )
    parser.add_argument(
        "--train-lexicon",
        nargs="+",
        type=Path,
        default=None,
        metavar="DOCBIN",
        help="instead: write the train-entity lexicon of these training DocBins to --out",
    )
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument(
        "--silver",
        nargs=3,
        type=Path,
        default=None,
        metavar=("MODEL", "TEXT", "BASE"),
        help="instead: add names MODEL finds in TEXT to the lexicon BASE, write --out",
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if args.silver:
        model, text, base = args.silver
        added = build_silver_lexicon(model, text, args.out, base)
        print(f"{args.out}: added {added}")
        return 0
    if args.train_lexicon:
        n = build_train_lexicon(args.train_lexicon, args.out, args.folds)
        print(f"{args.out}: {n} training entities")
        return 0
    gaz = args.gazetteer or default_gazetteer_path()
    counts = build_lexicon(args.out, gaz)
    print(f"{args.out}: {sum(counts.values())} phrases {counts}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
