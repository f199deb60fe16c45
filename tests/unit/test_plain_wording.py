"""Messages and papers read as plain English: a field named once, dates as the app writes them everywhere,
counts with the right plural, and the body or field that changed named rather than a loose pronoun."""

from __future__ import annotations

import datetime as dt
import io
import re

from pypdf import PdfReader

from tests.cli_helpers import ok, run
from tracker.domain.formatting import uk_date


def test_a_bad_version_names_the_option_once(capsys, panel):
    code, _, err = run(capsys, "body", "edit", "wessex", "--panel", "P", "--if-version", "abc", "--db", panel)
    assert code == 2 and "argument --if-version: 'abc' is not a whole number" in err
    assert err.count("--if-version") == 1
    code, _, err = run(capsys, "body", "edit", "wessex", "--members", "x", "--db", panel)
    assert code == 2 and err.count("--members") == 1


def test_a_stale_panel_rename_names_the_panel_and_the_day_as_the_app_writes_it(capsys, panel):
    ok(capsys, "body", "edit", "wessex", "--panel", "Wessex Scrutiny Panel", "--db", panel)
    code, _, err = run(
        capsys, "body", "edit", "wessex", "--panel", "Other", "--if-version", "1", "--db", panel
    )
    assert code == 2
    assert "the panel's name was set to Wessex Scrutiny Panel" in err
    day = re.search(r" on (\S+ \S+ \S+) at \d\d:\d\d", err).group(1)
    assert day == uk_date(dt.datetime.strptime(day, "%d %b %Y").date())  # "7 Dec 2026", never "07 Dec 2026"
    code, out, _ = run(capsys, "history", "--db", panel)
    assert code == 0 and f"{day} " in out.splitlines()[2]  # the change log writes the day the same way


def test_one_recommendation_is_counted_in_the_singular(capsys, panel, tmp_path):
    ok(capsys, "cycle", "add", "c1", "--body", "wessex", "--template", "plan-pcc",
       "--trigger", "election=2024-05-02", "--db", panel)  # fmt: skip
    ok(
        capsys,
        "recommendation",
        "add",
        "c1",
        "1",
        "--text",
        "Publish the plan in plain English.",
        "--db",
        panel,
    )
    code, out, _ = run(capsys, "audit", "c1", "--db", panel)
    assert code == 0 and "1 recommendation;" in out and "1 recommendations" not in out
    target = tmp_path / "audit.pdf"
    assert run(capsys, "report", "audit", "--cycle", "c1", "-o", str(target), "--db", panel)[0] == 0
    text = " ".join(
        " ".join(p.extract_text() for p in PdfReader(io.BytesIO(target.read_bytes())).pages).split()
    )
    assert "1 recommendation;" in text and "1 recommendations" not in text


def test_the_agenda_item_does_not_call_the_commissioner_it(demo):
    from tracker.reports.agenda import AgendaOptions, agenda_content

    content = agenda_content(demo.cycles.detail("london-2022", dt.date(2022, 4, 1)), AgendaOptions())
    background = " ".join(next(p for h, p, _ in content.sections if h == "Background"))
    assert "sets out the police and crime objectives for the area" in background
    assert "its policing and crime objectives" not in background and "Before it issues" not in background


def test_the_agenda_item_counts_a_single_recommendation_in_the_singular(demo):
    import dataclasses

    from tracker.reports.agenda import AgendaOptions, agenda_content
    from tracker.services.dto import Coverage

    detail = demo.cycles.detail("london-2022", dt.date(2022, 4, 1))
    for coverage, wanted in (
        (Coverage(total=1, replied=1, grouped=0, missing=0), "The recommendation received a reply."),
        (Coverage(total=1, replied=0, grouped=0, missing=1), "The reply does not answer the recommendation."),
    ):
        one = dataclasses.replace(
            detail,
            recommendations=detail.recommendations[:1],
            summary=dataclasses.replace(detail.summary, coverage=coverage),
        )
        text = " ".join(
            p for _, paragraphs, _ in agenda_content(one, AgendaOptions()).sections for p in paragraphs
        )
        assert wanted in text and "1 recommendations" not in text


def test_extract_counts_one_recommendation_in_the_singular(capsys, db_url, tmp_path):
    report = tmp_path / "one.txt"
    report.write_text(
        "Report of the Panel\n\nRecommendations\n\n"
        "Recommendation 1: The Commissioner should publish the plan in plain English.\n",
        encoding="utf-8",
    )
    code, out, err = run(capsys, "extract", str(report), "--db", db_url)
    assert code == 0, err
    assert "1 recommendation" in out.splitlines() and "1 recommendations" not in out
