"""A log of dated status entries kept under each recommendation (tracker/importing/layouts/status_log.py):
the entries stay with their recommendation as its progress, never its text, never new items, never the
document's date."""

from __future__ import annotations

import datetime as dt

import pytest

from tracker.importing.audit import audit_reply
from tracker.importing.extract import document_info, extract_recommendations
from tracker.importing.layouts import NUMBERED_BY_APP
from tracker.importing.layouts.status_log import is_log_entry

HEADED = """Panel recommendations tracker

Recommendation 1
The Commissioner should publish the estates strategy.
Update March 2024: The strategy is in draft.
Update June 2024: Published on the website.

Recommendation 2
The force should review the call handling targets.
Update March 2024: Review started.
"""

NUMBERED = """Recommendations of the Panel

1. The Commissioner should publish the estates strategy.
12/03/2024 – Strategy in draft, due for the June meeting.
2. The force should review the call handling targets.
- March 2024: review started
- June 2024: review complete
"""

REGISTER = """Review of call handling (4410)

By 31 March 2025 forces should give call handlers clear criteria for judging the risk to a caller.

[on]4th September 2024

The status of this recommendation is being reviewed.
"""


@pytest.mark.parametrize("text", [HEADED, NUMBERED])
def test_the_log_stays_with_its_recommendation_and_out_of_its_text(text):
    extraction = extract_recommendations(text)
    assert [(r.number, r.text, r.subpoints) for r in extraction.recommendations] == [
        ("1", "The Commissioner should publish the estates strategy.", ()),
        ("2", "The force should review the call handling targets.", ()),
    ]
    assert extraction.document.date is None  # the entries date progress, not the document
    audit = audit_reply(text, list(extraction.recommendations))
    assert [p.numbers for p in audit.passages] == [("1",), ("2",)]
    assert "2024" in audit.passages[0].text and "2024" in audit.passages[1].text


def test_a_registers_dated_entry_is_not_the_documents_date():
    assert document_info(REGISTER).date is None


def test_a_paragraph_that_asks_followed_by_its_log_is_the_recommendation():
    (recommendation,) = extract_recommendations(REGISTER).recommendations
    assert recommendation.text.startswith("By 31 March 2025 forces should give call handlers")
    assert NUMBERED_BY_APP in recommendation.flags
    no_ask = REGISTER.replace("forces should give", "forces gave")
    assert extract_recommendations(no_ask).recommendations == ()


def test_a_decision_records_own_dated_heading_is_still_its_date():
    text = "Decision record\n\n29/01/2021 - Review of CCTV - Recommendations\n\nThe Cabinet should note the review.\n"
    assert document_info(text).date == dt.date(2021, 1, 29)
    assert document_info("Cabinet Decision: 12th March 2015\n\nTitle: Review\n").date == dt.date(2015, 3, 12)


def test_what_a_log_entry_looks_like():
    for entry in ("Update March 2024: figures checked", "12/06/2024 – Published", "[on]4th September 2014",
                  "Progress as at 1 May 2024 – on track", "May 2024 update: done"):  # fmt: skip
        assert is_log_entry(entry), entry
    for other in ("12 March 2024", "4 March 2024 the Panel met", "Date: 4 March 2024", "1. The force should"):
        assert not is_log_entry(other), other
