"""Score the reader on real public documents: `python tests/real_documents/score.py [FOLDER] [--labels FILE]`.

The labels (sources.json) were made by hand from each document; the documents themselves are not kept in
the repository. FOLDER (or TRACKER_REAL_DOCS) holds local copies named as in the labels; documents that
are not there are left out of the figures, and the script says how many were scored.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent


@dataclass
class Score:
    documents: int = 0
    right: int = 0
    wrong: int = 0
    missed: int = 0
    refused: int = 0
    pair_right: int = 0
    pair_wrong: int = 0
    pair_missed: int = 0
    dates_right: int = 0
    dates_wrong: int = 0  # a date given that is not the document's own (an unlabelled date counts too)
    detail: list[str] = field(default_factory=list)

    def precision(self) -> float:
        return self.right / (self.right + self.wrong) if self.right + self.wrong else 1.0

    def recall(self) -> float:
        return self.right / (self.right + self.missed) if self.right + self.missed else 1.0


def _numbers(extracted) -> list[str | None]:
    return [None if r.label.endswith("(numbered by the app)") else r.number for r in extracted]


def _labels(path: Path) -> list[dict]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return data["documents"] if isinstance(data, dict) else data  # {"documents": [...]} or the bare list


def score(folder: Path, labels_file: Path = HERE / "sources.json") -> Score:
    sys.path.insert(0, str(HERE.parents[1]))
    from tracker.errors import TrackerError
    from tracker.importing.audit import audit_reply
    from tracker.importing.extract import extract_recommendations
    from tracker.importing.readers import read_document

    labels = _labels(labels_file)
    result = Score()
    for label in labels:
        path = folder / label["file"]
        if not path.is_file():
            continue
        result.documents += 1
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
        except TrackerError as exc:
            found = []
            result.refused += 1
            result.detail.append(f"{label['file']}: refused ({exc})")
        # a label is a number, or null for one the document does not number, or {"number": ...}
        wanted = [n.get("number") if isinstance(n, dict) else n for n in label["recommendations"]]
        unnumbered_wanted = sum(1 for n in wanted if n is None)
        numbered_wanted = {str(n) for n in wanted if n is not None}
        unnumbered_found = sum(1 for n in found if n is None)
        numbered_found = {str(n) for n in found if n is not None}
        right = len(numbered_wanted & numbered_found) + min(unnumbered_wanted, unnumbered_found)
        wrong = len(numbered_found - numbered_wanted) + max(0, unnumbered_found - unnumbered_wanted)
        missed = len(numbered_wanted - numbered_found) + max(0, unnumbered_wanted - unnumbered_found)
        result.right += right
        result.wrong += wrong
        result.missed += missed
        if wrong or missed:
            result.detail.append(f"{label['file']}: wanted {wanted}, found {found}")
        if label["kind"] in ("reply", "both") and label["replies"]:
            try:
                audit = audit_reply(read_document(path), None)
                pairs = {tuple(sorted(str(n) for n in p.numbers)) for p in audit.passages}
            except TrackerError:
                pairs = set()
            wanted_pairs = {tuple(sorted(str(n) for n in p if n is not None)) for p in label["replies"]}
            wanted_pairs.discard(())
            result.pair_right += len(wanted_pairs & pairs)
            result.pair_missed += len(wanted_pairs - pairs)
            result.pair_wrong += len(pairs - wanted_pairs)
    return result


def main(argv: list[str]) -> int:
    args = list(argv[1:])
    labels_file = HERE / "sources.json"
    if "--labels" in args:  # another set of labels, e.g. documents held out from all tuning
        at = args.index("--labels")
        labels_file = Path(args[at + 1])
        del args[at : at + 2]
    folder = Path(args[0]) if args else Path(os.environ.get("TRACKER_REAL_DOCS", ""))
    if not folder.is_dir():
        print("No folder of local copies: pass one, or set TRACKER_REAL_DOCS.", file=sys.stderr)
        return 2
    result = score(folder, labels_file)
    labelled = len(_labels(labels_file))
    print(f"Real documents scored: {result.documents} (of {labelled} labelled)")
    print(
        f"  extraction  precision {result.precision():.2f}  recall {result.recall():.2f}  "
        f"({result.right} right, {result.wrong} wrong, {result.missed} missed; {result.refused} refused)"
    )
    print(
        f"  reply mapping  {result.pair_right} pairs right, {result.pair_wrong} wrong, {result.pair_missed} missed"
    )
    print(f"  document date  {result.dates_right} right, {result.dates_wrong} wrong or missing")
    for line in result.detail:
        print("   ", line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
