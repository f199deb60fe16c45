"""Recommendation audit: one row per recommendation and sub-point, missing replies first, totals per disposition."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from functools import cache
from typing import TYPE_CHECKING

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from tracker.domain import DISPOSITIONS, Status
from tracker.domain.numbers import subpoint_letter
from tracker.reports.common import (
    FONT_BOLD,
    MARGIN,
    STATUS_FILL,
    CellParagraph,
    Heading,
    ReportSettings,
    build_pdf,
    cell,
    date_long,
    date_short,
    esc,
    header_cells,
    para,
    stylesheet,
    table,
    title_block,
)
from tracker.services.dto import CycleDetail, RecommendationRow

if TYPE_CHECKING:
    from tracker.services.asked_before import AskedBefore

WIDTH = 210 * mm - 2 * MARGIN
# No., reply (with what it was grouped with), disposition; the recommendation takes what the others leave, so
# an ordinary word never breaks across lines. "Asked before" gets a column only when a row has a match: then
# the follow-up and its due day share one column to make room for it.
LEAD = [10 * mm, 26 * mm, 23 * mm]
WIDTHS = [*LEAD, WIDTH - 112 * mm, 32 * mm, 21 * mm]
ASKED_COLUMN = 30 * mm
WIDTHS_ASKED = [*LEAD, WIDTH - 123 * mm, ASKED_COLUMN, 34 * mm]
NOTHING_ASKED_BEFORE = "Nothing asked before was found."
CELL_SIZE = 8.2  # the size of the Cell style, and of the plain strings in the table


def audit_rows(detail: CycleDetail) -> list[RecommendationRow]:
    """Missing replies first, then the rest in the committee's order."""
    missing = [r for r in detail.recommendations if r.reply_status == "missing"]
    others = [r for r in detail.recommendations if r.reply_status != "missing"]
    return missing + others


# a recommendation without a disposition, said as the register says it: never "no reply" for a reply not recorded
NO_DISPOSITION = {
    "missing": "not answered in the reply",
    "not recorded": "reply not recorded",
    "no reply yet": "no reply yet",
}
TOTAL_ROWS = (*DISPOSITIONS, "not answered in the reply", "reply not recorded", "no reply yet")


def disposition_totals(detail: CycleDetail) -> Counter:
    totals: Counter = Counter()
    for rec in detail.recommendations:
        totals[
            rec.disposition
            or (
                NO_DISPOSITION.get(rec.reply_status, "no reply yet")
                if rec.reply_status != "replied"
                else "unclear"
            )
        ] += 1
    return totals


def asked_before_text(found: AskedBefore | None) -> str:
    """The best earlier match as the audit writes it: "london-2017 no. 6: not accepted (score 0.62)"."""
    if found is None:
        return ""
    outcome = found.disposition or (
        "reply gave no disposition" if found.reply_status == "replied" else found.reply_status
    )
    how = "confirmed" if found.link == "confirmed" else f"score {found.score:.2f}"
    return f"{found.cycle_id} no. {found.number}: {outcome} ({how})"


