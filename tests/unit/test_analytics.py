"""Analytics and follow-ups across years: the figures agree with the audits."""

from __future__ import annotations

from collections import Counter

import pytest

from tests.cli_helpers import ok, run

AS_OF = "2026-01-15"
AUDIT_NAMES = {"missing": "no reply", "not recorded": "no reply", "no reply yet": "no reply"}


@pytest.fixture
def store(demo):
    return demo.url


def test_every_cycle_counts_as_its_audit_does(store, capsys):
    found = ok(capsys, "analytics", "--as-of", AS_OF, "--db", store)
    assert set(found) == {"cycles", "bodies", "themes"}
    by_cycle = {c["cycle"]: c for c in found["cycles"]}
    assert set(by_cycle) == {"london-2013", "london-2017", "london-2022"}  # 2025 has no recommendations yet
    for cycle in ("london-2013", "london-2017", "london-2022", "london-2025"):
        audit = ok(capsys, "audit", cycle, "--as-of", AS_OF, "--db", store)
        counted = Counter(
            (r["disposition"] or "unclear") if r["status"] == "replied" else AUDIT_NAMES[r["status"]]
            for r in audit["recommendations"]
        )
        if not audit["recommendations"]:
            assert cycle not in by_cycle
            continue
        figures = by_cycle[cycle]
        assert figures["recommendations"] == audit["coverage"]["total"]
        assert {k: v for k, v in figures["dispositions"].items() if v} == dict(counted)
        follow = sum(len(r["follow_ups"]) for r in audit["recommendations"])
        assert sum(figures["follow_ups"].values()) >= follow
    c2022 = by_cycle["london-2022"]
    assert c2022["dispositions"] == {"accepted": 7, "partially accepted": 2, "not accepted": 4, "noted": 3,
                                     "unclear": 0, "no reply": 0}  # fmt: skip
    assert by_cycle["london-2017"]["days_to_reply"] == 34 and by_cycle["london-2017"]["days_to_reply_at_most"]
    assert by_cycle["london-2013"]["days_to_reply"] is None  # the reply's day is not known
    (body,) = found["bodies"]
    assert body["body"] == "mopac" and body["recommendations"] == 19 + 13 + 16
    themes = {t["theme"]: t for t in found["themes"]}
    assert themes["VAWG"]["recommendations"] == 5 and themes["VAWG"]["cycles"] == 2
    assert sum(t["recommendations"] for t in found["themes"]) == body["recommendations"]


def test_filters_by_body_and_report_dates(store, capsys):
    found = ok(capsys, "analytics", "--from", "2016-01-01", "--to", "2020-12-31", "--db", store)
    assert [c["cycle"] for c in found["cycles"]] == ["london-2017"]
    assert ok(capsys, "analytics", "--body", "mopac", "--db", store)["cycles"]
    code, _, err = run(capsys, "analytics", "--body", "nobody", "--db", store)
    assert code == 2 and "--body" in err
    code, _, err = run(capsys, "analytics", "--from", "2020-01-01", "--to", "2019-01-01", "--db", store)
    assert code == 2 and "--to" in err


def test_follow_ups_across_years_with_their_state(store, capsys):
    items = ok(capsys, "follow-ups", "--as-of", "2022-08-01", "--db", store)
    states = {(i["cycle"], i["number"]): i["state"] for i in items}
    assert states[("london-2013", "2")] == "overdue"
    assert states[("london-2022", "6")] == "open"
    assert states[("london-2022", "7")] == "undated"
    assert items[0]["state"] == "overdue"  # what is late comes first
    soon = ok(capsys, "follow-ups", "--as-of", "2022-09-20", "--db", store)
    assert {(i["cycle"], i["number"]): i["state"] for i in soon}[("london-2022", "6")] == "due soon"


def test_the_analytics_paper_has_a_chart_and_a_table_for_each(store, tmp_path, capsys):
    import io

    from pypdf import PdfReader

    pdf = tmp_path / "analytics.pdf"
    ok(capsys, "report", "analytics", "-o", str(pdf), "--as-of", AS_OF, "--db", store)
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.read_bytes())).pages)
    for words in ("How the replies answered", "How long the replies took", "london-2013", "london-2022",
                  "at most 34"):  # fmt: skip
        assert words in text
    docx = tmp_path / "analytics.docx"
    ok(capsys, "report", "analytics", "-o", str(docx), "--as-of", AS_OF, "--db", store)
    import docx as word

    cells = [c.text for t in word.Document(str(docx)).tables for row in t.rows for c in row.cells]
    assert "london-2017" in cells and "at most 34" in cells


@pytest.mark.parametrize("day", ["2013-09-01", "2014-04-15", "2022-08-01", "2022-09-20", "2026-01-15"])
def test_the_dashboards_window_of_follow_ups_reads_only_what_it_shows_and_misses_none(demo, day):
    """The dashboard asks only for cycles with a follow-up open and due in its window: it must list the
    same overdue and due items as the whole list does."""
    import datetime as dt

    as_of = dt.date.fromisoformat(day)
    horizon = as_of + dt.timedelta(days=28)

    def shown(items):
        return [
            (i.cycle, i.number, i.text, i.state)
            for i in items
            if i.state == "overdue" or (i.due and i.due <= horizon and i.state in ("due soon", "open"))
        ]

    whole = shown(demo.analytics.follow_ups(as_of))
    assert whole or day == "2013-09-01"  # most of these days have something to show
    assert shown(demo.analytics.follow_ups(as_of, due_by=horizon)) == whole
