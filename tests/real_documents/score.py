"""Score the reader on real public documents.

    python tests/real_documents/score.py [FOLDER] [--labels FILE] [--split tune|holdout]

The labels (sources.json, holdout.json, round3.json) were made by hand from each document; the documents
themselves are not kept in the repository. FOLDER (or TRACKER_REAL_DOCS) holds local copies named as in the
labels; documents that are not there are left out of the figures, and the script says how many were scored.

A label file may give each document a "split" ("tune" or "holdout"); --split scores only that part. A reply
document may name, under "answers", the file of the report it answers: the reader's recommendations for that
report are then passed to the reply audit, as the app does when a reply is read against its report.

Reply mapping is counted per (passage, number): for each number, the k-th reply passage the reader ties to it
is right when the labels have at least k passages answering that number, and wrong otherwise; labelled
passages left over are missed. (Unnumbered answers, null in the labels, count against passages the reader
found without a number.) The older whole-group count (a passage's set of numbers equal to a labelled one) is
still printed for comparison with earlier figures.
"""

from __future__ import annotations

import json
import os
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent


@dataclass
class Score:
    documents: int = 0
    right: int = 0
    wrong: int = 0
    missed: int = 0
    refused: int = 0  # the reader raised a TrackerError
    empty: int = 0  # no error, but nothing found in a document that has labelled recommendations
    pair_right: int = 0  # whole-group count (older figure)
    pair_wrong: int = 0
    pair_missed: int = 0
    map_right: int = 0  # per (passage, number)
    map_wrong: int = 0
    map_missed: int = 0
    dates_right: int = 0
    dates_wrong: int = 0  # a date given that is not the document's own (an unlabelled date counts too)
    detail: list[str] = field(default_factory=list)

    def precision(self) -> float:
        return _ratio(self.right, self.right + self.wrong)

    def recall(self) -> float:
        return _ratio(self.right, self.right + self.missed)

    def map_precision(self) -> float:
        return _ratio(self.map_right, self.map_right + self.map_wrong)

    def map_recall(self) -> float:
        return _ratio(self.map_right, self.map_right + self.map_missed)

    def refusals(self) -> int:
        return self.refused + self.empty


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 1.0


def extraction_counts(wanted: list[str | None], found: list[str | None]) -> tuple[int, int, int]:
    """(right, wrong, missed) for recommendation numbers; None is one the document does not number."""
    unnumbered_wanted = sum(1 for n in wanted if n is None)
    numbered_wanted = {str(n) for n in wanted if n is not None}
    unnumbered_found = sum(1 for n in found if n is None)
    numbered_found = {str(n) for n in found if n is not None}
    right = len(numbered_wanted & numbered_found) + min(unnumbered_wanted, unnumbered_found)
    wrong = len(numbered_found - numbered_wanted) + max(0, unnumbered_found - unnumbered_wanted)
    missed = len(numbered_wanted - numbered_found) + max(0, unnumbered_wanted - unnumbered_found)
    return right, wrong, missed


def _answer_counts(passages: list[list[str | None]] | list[tuple[str, ...]]) -> Counter:
    counts: Counter = Counter()
    for numbers in passages:
        named = [str(n) for n in numbers if n is not None]
        if named:
            counts.update(set(named))
        else:  # an answer to a recommendation the document does not number
            counts[None] += 1
    return counts


def mapping_counts(labelled: list[list[str | None]], found: list[tuple[str, ...]]) -> tuple[int, int, int]:
    """(right, wrong, missed) over (passage, number) pairs: labelled passages vs the reader's passages."""
    want, got = _answer_counts(labelled), _answer_counts(found)
    right = sum(min(want[n], got[n]) for n in set(want) | set(got))
    wrong = sum(max(0, got[n] - want[n]) for n in got)
    missed = sum(max(0, want[n] - got[n]) for n in want)
    return right, wrong, missed


def group_counts(labelled: list[list[str | None]], found: list[tuple[str, ...]]) -> tuple[int, int, int]:
    """The older whole-group figure: a passage is right when its set of numbers equals a labelled one."""
    pairs = {tuple(sorted(str(n) for n in p)) for p in found}
    wanted = {tuple(sorted(str(n) for n in p if n is not None)) for p in labelled}
    wanted.discard(())
    return len(wanted & pairs), len(pairs - wanted), len(wanted - pairs)


def _numbers(extracted) -> list[str | None]:
    return [None if r.label.endswith("(numbered by the app)") else r.number for r in extracted]


def _labels(path: Path) -> list[dict]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return data["documents"] if isinstance(data, dict) else data  # {"documents": [...]} or the bare list


