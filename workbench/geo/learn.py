"""Learn the ranking weights from gold mentions (a conditional logit with a "none" option).

For every gold mention the resolver's own candidates and final ranking context are
recorded (:func:`collect`); the model scores candidate *i* with ``raw_i = F_i · w`` and
the "none of them" option with a learned constant, and is fitted by maximising the log
probability of the candidates that lie at the gold place (within 161 km, or within the
radius of a country/region candidate); a mention with no such candidate teaches "none".
The weights are pulled towards the hand-set :data:`workbench.geo.rank.WEIGHTS` (a
Gaussian prior), so features that the training data never exercises keep their
hand-set value. numpy only.

``scripts/train_geo_ranker.py`` rebuilds ``data/geo/ranker_weights.json`` with it.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from workbench.geo.evaluate import RADIUS_KM, GoldDocument
from workbench.geo.gazetteer import Gazetteer
from workbench.geo.rank import NIL_RAW, WEIGHTS, feature_matrix, haversine_km
from workbench.geo.resolve import resolve_places

__all__ = ["Example", "collect", "fit", "save_weights"]

_T = 0.5  # the softmax temperature of :func:`workbench.geo.rank.rank_candidates`


@dataclass(frozen=True)
class Example:
    """Features of one gold mention's candidates and which of them are right."""

    features: np.ndarray  # (n, k)
    positive: np.ndarray  # (n,) bool; none positive: the right answer is "none"


def collect(docs: Sequence[GoldDocument], gazetteer: Gazetteer) -> list[Example]:
    """Run the resolver on gold mentions and record candidate features and labels."""
    out: list[Example] = []
    for doc in docs:
        trace: list[Any] = []
        spans = [(m.start, m.end, "LOC") for m in doc.mentions]
        resolve_places(doc.text, spans, gazetteer, trace=trace)
        for m, it in zip(doc.mentions, trace, strict=True):
            if it.error or it.pinned is not None or not it.candidates or it.ctx is None:
                continue
            _, f = feature_matrix(it.candidates, it.ctx)
            pos = np.array(
                [
                    haversine_km(m.lat, m.lon, c.entry.latitude, c.entry.longitude)
                    <= max(RADIUS_KM, c.entry.radius_km)
                    for c in it.candidates
                ]
            )
            out.append(Example(f, pos))
    return out


def _loss_grad(
    theta: np.ndarray, examples: Sequence[Example], prior: np.ndarray, l2: float
) -> tuple[float, np.ndarray]:
    w, nil = theta[:-1], theta[-1]
    loss, grad = 0.0, np.zeros_like(theta)
    for ex in examples:
        z = np.append(ex.features @ w, nil) / _T
        z -= z.max()
        p = np.exp(z)
        p /= p.sum()
        target = np.append(ex.positive, not ex.positive.any()).astype(float)
        mass = float((p * target).sum())
        loss -= np.log(max(mass, 1e-12))
        # d(-log sum_pos p)/dz = p - p*target/mass
        dz = (p - p * target / max(mass, 1e-12)) / _T
        grad[:-1] += ex.features.T @ dz[:-1]
        grad[-1] += dz[-1]
    n = max(len(examples), 1)
    diff = theta - prior
    return loss / n + l2 * float(diff @ diff), grad / n + 2 * l2 * diff


def fit(
    examples: Sequence[Example],
    *,
    l2: float = 0.05,
    steps: int = 300,
    lr: float = 0.05,
    learn_nil: bool = False,
) -> tuple[dict[str, float], float, dict[str, float]]:
    """Fit the weights with Adam from the hand-set prior.

    With ``learn_nil`` false (the default) only mentions that have a right candidate are
    used and the "none" score keeps its hand-set value: the model learns to *order*
    candidates, while abstaining stays a product decision (unresolved mentions count as
    misses in accuracy@161 km, but a wrong far place misleads an analyst more).

    Returns
    -------
    weights, nil, info
        Feature weights (keys of :data:`WEIGHTS`), the "none" score, and the training
        loss before/after.
    """
    names = tuple(WEIGHTS)
    prior = np.array([*(WEIGHTS[k] for k in names), NIL_RAW])
    if not learn_nil:
        examples = [ex for ex in examples if ex.positive.any()]
    theta = prior.copy()
    m = np.zeros_like(theta)
    v = np.zeros_like(theta)
    first, _ = _loss_grad(theta, examples, prior, l2)
    for t in range(1, steps + 1):
        _, g = _loss_grad(theta, examples, prior, l2)
        if not learn_nil:
            g[-1] = 0.0
        m = 0.9 * m + 0.1 * g
        v = 0.999 * v + 0.001 * g * g
        theta -= lr * (m / (1 - 0.9**t)) / (np.sqrt(v / (1 - 0.999**t)) + 1e-8)
    last, _ = _loss_grad(theta, examples, prior, l2)
    weights = {k: round(float(x), 4) for k, x in zip(names, theta[:-1], strict=True)}
    return weights, round(float(theta[-1]), 4), {"loss_prior": first, "loss_fit": last}


def save_weights(path: Path, weights: dict[str, float], nil: float, meta: dict[str, Any]) -> None:
    """Write the learned weights file read by :func:`workbench.geo.rank.current_weights`."""
    payload = {"weights": weights, "nil_raw": nil, **meta}
    path.write_text(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
