"""Speed (and, with the corpora, accuracy) of the shipped Arabic NER model.

    .venv/bin/python benchmarks/bench_ner.py [--repeat 3]

Prints words/second for: the workbench tokenizer alone, tokenizer + normalizer +
ner (one process, batch 256), and the micro-F1 on the CAMeL test file when
../shared/data/ner is present. Without the corpora it times the sample articles
under data/articles (or a built-in paragraph).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from workbench.nlp.training.corpora import CorpusPaths, read_conll
from workbench.nlp.training.evaluate import evaluate_sentences, load_ner

_FALLBACK = (
    "أعلن اتحاد صناعة السيارات في ألمانيا أمس أن شركات صناعة السيارات في ألمانيا تواجه "
    "عاما صعبا ، وقال رئيس الاتحاد برند جوتشولك إن مستقبل السوق في برلين وفرانكفورت غامض ."
)


def _texts() -> tuple[list[str], object]:
    paths = CorpusPaths.default()
    if paths.camel_test.exists():
        sents = read_conll(paths.camel_test)
        return [s.text for s in sents], sents
    arts = sorted(Path("data/articles").glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in arts] or [_FALLBACK] * 500
    return texts, None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=None)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    nlp = load_ner(args.model)
    texts, sents = _texts()
    n_words = sum(len(t.split()) for t in texts)
    best_tok = best_all = best_cpu = float("inf")
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        for t in texts:
            nlp.tokenizer(t)
        best_tok = min(best_tok, time.perf_counter() - t0)
        t0, c0 = time.perf_counter(), time.process_time()
        for _doc in nlp.pipe(texts, batch_size=256):
            pass
        best_all = min(best_all, time.perf_counter() - t0)
        best_cpu = min(best_cpu, time.process_time() - c0)
    print(f"{len(texts)} texts, {n_words} whitespace words; best of {args.repeat}")
    print(f"tokenizer only          : {n_words / best_tok:>10,.0f} words/s (wall)")
    print(f"tokenizer+normalizer+ner: {n_words / best_all:>10,.0f} words/s (wall)")
    # On a shared machine the wall clock includes time the process waited for a core.
    print(f"tokenizer+normalizer+ner: {n_words / best_cpu:>10,.0f} words per CPU second")
    if sents is not None:
        res = evaluate_sentences(nlp, sents)
        print(f"CAMeL test micro-F1     : {res['micro']['f1']:.2f}")


if __name__ == "__main__":
    main()