def render_audit_pdf(
    detail: CycleDetail, settings: ReportSettings, asked_before: Mapping[str, AskedBefore] | None = None
) -> bytes:
    """The audit paper; with `asked_before` (each recommendation's best earlier match, by number), a column
    saying what was asked before and what became of it."""
    summary = detail.summary
    story: list[Flowable] = title_block(
        f"{summary.title}: recommendation audit",
        [
            f"{detail.scrutiny_body.name} recommendations and {detail.body.name}'s replies",
            coverage_line(detail),
        ],
        settings,
    )
    reply_line = _reply_line(detail)
    if reply_line:
        story.append(para(reply_line))
    story.append(Heading("Totals"))
    totals = disposition_totals(detail)
    rows = [header_cells("Disposition", "Recommendations")]
    for name in TOTAL_ROWS:
        rows.append([cell(name), cell(str(totals.get(name, 0)))])
    rows.append([cell("total", "CellBold"), cell(str(sum(totals.values())), "CellBold")])
    story.append(table(rows, [50 * mm, 36 * mm]))
    if points := subpoints_line(detail):
        story.extend([Spacer(1, 2 * mm), para(points)])
    story.append(Heading("Recommendations"))
    if not detail.recommendations:
        story.append(
            para("No recommendations are recorded for this cycle. Import the committee's report first.")
        )
    else:
        asked = any_asked_before(detail, asked_before)
        if asked_before is not None and not asked:
            story.append(para(NOTHING_ASKED_BEFORE))
        header = header_cells(
            "No.",
            "Reply",
            "Disposition",
            "Recommendation, evidence or sub-point",
            *(("Asked before", "Follow-up, due") if asked else ("Follow-up", "Due")),
        )
        rows = [header]
        bold_rows: list[int] = []  # a recommendation's own row: number and reply in bold
        missing_rows: list[int] = []  # a recommendation the reply does not answer: shaded
        from tracker.domain.formatting import answered_out_of_order

        late = answered_out_of_order([p.covers for p in detail.replies])
        # short cells that never wrap are plain strings: a Paragraph per cell is what makes big tables slow,
        # and plain table strings are not parsed as markup, so they need no escaping
        for rec in audit_rows(detail):
            follow = rec.follow_ups[0] if rec.follow_ups else None
            reply = _reply_cell(rec, late.get(rec.number))
            if asked:
                earlier = asked_before.get(rec.number)
                tail = [cell(asked_before_text(earlier)) if earlier else "", _follow_up_due(follow)]
            else:
                tail = [
                    cell(_short(follow.text)) if follow else "",
                    date_short(follow.due, "") if follow else "",
                ]
            rows.append(
                [
                    rec.number,
                    reply,
                    # a plain string is far cheaper than a Paragraph, but does not wrap: only the short ones
                    (cell(rec.disposition) if len(rec.disposition) > 14 else rec.disposition)
                    if rec.disposition
                    else "",
                    _recommendation_cell(rec),
                    *tail,
                ]
            )
            bold_rows.append(len(rows) - 1)
            if rec.reply_status == "missing":
                missing_rows.append(len(rows) - 1)
            for extra in rec.follow_ups[1:]:
                more = (
                    ["", _follow_up_due(extra)]
                    if asked
                    else [cell(_short(extra.text)), date_short(extra.due, "")]
                )
                rows.append(["", "", "", "", *more])
            for index, sub in enumerate(rec.subpoints):
                label = subpoint_label(rec.number, index)
                # the reply gives no disposition per sub-point: the row says whether the reply reaches it
                rows.append([label, subpoint_mark(rec, index), "", cell(sub, "Small"), "", ""])
        story.append(
            table(
                rows,
                WIDTHS_ASKED if asked else WIDTHS,
                # one command per run of adjacent rows rather than one per row: the same cells, fewer commands
                # for the table to apply, and to carry over to each page it is split across
                extra=[
                    ("BACKGROUND", (0, a), (-1, b), STATUS_FILL[Status.OVERDUE])
                    for a, b in _runs(missing_rows)
                ]
                + [("FONT", (0, a), (1, b), FONT_BOLD, CELL_SIZE) for a, b in _runs(bold_rows)],
            )
        )
    return build_pdf(
        story,
        f"{summary.title}: recommendation audit",
        "Replies to the committee's recommendations",
        settings,
        date=detail.as_of,
    )


def any_asked_before(detail: CycleDetail, asked_before: Mapping[str, AskedBefore] | None) -> bool:
    """Whether the paper needs the "Asked before" column: asked for, and at least one recommendation has a
    match (otherwise the paper says in one line that nothing was found)."""
    return asked_before is not None and any(asked_before.get(r.number) for r in detail.recommendations)


def _reply_notes(rec: RecommendationRow, after: str | None) -> list[str]:
    """What the reply cell says beside the status, in the PDF and the Word paper alike: what the reply
    answered it together with, and whether it came out of order."""
    notes = [f"grouped with {', '.join(rec.grouped_with)}"] if rec.grouped_with else []
    return notes + ([f"answered out of order, after {after}"] if after else [])


def _reply_cell(rec: RecommendationRow, after: str | None) -> CellParagraph | str:
    """The reply's status; with what the reply answered it together, and whether it came out of order."""
    notes = _reply_notes(rec, after)
    if not notes:
        return rec.reply_status
    # the status in bold, as on every recommendation's own row
    return CellParagraph(f"<b>{esc(rec.reply_status)}</b>; {esc('; '.join(notes))}", stylesheet()["Cell"])


