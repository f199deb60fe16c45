"""A panel's report written as prose: what the panel did, clause by clause, some of them asks.

    The Panel:
    considered the Commissioner's proposal to raise the precept by 5%;
    suggested that the Commissioner publish how the extra money will be spent;
    asked the Commissioner to report back on rural response times;
    noted the Chief Constable's comments.

or the same on one line ("The Panel: considered …; suggested that …; asked the Commissioner to …"). Each
clause that asks (suggested, asked … to, recommended, requested, urged, called on) becomes a recommendation,
numbered by the app in document order; what the panel considered, noted or welcomed does not. A clause that
runs on into another sentence ("… at length. Members welcomed …") is running prose wrapped at a line that
happens to start "suggested", not a list of the panel's clauses: that passage gives nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tracker.importing.layouts import Found, LineLike, app_numbered

_SUBJECT = re.compile(
    r"^(?P<subject>(?:The|This)\s+(?:Police\s+(?:and|&)\s+Crime\s+)?(?:Panel|Committee|Sub-Committee|Board))\s*"
    r"(?:[:–—-]\s*|\s+(?=(?:considered|suggested|asked|recommended|requested|urged|called|noted)\b))(?P<rest>.*)$",
    re.I,
)
_ASKING_CLAUSE = re.compile(
    r"^(?:suggested|recommended|requested|urged|proposed|advised)\s+(?:that\s+)?\S"
    r"|^(?:asked|requested|urged|invited|encouraged)\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,4}\s+to\s+\S"
    r"|^called\s+(?:on|upon)\s+",
)
_NEXT_SENTENCE = re.compile(r"[.!?]\s+[A-Z]")
_CLAUSE_END = re.compile(r"[.;:!?,]\s*$|\band\s*$")
_CLAUSE_START = re.compile(
    r"^(?:considered|suggested|asked|recommended|requested|urged|proposed|advised|invited|encouraged|called|"
    r"noted|welcomed|received|agreed|thanked|discussed|questioned|supported|endorsed|resolved)\b"
)


def prose_asks(lines: Sequence[LineLike]) -> list[Found]:
    """The asks in the first "The Panel: …" passage whose clauses include at least one ask."""
    for index, line in enumerate(lines):
        m = _SUBJECT.match(line.text) if line.kind in ("text", "section") else None
        if m is None:
            continue
        clauses = _clauses(m.group("rest"), line.start + line.text.find(m.group("rest")), line.end)
        last, runs_on = line.text, False
        for other in lines[index + 1 :]:
            if other.kind == "blank" and clauses:
                last = ""
                continue
            text = other.rest if other.kind in ("bullet", "sub") else other.text
            if other.kind not in ("text", "bullet", "sub") or not _CLAUSE_START.match(text):
                # "The Panel recommended that …" cut mid-sentence by the line's end goes on in the next line:
                # running prose, not the panel's clauses
                runs_on = last is line.text and other.kind == "text" and not _CLAUSE_END.search(last)
                break
            clauses.extend(_clauses(text, other.start, other.end))
            last = text
        if runs_on or any(_NEXT_SENTENCE.search(clause) for _, _, clause in clauses):
            continue  # running prose, not the panel's clauses
        subject = m.group("subject")
        asks = [
            (start, end, f"{subject} {clause}")
            for start, end, clause in clauses
            if _ASKING_CLAUSE.match(clause)
        ]
        if asks:
            return app_numbered(asks)
    return []


def _clauses(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """The clauses of a line cut at its semicolons, each ended with a full stop, with where each lies."""
    out = []
    offset = start
    for part in text.split(";"):
        clause = part.strip().rstrip(".").strip()
        lead = len(part) - len(part.lstrip())
        if clause and _CLAUSE_START.match(clause):
            out.append((offset + lead, min(end, offset + len(part.rstrip())), clause + "."))
        offset += len(part) + 1
    return out
