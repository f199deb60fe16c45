"""Scores extraction and reply audits against the labelled corpus in tests/corpus (labels.json).

Three measures, each as precision and recall:
- extraction: the recommendation numbers found in each committee document;
- mapping: pairs (recommendation, the set of recommendations its passage answers), so a wrong group or a
  missed reply both count;
- disposition: pairs (recommendation, disposition) for the recommendations that were replied to.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from tracker.importing.audit import audit_reply
from tracker.importing.extract import extract_recommendations
from tracker.importing.readers import read_document

CORPUS = Path(__file__).resolve().parent / "corpus"


@dataclass
class Score:
    true_positive: int = 0
    false_positive: int = 0
    false_negative: int = 0

    def add(self, expected: set, found: set) -> None:
        self.true_positive += len(expected & found)
        self.false_positive += len(found - expected)
        self.false_negative += len(expected - found)

    @property
    def precision(self) -> float:
        found = self.true_positive + self.false_positive
        return self.true_positive / found if found else 1.0

    @property
    def recall(self) -> float:
        expected = self.true_positive + self.false_negative
        return self.true_positive / expected if expected else 1.0

    def line(self, name: str) -> str:
        return (
            f"{name:<12} precision {self.precision:.2f}  recall {self.recall:.2f}  "
            f"({self.true_positive} right, {self.false_positive} wrong, {self.false_negative} missed)"
        )


def labels() -> dict:
    return json.loads((CORPUS / "labels.json").read_text(encoding="utf-8"))


def score_corpus(reader=read_document, folder: Path = CORPUS) -> dict[str, Score]:
    data = labels()
    scores = {"extraction": Score(), "mapping": Score(), "disposition": Score()}
    for name, label in data["extraction"].items():
        found = {r.number for r in extract_recommendations(reader(folder / name)).recommendations}
        scores["extraction"].add(set(label["numbers"]), found)
    for name, label in data["audit"].items():
        committee = None  # without a committee list the reply's own restatements are used
        if label["committee"]:
            committee = list(extract_recommendations(reader(folder / label["committee"])).recommendations)
        audit = audit_reply(reader(folder / name), committee)
        expected_map = {
            (n, frozenset([n, *e["group"]])) for n, e in label["expected"].items() if e["status"] == "replied"
        }
        found_map = {
            (r.number, frozenset([r.number, *r.grouped_with]))
            for r in audit.recommendations
            if r.status == "replied"
        }
        scores["mapping"].add(expected_map, found_map)
        expected_disposition = {
            (n, e["disposition"]) for n, e in label["expected"].items() if e["disposition"]
        }
        found_disposition = {(r.number, r.disposition) for r in audit.recommendations if r.disposition}
        scores["disposition"].add(expected_disposition, found_disposition)
    return scores


if __name__ == "__main__":
    for measure, score in score_corpus().items():
        print(score.line(measure))