def _follow_up_due(follow) -> CellParagraph | str:
    """A follow-up and its due day in one cell (the audit with the "asked before" column)."""
    if follow is None:
        return ""
    text = _short(follow.text)
    return cell(f"{text} (due {date_short(follow.due)})" if follow.due else text)


FOLLOW_UP_CHARS = 140  # in the paper's narrow column; the Word paper and the app give the whole text


def _short(text: str) -> str:
    """A follow-up cut at a word near FOLLOW_UP_CHARS, so one long commitment does not run down the page."""
    if len(text) <= FOLLOW_UP_CHARS:
        return text
    return text[:FOLLOW_UP_CHARS].rsplit(" ", 1)[0].rstrip(",;:") + " …"


def _runs(indices: list[int]) -> list[tuple[int, int]]:
    """Ascending row numbers as (first, last) runs of adjacent rows: [3, 4, 5, 8] -> [(3, 5), (8, 8)]."""
    runs: list[tuple[int, int]] = []
    for index in indices:
        if runs and runs[-1][1] == index - 1:
            runs[-1] = (runs[-1][0], index)
        else:
            runs.append((index, index))
    return runs


EVIDENCE_SIZE = 8
EVIDENCE_COLOUR = "#4a5360"


@cache
def _evidence_style() -> ParagraphStyle:
    """The evidence under a recommendation: the cell's leading, in smaller grey type."""
    return ParagraphStyle(
        "CellEvidence",
        parent=stylesheet()["Cell"],
        fontSize=EVIDENCE_SIZE,
        textColor=colors.HexColor(EVIDENCE_COLOUR),
    )


def _recommendation_cell(rec: RecommendationRow):
    text = rec.text if len(rec.text) <= 240 else rec.text[:239] + "…"
    if not rec.evidence:
        return cell(text)
    # the evidence as a paragraph of its own: one run of type breaks into lines several times faster than a
    # paragraph mixing two sizes, and that mix was most of the time the audit took
    return [cell(text), CellParagraph(f"Evidence: {esc(rec.evidence)}", _evidence_style())]


def render_audit_docx(
    detail: CycleDetail, settings: ReportSettings, asked_before: Mapping[str, AskedBefore] | None = None
) -> bytes:
    """The audit as a Word document: totals, then a row per recommendation and sub-point (and with
    `asked_before`, the column the paper has)."""
    from tracker.domain.formatting import answered_out_of_order
    from tracker.reports.word import add_table, new_document, to_bytes

    summary = detail.summary
    document = new_document(
        f"{summary.title}: recommendation audit", "Replies to the committee's recommendations", settings
    )
    document.add_heading(f"{summary.title}: recommendation audit", level=0)
    document.add_paragraph(coverage_line(detail))
    reply_line = _reply_line(detail)
    if reply_line:
        document.add_paragraph(reply_line)
    document.add_heading("Totals", level=1)
    totals = disposition_totals(detail)
    add_table(
        document,
        ["Disposition", "Recommendations"],
        [[name, str(totals.get(name, 0))] for name in TOTAL_ROWS] + [["total", str(sum(totals.values()))]],
    )
    if points := subpoints_line(detail):
        document.add_paragraph(points)
    document.add_heading("Recommendations", level=1)
    if asked_before is not None and not any_asked_before(detail, asked_before):
        document.add_paragraph(NOTHING_ASKED_BEFORE)
    if not any_asked_before(detail, asked_before):
        asked_before = None
    late = answered_out_of_order([p.covers for p in detail.replies])
    asked = asked_before is not None
    rows = []
    # the PDF paper's columns, row for row; a cell here holds the whole text where the PDF shortens it
    for rec in audit_rows(detail):
        follow_ups = rec.follow_ups or (None,)
        for index, follow in enumerate(follow_ups):
            lead = (
                [
                    rec.number,
                    "; ".join([rec.reply_status, *_reply_notes(rec, late.get(rec.number))]),
                    rec.disposition or "",
                    rec.text + (f"\nEvidence: {rec.evidence}" if rec.evidence else ""),
                ]
                if index == 0
                else ["", "", "", ""]
            )
            if asked:
                earlier = asked_before.get(rec.number) if index == 0 else None
                due = f" (due {date_short(follow.due)})" if follow and follow.due else ""
                tail = [asked_before_text(earlier), f"{follow.text}{due}" if follow else ""]
            else:
                tail = [follow.text if follow else "", date_short(follow.due, "") if follow else ""]
            rows.append([*lead, *tail])
        for index, sub in enumerate(rec.subpoints):
            rows.append([subpoint_label(rec.number, index), subpoint_mark(rec, index), "", sub, "", ""])
    columns = ["No.", "Reply", "Disposition", "Recommendation, evidence or sub-point"]
    columns += ["Asked before", "Follow-up, due"] if asked else ["Follow-up", "Due"]
    add_table(document, columns, rows)
    return to_bytes(document)


