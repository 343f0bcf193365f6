"""Small floret vectors trained here on the Arabic Wikipedia text in ``../shared``.

Steps (``make train-ner`` runs them once; outputs go under ``training/``):

1. :func:`prepare_text` — the WikiExtractor dump → one paragraph per line,
   tokenized with the workbench tokenizer (proclitics split as at run time) and
   written in the normalized form that ``token.norm_`` carries.
2. :func:`train_floret` — floret CBOW in *floret mode*: words and character
   3–5-grams share a small hashed table (e.g. 50,000 rows), so the vectors stay a
   few megabytes and every word, even unseen, gets a vector.
3. ``spacy init vectors ar FILE DIR --mode floret --attr NORM`` (see
   :func:`init_vectors`), so the NER model looks vectors up by ``token.norm_``.
"""

from __future__ import annotations

import argparse
import gzip
import logging
import subprocess
import sys
import time
from pathlib import Path

from workbench.paths import shared_dir

__all__ = ["init_vectors", "prepare_text", "train_floret", "write_pretrain_jsonl"]

log = logging.getLogger(__name__)

WIKI = Path("data") / "raw-ar" / "arwiki-egy-arb-aligned" / "arwiki-20170120-ar-aligned.txt.gz"


def prepare_text(src: Path, out: Path, max_lines: int | None = None) -> int:
    """Write tokenized, normalized paragraphs of ``src`` to ``out``; return token count."""
    from workbench.nlp.training.convert import make_blank_nlp

    nlp = make_blank_nlp()
    tokenizer = nlp.tokenizer
    from workbench.articles.normalize import normalize_key

    cache: dict[str, str] = {}
    n_tokens = 0
    out.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(src, "rt", encoding="utf-8") as fh, out.open("w", encoding="utf-8") as dst:
        for i, line in enumerate(fh):
            if max_lines is not None and i >= max_lines:
                break
            line = line.strip()
            if not line or line.startswith("<doc ") or line.startswith("</doc>"):
                continue
            words = []
            for tok in tokenizer(line):
                t = tok.text
                norm = cache.get(t)
                if norm is None:
                    norm = normalize_key(t).replace(" ", "") or t
                    if len(cache) < 500_000:
                        cache[t] = norm
                words.append(norm)
            n_tokens += len(words)
            dst.write(" ".join(words) + "\n")
    return n_tokens


def write_pretrain_jsonl(text: Path, out: Path, *, every: int = 4, max_words: int = 200) -> int:
    """JSONL for ``spacy pretrain``: every ``every``-th paragraph of ``text`` in chunks of
    at most ``max_words`` words (at least 5). Returns the number of words written."""
    import json

    n_words = 0
    with text.open(encoding="utf-8") as src, out.open("w", encoding="utf-8") as dst:
        k = 0
        for line in src:
            words = line.split()
            if len(words) < 5:
                continue
            for i in range(0, len(words), max_words):
                chunk = words[i : i + max_words]
                if len(chunk) < 5:
                    continue
                k += 1
                if k % every == 0:
                    dst.write(json.dumps({"text": " ".join(chunk)}, ensure_ascii=False) + "\n")
                    n_words += len(chunk)
    return n_words


def train_floret(
    text: Path,
    out_prefix: Path,
    *,
    dim: int = 80,
    bucket: int = 50_000,
    epoch: int = 5,
    min_count: int = 5,
    seed_threads: int = 1,
    model: str = "cbow",
) -> Path:
    """Train floret vectors on ``text``; return the ``.floret`` vector file."""
    try:
        import floret
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError("floret is needed to train vectors: pip install floret") from exc

    ft = floret.train_unsupervised(
        str(text),
        model=model,
        mode="floret",
        hashCount=2,
        bucket=bucket,
        minn=3,
        maxn=5,
        dim=dim,
        epoch=epoch,
        minCount=min_count,
        thread=seed_threads,
        verbose=1,
    )
    out_prefix.parent.mkdir(parents=True, exist_ok=True)
    path = out_prefix.with_suffix(".floret")
    ft.save_floret_vectors(str(path))
    return path


def init_vectors(floret_file: Path, out_dir: Path) -> None:
    """``spacy init vectors`` in floret mode, looked up by ``NORM``."""
    subprocess.run(
        [
            sys.executable, "-m", "spacy", "init", "vectors", "ar", str(floret_file),
            str(out_dir), "--mode", "floret", "--attr", "NORM", "--name", "workbench_ar_floret",
        ],
        check=True,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Train floret vectors for the Arabic NER model.")
    parser.add_argument("--shared", type=Path, default=shared_dir())
    parser.add_argument("--work", type=Path, default=Path("training/vectors"))
    parser.add_argument("--dim", type=int, default=80)
    parser.add_argument("--bucket", type=int, default=50_000)
    parser.add_argument("--epoch", type=int, default=5)
    parser.add_argument("--model", choices=("cbow", "skipgram"), default="cbow")
    parser.add_argument(
        "--out", type=Path, default=None, help="spaCy vectors folder (default: WORK/spacy)"
    )
    parser.add_argument("--max-lines", type=int, default=None)
    parser.add_argument(
        "--pretrain-jsonl", type=Path, default=None,
        help="also write this JSONL of every 4th paragraph for spacy pretrain",
    )
    parser.add_argument("--no-floret", action="store_true", help="only prepare the text")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    text = args.work / "wiki.norm.txt"
    t0 = time.time()
    if not text.exists():
        n = prepare_text(args.shared / WIKI, text, args.max_lines)
        log.info("prepared %d tokens in %.0f s", n, time.time() - t0)
    if args.pretrain_jsonl:
        n = write_pretrain_jsonl(text, args.pretrain_jsonl)
        log.info("wrote %d words for pretraining to %s", n, args.pretrain_jsonl)
    if args.no_floret:
        return 0
    t1 = time.time()
    suffix = "" if args.model == "cbow" else f"_{args.model}"
    vec = train_floret(
        text, args.work / f"floret_d{args.dim}_b{args.bucket}_e{args.epoch}{suffix}", dim=args.dim,
        bucket=args.bucket, epoch=args.epoch, model=args.model,
    )
    log.info("floret trained in %.0f s", time.time() - t1)
    init_vectors(vec, args.out or args.work / "spacy")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
