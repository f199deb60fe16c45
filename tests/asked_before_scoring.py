"""Score "asked before" suggestions against the hand-labelled pairs in tests/corpus/asked_before.json.

For each labelled recommendation, the first suggestion (the most similar earlier recommendation of the same
panel, if its score is 0.5 or more) is right when the labels name it. Precision: right first suggestions over
all first suggestions made; recall: right first suggestions over recommendations that were asked before.

Run: `.venv/bin/python tests/asked_before_scoring.py` (prints the figures for each set and overall).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LABELS = ROOT / "tests" / "corpus" / "asked_before.json"
DEMO = ROOT / "resources" / "demo" / "london.json"


def panels() -> dict[str, list[tuple[str, str, str]]]:
    """Each labelled panel's recommendations, oldest cycle first: (key "cycle/number", text, theme)."""
    data = json.loads(LABELS.read_text(encoding="utf-8"))
    invented = [
        (f"{cycle}/{number}", text, theme)
        for cycle, recs in sorted(data["invented"].items())
        for number, text, theme in recs
    ]
    demo = json.loads(DEMO.read_text(encoding="utf-8"))
    london = [
        (f"{c['id']}/{r['number']}", r["text"], r.get("theme", ""))
        for c in sorted(demo["cycles"], key=lambda c: c["id"])
        for r in c.get("recommendations", [])
    ]
    return {"invented": invented, "london": london}


def labels() -> dict[str, list[str]]:
    return json.loads(LABELS.read_text(encoding="utf-8"))["labels"]


Suggest = Callable[[list[tuple[str, str, str]]], dict[str, list[tuple[str, float]]]]


def tfidf_suggest(recs: list[tuple[str, str, str]]) -> dict[str, list[tuple[str, float]]]:
    """The app's own method: earlier = a cycle that sorts before (the labelled cycles are named by year)."""
    from tracker.domain.similarity import Index

    index = Index([text for _, text, _ in recs], [theme for _, _, theme in recs])
    out = {}
    for i, (key, _, _) in enumerate(recs):
        cycle = key.split("/")[0]
        earlier = [j for j, (other, _, _) in enumerate(recs) if other.split("/")[0] < cycle]
        out[key] = [(recs[j][0], score) for j, score in index.nearest(i, earlier)]
    return out


def score(suggest: Suggest = tfidf_suggest, line: float = 0.5) -> dict[str, dict[str, float]]:
    gold = labels()
    results = {}
    total = {"suggested": 0, "right": 0, "asked_before": 0}
    for name, recs in panels().items():
        found = suggest(recs)
        counts = {"suggested": 0, "right": 0, "asked_before": 0}
        for key, truth in gold.items():
            if key not in found:
                continue
            counts["asked_before"] += bool(truth)
            first = next(((other, s) for other, s in found[key] if s >= line), None)
            if first is not None:
                counts["suggested"] += 1
                counts["right"] += first[0] in truth
        for k in total:
            total[k] += counts[k]
        results[name] = counts
    results["all"] = total
    for counts in results.values():
        counts["precision"] = counts["right"] / counts["suggested"] if counts["suggested"] else 1.0
        counts["recall"] = counts["right"] / counts["asked_before"] if counts["asked_before"] else 1.0
    return results


if __name__ == "__main__":
    import sys

    sys.path.insert(0, str(ROOT))
    for name, counts in score().items():
        print(
            f"{name:9s} precision {counts['precision']:.2f} recall {counts['recall']:.2f} "
            f"({counts['right']} right of {counts['suggested']} suggested; {counts['asked_before']} asked before)"
        )