def score(folder: Path, labels_file: Path = HERE / "sources.json", split: str | None = None) -> Score:
    sys.path.insert(0, str(HERE.parents[1]))
    from tracker.errors import TrackerError
    from tracker.importing.audit import audit_reply
    from tracker.importing.extract import extract_recommendations
    from tracker.importing.readers import read_document

    labels = _labels(labels_file)
    result = Score()
    for label in labels:
        if split is not None and label.get("split") != split:
            continue
        path = folder / label["file"]
        if not path.is_file():
            continue
        result.documents += 1
        # a label is a number, or null for one the document does not number, or {"number": ...}
        wanted = [n.get("number") if isinstance(n, dict) else n for n in label["recommendations"]]
        try:
            document = read_document(path)
            extraction = extract_recommendations(document)
            found = _numbers(extraction.recommendations)
            given = extraction.document.date.isoformat() if extraction.document.date else None
            if given is not None or label["date"] is not None:
                if given == label["date"]:
                    result.dates_right += 1
                else:
                    result.dates_wrong += 1
                    result.detail.append(f"{label['file']}: date {given}, labelled {label['date']}")
            if wanted and not found:
                result.empty += 1
                result.detail.append(f"{label['file']}: nothing found, {len(wanted)} labelled")
        except TrackerError as exc:
            found = []
            result.refused += 1
            result.detail.append(f"{label['file']}: refused ({exc})")
        right, wrong, missed = extraction_counts(wanted, found)
        result.right += right
        result.wrong += wrong
        result.missed += missed
        if wrong or missed:
            result.detail.append(f"{label['file']}: wanted {wanted}, found {found}")
        if label["kind"] in ("reply", "both") and label["replies"]:
            try:
                recommendations = None
                if label.get("answers") and (folder / label["answers"]).is_file():
                    report = read_document(folder / label["answers"])
                    recommendations = list(extract_recommendations(report).recommendations)
                audit = audit_reply(read_document(path), recommendations)
                passages = [tuple(str(n) for n in p.numbers) for p in audit.passages]
            except TrackerError:
                passages = []
            g_right, g_wrong, g_missed = group_counts(label["replies"], passages)
            result.pair_right += g_right
            result.pair_wrong += g_wrong
            result.pair_missed += g_missed
            m_right, m_wrong, m_missed = mapping_counts(label["replies"], passages)
            result.map_right += m_right
            result.map_wrong += m_wrong
            result.map_missed += m_missed
            if m_wrong or m_missed:
                result.detail.append(
                    f"{label['file']}: reply passages labelled {label['replies']}, found {[list(p) for p in passages]}"
                )
    return result


def main(argv: list[str]) -> int:
    args = list(argv[1:])
    labels_file = HERE / "sources.json"
    split = None
    if "--labels" in args:  # another set of labels, e.g. documents held out from all tuning
        at = args.index("--labels")
        labels_file = Path(args[at + 1])
        del args[at : at + 2]
    if "--split" in args:
        at = args.index("--split")
        split = args[at + 1]
        del args[at : at + 2]
        if split not in ("tune", "holdout"):
            print("--split is tune or holdout.", file=sys.stderr)
            return 2
    folder = Path(args[0]) if args else Path(os.environ.get("TRACKER_REAL_DOCS", ""))
    if not folder.is_dir():
        print("No folder of local copies: pass one, or set TRACKER_REAL_DOCS.", file=sys.stderr)
        return 2
    result = score(folder, labels_file, split)
    labels = _labels(labels_file)
    labelled = len([d for d in labels if split is None or d.get("split") == split])
    part = f" [{split}]" if split else ""
    print(f"Real documents scored{part}: {result.documents} (of {labelled} labelled)")
    print(
        f"  extraction  precision {result.precision():.2f}  recall {result.recall():.2f}  "
        f"({result.right} right, {result.wrong} wrong, {result.missed} missed; {result.refused} refused)"
    )
    print(
        f"  reply mapping  {result.pair_right} pairs right, {result.pair_wrong} wrong, {result.pair_missed} missed"
    )
    print(
        f"  reply mapping per (passage, number)  precision {result.map_precision():.2f}  "
        f"recall {result.map_recall():.2f}  ({result.map_right} right, {result.map_wrong} wrong, "
        f"{result.map_missed} missed)"
    )
    print(
        f"  refusals  {result.refusals()} of {result.documents} documents "
        f"({result.refused} errors, {result.empty} with nothing found though recommendations are labelled)"
    )
    print(f"  document date  {result.dates_right} right, {result.dates_wrong} wrong or missing")
    for line in result.detail:
        print("   ", line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
