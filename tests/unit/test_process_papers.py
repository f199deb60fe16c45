"""Papers for every process, read back as a reader would: the agenda item that fits where a cycle stands, and
the panel's report to the commissioner, each citing the law from the process's own template."""

from __future__ import annotations

import io

import pytest

from tests.cli_helpers import ok, run
from tracker.rules.templates import get_template


def pdf_text(path) -> str:
    from pypdf import PdfReader

    return " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(str(path)).pages)


def docx_text(path) -> str:
    import docx

    document = docx.Document(io.BytesIO(path.read_bytes()))
    return " ".join(" ".join(p.text.split()) for p in document.paragraphs)


def paper(capsys, db, tmp_path, kind, cycle, as_of, suffix=".pdf") -> str:
    target = tmp_path / f"{kind}-{cycle}{suffix}"
    ok(capsys, "report", kind, "--cycle", cycle, "--as-of", as_of, "-o", str(target), "--db", db)
    return pdf_text(target) if suffix == ".pdf" else docx_text(target)


def write(tmp_path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def cite(template: str, rule: str) -> str:
    return get_template(template).rule(rule).citation


@pytest.fixture
def precept(panel, capsys):
    """Wessex's precept for 2026/27, proposed on 29 January 2026, with a panel of 12."""
    ok(capsys, "cycle", "add", "p26", "--body", "wessex", "--template", "precept",
       "--trigger", "financial_year_start=2026-04-01", "--db", panel)  # fmt: skip
    ok(capsys, "set-date", "p26", "proposal_notified", "2026-01-29", "--db", panel)
    return panel


def test_the_proposed_precept_sets_out_the_options_and_counts_two_thirds_of_members_in_post(
    precept, capsys, tmp_path
):
    text = paper(capsys, precept, tmp_path, "agenda", "p26", "2026-02-02")
    assert "Subject: The proposed precept" in text
    assert "(a) to support it, (b) to support it with recommendations" in text and "(c) to veto it" in text
    assert "report on it by 8 February 2026" in text
    # two-thirds of the 12 members in post, whoever attends
    assert "with 12 members in post, at least 8" in text and "not of those present or voting" in text
    for rule in ("panel-report", "veto-in-time", "revised-precept", "second-report", "notify-proposal"):
        assert cite("precept", rule) in text, rule
    assert "Appendix 1: the notification of the proposed precept" in text
    assert "not recorded" not in text.split("Appendix")[0]


def test_after_a_veto_the_item_is_the_revised_precept_and_the_report_states_the_vote(
    precept, capsys, tmp_path
):
    ok(capsys, "set-date", "p26", "panel_report", "2026-02-05", "--db", precept)
    letter = write(tmp_path, "veto.md", "The panel recommends:\n\n1. Keep the rise under 3 per cent.\n")
    ok(capsys, "import", "recommendations", letter, "--cycle", "p26", "--date", "2026-02-05", "--db", precept)
    ok(capsys, "vote", "p26", "--for", "9", "--against", "2", "--abstain", "1", "--members", "12", "--date", "2026-02-05",
       "--db", precept)  # fmt: skip
    ok(capsys, "set-date", "p26", "revised_notified", "2026-02-13", "--db", precept)
    agenda = paper(capsys, precept, tmp_path, "agenda", "p26", "2026-02-14")
    assert "Subject: The revised precept" in agenda
    assert "second report by 22 February 2026" in agenda and "cannot veto it" in agenda
    assert cite("precept", "second-report") in agenda
    for suffix in (".pdf", ".docx"):
        # before the revised precept came, the report is the first one, with the veto
        report = paper(capsys, precept, tmp_path, "panel-report", "p26", "2026-02-12", suffix)
        assert "The Panel vetoes the proposed precept" in report
        assert "9 for and 2 against, with 1 abstaining" in report
        assert "Two-thirds of the 12 members of the panel at the time is at least 8 votes" in report
        assert "Recommendation 1: Keep the rise under 3 per cent." in report
        assert (
            "revised precept by 15 February 2026" in report and cite("precept", "revised-precept") in report
        )
        assert "supports the proposed precept" not in report
    # with the revised precept notified, the report is the second one: accept or reject, never a veto
    code, _, err = run(capsys, "report", "panel-report", "--cycle", "p26", "--as-of", "2026-02-14",
                       "-o", str(tmp_path / "second.pdf"), "--db", precept)  # fmt: skip
    assert code == 2 and "accepts or rejects" in err and not (tmp_path / "second.pdf").exists()
    ok(capsys, "set-date", "p26", "second_report", "2026-02-20", "--db", precept)
    second = tmp_path / "second.pdf"
    ok(capsys, "report", "panel-report", "--cycle", "p26", "--as-of", "2026-02-21", "--decision", "reject",
       "-o", str(second), "--db", precept)  # fmt: skip
    text = pdf_text(second)
    assert "Second report on the revised precept" in text and "Date: 20 February 2026" in text
    assert "The Panel rejects the revised precept." in text and "accepts" not in text
    assert "notified on 13 February 2026" in text and "vetoed the proposed precept on 5 February 2026" in text
    assert "no power to veto a revised precept" in text and cite("precept", "second-report") in text
    assert cite("precept", "final-response") in text
    # the first report's recommendation (from the letter of 5 February) is not repeated in the second
    assert "Keep the rise under 3 per cent" not in text


def test_a_vote_short_of_two_thirds_of_members_is_no_veto_in_the_report(precept, capsys, tmp_path):
    ok(capsys, "set-date", "p26", "panel_report", "2026-02-05", "--db", precept)
    # 7 of 12 is most of those voting, but short of two-thirds of the members in post
    ok(capsys, "vote", "p26", "--for", "7", "--against", "2", "--members", "12", "--date", "2026-02-05",
       "--db", precept)  # fmt: skip
    report = paper(capsys, precept, tmp_path, "panel-report", "p26", "2026-02-14")
    assert "The Panel supports the proposed precept." in report
    assert "7 for and 2 against" in report and "at least 8 votes, so the vote fell short" in report
    assert "vetoes" not in report and cite("precept", "response-no-veto") in report
    assert "Subject: The proposed precept" in paper(capsys, precept, tmp_path, "agenda", "p26", "2026-02-14")


def test_the_plan_goes_from_the_draft_before_the_panel_to_its_report_with_a_response_date(
    panel, capsys, tmp_path
):
    ok(capsys, "cycle", "add", "c1", "--body", "wessex", "--template", "plan-pcc", "--trigger",
       "election=2024-05-02", "--db", panel)  # fmt: skip
    ok(capsys, "set-date", "c1", "draft_sent", "2024-10-02", "--db", panel)
    draft = paper(capsys, panel, tmp_path, "agenda", "c1", "2024-10-10")
    assert "Subject: Review of the draft police and crime plan" in draft
    assert "sent to the Panel on 2 October 2024" in draft and "issued by 31 March 2025" in draft
    for rule in ("issue-plan", "send-draft", "panel-report", "reply-required", "publish-panel-report"):
        assert cite("plan-pcc", rule) in draft, rule
    letter = write(tmp_path, "report.md", "The panel recommends:\n\n1. Publish the measures.\n\n"
                   "2. Consult young people.\n   a. through schools\n   b. through youth services\n")  # fmt: skip
    ok(capsys, "import", "recommendations", letter, "--cycle", "c1", "--date", "2024-11-05", "--db", panel)
    ok(capsys, "set-date", "c1", "reply_required_by", "2024-12-05", "--db", panel)
    for suffix in (".pdf", ".docx"):
        report = paper(capsys, panel, tmp_path, "panel-report", "c1", "2024-11-06", suffix)
        assert f"under {cite('plan-pcc', 'panel-report')}" in report
        assert "makes the 2 recommendations set out below" in report
        assert "Recommendation 2: Consult young people" in report and "through youth services" in report
        assert f"written response by 5 December 2024 ({cite('plan-pcc', 'reply-required')})" in report
    # once the panel has reported, the agenda item is the one that notes the reply: it waits for the reply
    code, _, err = run(
        capsys, "report", "agenda", "--cycle", "c1", "-o", str(tmp_path / "x.pdf"), "--db", panel
    )
    assert code == 2 and "no reply recorded" in err


def test_a_chief_constable_hearing_and_the_reserve_candidate_after_a_veto(panel, capsys, tmp_path):
    ok(capsys, "cycle", "add", "cc", "--body", "wessex", "--template", "chief-constable", "--trigger",
       "notification_received=2025-09-01", "--db", panel)  # fmt: skip
    hearing = paper(capsys, panel, tmp_path, "agenda", "cc", "2025-09-03")
    # three weeks beginning with the day of receipt: 1 to 21 September
    assert "with a recommendation by 21 September 2025" in hearing
    assert "with 12 members in post, at least 8" in hearing
    for rule in ("confirmation-report", "confirmation-hearing", "veto-window", "reserve-report"):
        assert cite("chief-constable", rule) in hearing, rule
    code, _, err = run(capsys, "report", "panel-report", "--cycle", "cc", "-o", str(tmp_path / "r.pdf"),
                       "--db", panel)  # fmt: skip
    assert code == 2 and "no recommendation and no veto recorded" in err and not (tmp_path / "r.pdf").exists()
    ok(capsys, "set-date", "cc", "confirmation_hearing", "2025-09-15", "--db", panel)
    ok(capsys, "set-date", "cc", "panel_report", "2025-09-16", "--db", panel)
    ok(capsys, "vote", "cc", "--for", "10", "--against", "2", "--members", "12", "--date", "2025-09-16",
       "--db", panel)  # fmt: skip
    ok(capsys, "set-date", "cc", "reserve_notification_received", "2025-10-01", "--db", panel)
    reserve = paper(capsys, panel, tmp_path, "agenda", "cc", "2025-10-02")
    assert "Subject: Proposed appointment of a chief constable: the reserve candidate" in reserve
    assert "by 21 October 2025" in reserve and "no power to veto a reserve candidate" in reserve
    report = paper(capsys, panel, tmp_path, "panel-report", "cc", "2025-09-30")
    assert "The Panel vetoes the proposed appointment" in report and "10 for and 2 against" in report
    # no abstentions recorded: the vote sentence says nothing of them
    assert "10 for and 2 against. Two-thirds" in report and "abstain" not in report
    assert "must propose a reserve candidate" in report
    assert "following the confirmation hearing held on 15 September 2025" in report
    # once the reserve candidate is notified, the report is on the reserve candidate: a recommendation only
    code, _, err = run(capsys, "report", "panel-report", "--cycle", "cc", "--as-of", "2025-10-02",
                       "-o", str(tmp_path / "r.pdf"), "--db", panel)  # fmt: skip
    assert code == 2 and "no recommendation on the reserve candidate" in err
    ok(capsys, "set-date", "cc", "reserve_hearing", "2025-10-14", "--db", panel)
    ok(capsys, "set-date", "cc", "reserve_report", "2025-10-15", "--db", panel)
    ok(capsys, "recommendation", "add", "cc", "1", "--text", "That the reserve candidate be appointed.",
       "--db", panel)  # fmt: skip
    for suffix in (".pdf", ".docx"):
        reserve_report = paper(capsys, panel, tmp_path, "panel-report", "cc", "2025-10-16", suffix)
        assert "Report on the proposed appointment of the reserve candidate" in reserve_report
        assert cite("chief-constable", "reserve-report") in reserve_report
        assert "hearing with the reserve candidate held on 14 October 2025" in reserve_report
        assert "Recommendation 1: That the reserve candidate be appointed." in reserve_report
        assert "no power to veto the appointment of a reserve candidate" in reserve_report
        assert cite("chief-constable", "reserve-decision") in reserve_report
        assert "Date: 15 October 2025" in reserve_report
        assert "vetoes the proposed appointment" not in reserve_report


def test_every_process_has_an_agenda_item_citing_its_own_template_or_says_why_not(db_url, capsys, tmp_path):
    ok(capsys, "demo", "--db", db_url)
    ok(capsys, "body", "add", "wessex", "--name", "Wessex Police and Crime Commissioner", "--kind", "pcc",
       "--members", "12", "--db", db_url)  # fmt: skip
    cases = {
        "annual-report": ("wessex", "year_end=2025-03-31", "public-meeting", "the Panel's review"),
        "senior-staff": ("wessex", "notification_received=2025-10-06", "confirmation-report", "no power to veto"),
        "hmicfrs-comments": ("wessex", "report_published=2025-07-15", "publish-comments", "by 8 September 2025"),
        "dmpc-hearing": ("mopac", "notification_received=2024-06-03", "assembly-response", "two-thirds of the votes given"),
        "plan-london": ("mopac", "election=2028-05-04", "panel-report", "Review of the draft"),
    }  # fmt: skip
    for template, (body, trigger, rule, needle) in cases.items():
        cycle = f"x-{template}"
        ok(capsys, "cycle", "add", cycle, "--body", body, "--template", template, "--trigger", trigger,
           "--db", db_url)  # fmt: skip
        for suffix in (".pdf", ".docx"):
            text = paper(capsys, db_url, tmp_path, "agenda", cycle, "2025-11-01", suffix)
            assert cite(template, rule) in text and needle in text, (template, suffix)
            assert "{" not in text and "}" not in text
    # London's annual report: the public-meeting duty is the panels', and the paper says so
    ok(capsys, "cycle", "add", "lar", "--body", "mopac", "--template", "annual-report", "--trigger",
       "year_end=2025-03-31", "--db", db_url)  # fmt: skip
    text = paper(capsys, db_url, tmp_path, "agenda", "lar", "2025-11-01")
    assert "practice, not a statutory duty" in text and "the Committee's review" in text


def test_a_typo_in_a_process_key_or_placeholder_names_it(monkeypatch, tmp_path, capsys):
    import copy
    import json

    from tracker.reports import wording as module
    from tracker.reports.wording import WordingError, check_wording, wording

    words = wording()
    typo = copy.deepcopy(words)
    typo["processes"]["precept"]["items"]["proposed"]["subject"] = "Report by {due_panel_reprot}"
    with pytest.raises(WordingError, match="due_panel_reprot.*processes.precept.items.proposed.subject"):
        check_wording(typo)
    typo = copy.deepcopy(words)
    typo["processes"]["chief-constable"]["panel_report"]["response_rules"] = ["reserve-decison"]
    with pytest.raises(WordingError, match="reserve-decison"):
        check_wording(typo)
    typo = copy.deepcopy(words)
    typo["processes"]["annual-reports"] = typo["processes"].pop("annual-report")
    with pytest.raises(WordingError, match="processes.annual-reports"):
        check_wording(typo)
    typo = copy.deepcopy(words)
    del typo["processes"]["senior-staff"]["items"]["hearing"]["appendices"]
    with pytest.raises(WordingError, match="'appendices' in processes.senior-staff.items.hearing"):
        check_wording(typo)
    # the command line checks the wording when it starts, whatever the command
    folder = tmp_path / "report_templates"
    folder.mkdir()
    broken = copy.deepcopy(words)
    broken["processes"]["precept"]["items"]["proposed"]["subject"] = "{cite_panel_reprot}"
    (folder / "agenda.json").write_text(json.dumps(broken), encoding="utf-8")
    monkeypatch.setattr(module, "resource", lambda *parts: tmp_path.joinpath(*parts))
    module.wording.cache_clear()
    try:
        code, _, err = run(capsys, "rules", "list")
    finally:
        module.wording.cache_clear()
    assert code == 2 and "cite_panel_reprot" in err and err.count("\n") == 1


def notification_pdf(path, pages: int = 2) -> None:
    """A precept notification of a few pages, as the commissioner's office would send it."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(path), pagesize=A4)
    for page in range(1, pages + 1):
        canvas.setFont("Helvetica", 10)
        canvas.drawString(72, 760, "27 January 2026" if page == 1 else f"Budget table, sheet {page}.")
        canvas.drawString(72, 740, "Proposed Band D precept: an increase of 14 pounds.")
        canvas.showPage()
    canvas.save()


def proposed_item(capsys, store, target, *extra) -> None:
    ok(capsys, "report", "agenda", "--cycle", "p26", "--as-of", "2026-02-02", *extra, "-o", str(target),
       "--db", store)  # fmt: skip


def test_a_precept_item_appends_the_stored_notification_and_its_metadata_never_names_a_reply(
    precept, capsys, tmp_path
):
    from pypdf import PdfReader

    # no notification stored: the item lists it as Appendix 1, and says nothing of a reply in its metadata
    bare = tmp_path / "bare.pdf"
    proposed_item(capsys, precept, bare)
    reader = PdfReader(str(bare))
    assert reader.metadata.subject.startswith("Committee agenda item: The proposed precept")
    assert "reply" not in reader.metadata.subject.lower() and "Appendix" not in reader.metadata.subject
    notice = tmp_path / "notice.pdf"
    notification_pdf(notice)
    result = ok(capsys, "import", "document", str(notice), "--cycle", "p26", "--kind", "notification",
                "--title", "Proposed precept 2026/27", "--db", precept)  # fmt: skip
    assert result["kind"] == "notification" and not result["unchanged"]
    item = tmp_path / "item.pdf"
    proposed_item(capsys, precept, item)
    pages = [" ".join((p.extract_text() or "").split()) for p in PdfReader(str(item)).pages]
    assert len(pages) == len(reader.pages) + 1 + 2  # the item, its appendix cover page, the notice's 2 pages
    cover = pages[-3]
    assert "Appendix 1: the notification of the proposed precept" in cover
    assert "Proposed precept 2026/27" in cover and "27 January 2026" in cover and "(2 pages)" in cover
    assert "Budget table, sheet 2." in pages[-1] and "Proposed Band D precept" in pages[-2]
    subject = PdfReader(str(item)).metadata.subject
    assert "reply" not in subject.lower() and "Appendix 1" in subject
    # appended, so not listed again as a background paper; no file name anywhere
    background = " ".join(pages[:-3]).split("Background Papers")[-1]
    assert "Proposed precept 2026/27" not in background and "notice.pdf" not in " ".join(pages)
    # the Word paper sets the notice's text
    text = paper(capsys, precept, tmp_path, "agenda", "p26", "2026-02-02", ".docx")
    assert "Proposed Band D precept: an increase of 14 pounds." in text
    # published separately: listed, not appended
    separate = tmp_path / "separate.pdf"
    proposed_item(capsys, precept, separate, "--without-appendix")
    assert len(PdfReader(str(separate)).pages) == len(reader.pages)


def test_two_thirds_counts_the_members_in_post_on_the_day_of_the_meeting_not_today(precept, capsys, tmp_path):
    # the panel had 12 members until 1 February 2026, and 15 from then
    ok(capsys, "body", "edit", "wessex", "--members", "12", "--from", "2025-01-01", "--db", precept)
    ok(capsys, "body", "edit", "wessex", "--members", "15", "--from", "2026-02-01", "--db", precept)
    before = tmp_path / "before.pdf"
    ok(capsys, "report", "agenda", "--cycle", "p26", "--as-of", "2026-01-29", "--meeting-date", "2026-01-30",
       "-o", str(before), "--db", precept)  # fmt: skip
    assert "with 12 members in post, at least 8" in pdf_text(before)
    after = paper(capsys, precept, tmp_path, "agenda", "p26", "2026-02-03")
    assert "with 15 members in post, at least 10" in after


def test_a_vote_taken_after_the_papers_day_does_not_turn_the_item_into_the_revised_precept(
    precept, capsys, tmp_path
):
    ok(capsys, "vote", "p26", "--for", "9", "--against", "3", "--members", "12", "--date", "2026-02-05",
       "--db", precept)  # fmt: skip
    before = paper(capsys, precept, tmp_path, "agenda", "p26", "2026-01-30")
    assert "Subject: The proposed precept" in before and "9 for and 3 against" not in before
    after = paper(capsys, precept, tmp_path, "agenda", "p26", "2026-02-06")
    assert "Subject: The revised precept" in after and "9 for and 3 against. Two-thirds" in after


def test_a_panel_named_from_the_commissioners_title_names_the_place(db_url, capsys):
    ok(capsys, "body", "add", "north", "--name", "Police and Crime Commissioner for Northshire", "--kind", "pcc",
       "--members", "12", "--db", db_url)  # fmt: skip
    ok(capsys, "body", "add", "west", "--name", "Westshire Police and Crime Commissioner", "--kind", "pcc",
       "--db", db_url)  # fmt: skip
    panels = {b["id"]: b["panel"]["name"] for b in ok(capsys, "body", "list", "--db", db_url)}
    assert panels == {
        "north": "Northshire Police and Crime Panel",
        "west": "Westshire Police and Crime Panel",
    }


def test_the_word_paper_sets_the_appended_text_and_does_not_promise_pages_that_follow(
    precept, capsys, tmp_path
):
    notice = tmp_path / "notice.pdf"
    notification_pdf(notice)
    ok(capsys, "import", "document", str(notice), "--cycle", "p26", "--kind", "notification", "--db", precept)
    word = paper(capsys, precept, tmp_path, "agenda", "p26", "2026-02-02", ".docx")
    assert "Proposed Band D precept" in word and "follows as it was received" not in word
    assert "follows as it was received (2 pages)" in paper(
        capsys, precept, tmp_path, "agenda", "p26", "2026-02-02"
    )


def test_the_list_of_appendices_says_where_a_document_the_store_does_not_hold_is(precept, capsys, tmp_path):
    listed = "Appendix 1: the notification of the proposed precept and the papers sent with it"
    # no copy in the store: listed, with a plain word that the clerk will circulate it
    bare = tmp_path / "bare.pdf"
    proposed_item(capsys, precept, bare)
    assert f"{listed} (not held: to be circulated)" in pdf_text(bare)
    # published separately: listed as such, never as to be circulated
    separate = tmp_path / "separate.pdf"
    proposed_item(capsys, precept, separate, "--without-appendix")
    text = pdf_text(separate)
    assert f"{listed} (published separately)" in text and "to be circulated" not in text
    # held: appended, and listed without a note
    notice = tmp_path / "notice.pdf"
    notification_pdf(notice)
    ok(capsys, "import", "document", str(notice), "--cycle", "p26", "--kind", "notification", "--db", precept)
    item = tmp_path / "item.pdf"
    proposed_item(capsys, precept, item)
    text = pdf_text(item)
    assert f"{listed} Local Government" in text  # the list ends there: the background papers' heading follows
    assert "not held" not in text and "published separately" not in text
