"""Committee papers a secretariat would publish: read back from the PDF and the Word file, as a reader would."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest

from tests.cli_helpers import ok, plan_with_a_report, run

D = dt.date


def pdf_reader(path):
    from pypdf import PdfReader

    return PdfReader(str(path))


def pdf_text(path) -> str:
    return " ".join(" ".join((page.extract_text() or "").split()) for page in pdf_reader(path).pages)


def docx(path):
    import docx as python_docx

    return python_docx.Document(io.BytesIO(path.read_bytes()))


@pytest.fixture
def store(demo):
    return demo.url


def test_agenda_pdf_is_tagged_for_readers_and_opens_with_its_title_and_bookmarks(store, capsys, tmp_path):
    target = tmp_path / "agenda.pdf"
    ok(
        capsys,
        "report",
        "agenda",
        "--cycle",
        "london-2022",
        "--as-of",
        "2022-04-01",
        "--without-appendix",
        "-o",
        str(target),
        "--db",
        store,
    )
    root = pdf_reader(target).trailer["/Root"]
    assert root["/Lang"] == "en-GB"
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    assert root["/PageMode"] == "/UseOutlines"
    assert pdf_reader(target).metadata.title.startswith("Agenda item:")


def test_agenda_counts_agree_with_the_audit_and_the_assessment_is_an_option(store, capsys, tmp_path):
    target = tmp_path / "agenda.pdf"
    ok(
        capsys,
        "report",
        "agenda",
        "--cycle",
        "london-2022",
        "--as-of",
        "2022-04-01",
        "--without-appendix",
        "-o",
        str(target),
        "--db",
        store,
    )
    text = pdf_text(target)
    audit = ok(capsys, "audit", "london-2022", "--as-of", "2022-04-01", "--db", store)
    assert audit["coverage"]["replied"] == 16
    assert "Of the 16 recommendations, all received a reply, 4 of them in replies that answer several" in text
    assert "Secretariat's reading" not in text  # a noting paper does not grade the reply
    assert "The reply, given on 23 March 2022, is published separately for members to note" in text
    assessed = tmp_path / "assessed.pdf"
    ok(capsys, "report", "agenda", "--cycle", "london-2022", "--as-of", "2022-04-01", "--with-assessment",
       "--without-appendix", "-o", str(assessed), "--db", store)  # fmt: skip
    assessment = pdf_text(assessed)
    assert "Secretariat's reading of the reply: not accepted" in assessment
    assert "Appendix 1: The secretariat's reading of the reply" in assessment
    assert "summaries prepared by the secretariat" in assessment  # the demo's texts are summaries, and say so


def test_a_reply_not_recorded_is_never_printed_as_no_reply_received(store, capsys, tmp_path):
    target = tmp_path / "agenda-2013.pdf"
    ok(
        capsys,
        "report",
        "agenda",
        "--cycle",
        "london-2013",
        "--as-of",
        "2014-01-01",
        "--without-appendix",
        "-o",
        str(target),
        "--db",
        store,
    )
    text = pdf_text(target)
    assert "no reply was received" not in text.lower()
    assert "The reply does not answer this recommendation" not in text
    assert "not reproduced" not in text  # the paper never tells members it cannot show them what they note
    assert "is published separately for members to note" in text
    assert "the tracker" not in text.lower()  # a published paper does not talk about the software


def test_the_agenda_starts_sentences_with_a_capital_and_names_the_body_properly(store, capsys, tmp_path):
    target = tmp_path / "agenda.pdf"
    ok(
        capsys,
        "report",
        "agenda",
        "--cycle",
        "london-2022",
        "--as-of",
        "2022-04-01",
        "--without-appendix",
        "-o",
        str(target),
        "--db",
        store,
    )
    text = pdf_text(target)
    assert "The Mayor's Office for Policing and Crime (MOPAC) must issue a police and crime plan" in text
    assert not re.search(r"\. [a-z]", text.split("Appendix 1")[0].replace("e.g. ", "").replace("i.e. ", ""))


@pytest.mark.parametrize(
    "cycle, needle",
    [
        ("s25", "is a summons to attend the Committee"),
        ("p24", "has no recommendations recorded as of that day"),
    ],
)
def test_papers_that_cannot_be_made_are_refused_and_nothing_is_written(
    store, capsys, tmp_path, cycle, needle
):
    if cycle == "s25":
        ok(capsys, "cycle", "add", "s25", "--body", "mopac", "--template", "london-summons",
           "--trigger", "attendance=2025-03-20", "--db", store)  # fmt: skip
    else:  # the panel's report is recorded, but not what it recommended
        ok(capsys, "body", "add", "wessex", "--name", "Wessex PCC", "--kind", "pcc", "--db", store)
        ok(capsys, "cycle", "add", "p24", "--body", "wessex", "--template", "plan-pcc",
           "--trigger", "election=2024-05-02", "--db", store)  # fmt: skip
        ok(capsys, "set-date", "p24", "panel_report", "2024-11-05", "--db", store)
    target = tmp_path / "refused.pdf"
    for kind in ("agenda", "panel-report") if cycle == "s25" else ("agenda",):
        code, out, err = run(
            capsys,
            "report",
            kind,
            "--cycle",
            cycle,
            "--as-of",
            "2025-03-01",
            "-o",
            str(target),
            "--db",
            store,
        )
        assert code == 2 and needle in err and err.count("\n") == 1
        assert not target.exists() and not list(tmp_path.glob("*refused*"))


def test_meeting_date_and_contact_officer_come_from_the_record_and_the_settings(store, capsys, tmp_path):
    for key, value in [
        ("report_of", "Head of Scrutiny"),
        ("contact_name", "Gwenllian ap Rhys"),
        ("contact_email", "scrutiny@example.gov.uk"),
        ("contact_telephone", "020 7983 4000"),
    ]:
        ok(capsys, "settings", "set", key, value, "--db", store)
    ok(capsys, "meeting", "add", "--body", "mopac", "--date", "2022-04-27", "--title", "Police and Crime Committee",
       "--cycle", "london-2022", "--db", store)  # fmt: skip
    target = tmp_path / "agenda.pdf"
    ok(
        capsys,
        "report",
        "agenda",
        "--cycle",
        "london-2022",
        "--as-of",
        "2022-04-01",
        "--without-appendix",
        "-o",
        str(target),
        "--db",
        store,
    )
    text = pdf_text(target)
    assert "Date: 27 April 2022" in text and "Report of: Head of Scrutiny" in text
    assert "Gwenllian ap Rhys" in text and "scrutiny@example.gov.uk" in text
    assert "Local Government (Access to Information) Act 1985" in text
    links = [
        a["/A"]["/URI"]
        for page in pdf_reader(target).pages
        for a in (annotation.get_object() for annotation in page.get("/Annots", []))
        if "/A" in a and "/URI" in a["/A"]
    ]
    assert "mailto:scrutiny@example.gov.uk" in links and "tel:02079834000" in links


@pytest.mark.parametrize("kind", ["status", "audit", "agenda"])
def test_word_papers_are_a4_british_english_with_page_numbers_and_real_properties(
    store, capsys, tmp_path, kind
):
    ok(capsys, "settings", "set", "author", "Police and Crime Committee secretariat", "--db", store)
    target = tmp_path / f"{kind}.docx"
    ok(
        capsys,
        "report",
        kind,
        "--cycle",
        "london-2022",
        "--as-of",
        "2022-04-01",
        *(["--without-appendix"] if kind == "agenda" else []),
        "-o",
        str(target),
        "--db",
        store,
    )
    document = docx(target)
    section = document.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    properties = document.core_properties
    assert properties.author == "Police and Crime Committee secretariat" and properties.title
    assert "python-docx" not in " ".join(
        str(v)
        for v in (properties.comments, properties.last_modified_by, properties.keywords, properties.author)
    )
    assert properties.language == "en-GB"
    footer_xml = section.footer.paragraphs[0]._p.xml
    assert "PAGE" in footer_xml and "NUMPAGES" in footer_xml
    assert section.header.paragraphs[0].text
    assert any(p.style.name.startswith("Heading") for p in document.paragraphs)
    for table in document.tables:
        assert "w:tblHeader" in table.rows[0]._tr.xml


def test_the_audit_says_which_reply_came_out_of_order_in_words(store, capsys, tmp_path):
    target = tmp_path / "audit.pdf"
    ok(
        capsys,
        "report",
        "audit",
        "--cycle",
        "london-2022",
        "--as-of",
        "2022-04-01",
        "-o",
        str(target),
        "--db",
        store,
    )
    text = pdf_text(target)
    assert "answered out of order, after 16" in text, text[text.find("15 ") : text.find("15 ") + 200]
    assert "Reply dated 23 March 2022, reference MOPAC2500222- D4012" in text


def test_a_typo_in_a_wording_placeholder_is_an_error_naming_it():
    from tracker.reports.agenda import WordingError, check_wording, wording

    words = {**wording(), "subject": "Reply to the {comittee_short}'s report"}
    with pytest.raises(WordingError, match="comittee_short"):
        check_wording(words)
    check_wording(wording())  # the shipped wording is clean


def test_the_status_report_does_not_chase_asks_on_recommendations_not_accepted(store, capsys, tmp_path):
    target = tmp_path / "status.pdf"
    ok(capsys, "report", "status", "--cycle", "london-2022", "-o", str(target), "--db", store)
    text = pdf_text(target)
    follow_ups = text[text.index("Follow-ups due") :]
    assert "not accepted: nothing to chase" in follow_ups


def test_no_agenda_item_to_note_a_reply_that_has_not_come(panel, capsys, tmp_path):
    plan_with_a_report(capsys, panel, tmp_path)
    target = tmp_path / "agenda.pdf"
    code, _, err = run(capsys, "report", "agenda", "--cycle", "c1", "-o", str(target), "--db", panel)
    assert code == 2 and "no reply recorded" in err and not target.exists()


def test_with_no_organisation_set_a_paper_names_its_own_panel(panel, capsys, tmp_path):
    ok(capsys, "cycle", "add", "c1", "--body", "wessex", "--template", "plan-pcc", "--trigger",
       "election=2024-05-02", "--db", panel)  # fmt: skip
    target = tmp_path / "status.pdf"
    ok(capsys, "report", "status", "--cycle", "c1", "-o", str(target), "--db", panel)
    text = pdf_text(target)
    assert "Wessex Police and Crime Panel secretariat" in text and "Police and Crime Committee" not in text