SUBPOINT_MARKS = {
    "answered": "✓ answered",
    "not answered": "⚠ not answered",
    "not recorded": "◌ not recorded",
}


def subpoint_mark(rec: RecommendationRow, index: int) -> str:
    """A sub-point's status as a paper writes it: with a mark, so no reader depends on colour; "(officer)"
    where the officer said it rather than the reply's words."""
    if index >= len(rec.subpoint_status):
        return ""
    said = rec.subpoint_confirmed[index] if index < len(rec.subpoint_confirmed) else False
    return SUBPOINT_MARKS.get(rec.subpoint_status[index], "") + (" (officer)" if said else "")


def unreached(rec: RecommendationRow) -> list[str]:
    """The sub-points the reply never reaches, labelled as the audit labels them: ["(c) ...", ...]."""
    return [
        f"({subpoint_letter(i)}) {text}"
        for i, (text, status) in enumerate(zip(rec.subpoints, rec.subpoint_status, strict=False))
        if status == "not answered"
    ]


def subpoint_label(number: str, index: int) -> str:
    """A sub-point's row label: "1(a)", and past the alphabet "1.27"."""
    return f"{number}({chr(97 + index)})" if index < 26 else f"{number}.{index + 1}"


def unreached_labels(detail: CycleDetail, replied_only: bool = False) -> list[str]:
    """Every sub-point the reply never reaches, by its row label: ["1(a)", "3(c)"]; with `replied_only`,
    only those of recommendations the reply answers (not those of one it does not answer at all)."""
    return [
        subpoint_label(rec.number, index)
        for rec in detail.recommendations
        if not replied_only or rec.reply_status == "replied"
        for index, status in enumerate(rec.subpoint_status)
        if status == "not answered"
    ]


def coverage_line(detail: CycleDetail) -> str:
    """The paper's figures under its title: the recommendations replied to, and the sub-points the reply
    does not reach, so the figures agree with the rows below ("2 of 2 replied, …; 1 sub-point not answered")."""
    missed = len(unreached_labels(detail))
    points = f"; {missed} sub-point{'' if missed == 1 else 's'} not answered" if missed else ""
    return f"As of {date_long(detail.as_of)} · {detail.summary.coverage.describe()}{points}"


def subpoints_line(detail: CycleDetail) -> str:
    """The sub-points in figures that add up to their number: "Sub-points: 3 in all; 2 answered, 1 not
    answered in the reply (1(a))." Empty when no recommendation has sub-points."""
    statuses = Counter(s for rec in detail.recommendations for s in rec.subpoint_status)
    total = sum(statuses.values())
    if not total:
        return ""
    missed = unreached_labels(detail)
    parts = [
        f"{statuses['answered']} answered" if statuses["answered"] else "",
        f"{len(missed)} not answered in the reply ({', '.join(missed)})" if missed else "",
        f"{statuses['not recorded']} not recorded" if statuses["not recorded"] else "",
    ]
    return f"Sub-points: {total} in all; {', '.join(p for p in parts if p)}."


def _reply_line(detail: CycleDetail) -> str:
    """Who replied, when and with what reference, from the reply document on record."""
    replies = [d for d in detail.documents if d.kind == "reply"]
    if not replies:
        return ""
    from tracker.reports.agenda import dated_phrase, reply_when

    reply = replies[-1]
    reference = f", reference {reply.reference}" if reply.reference else ""
    dated = dated_phrase(reply_when(detail, reply))
    return f"Reply {dated}{reference}." if dated.startswith("dated") else f"Reply, {dated}{reference}."
