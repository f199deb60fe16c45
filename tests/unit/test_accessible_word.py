"""Word papers anyone can read: British English as the document's own default, alternative text on every
image, header rows marked as such, and no empty paragraph standing in for space. Read back from the XML."""

from __future__ import annotations

import datetime as dt
import io

import docx
import pytest
from docx.oxml.ns import qn

from tests.unit.test_reports import _png
from tracker.reports.agenda import AgendaOptions, render_agenda
from tracker.reports.audit import render_audit_docx
from tracker.reports.common import ReportSettings
from tracker.reports.status import render_status_docx


@pytest.mark.parametrize("kind", ["status", "audit", "agenda"])
def test_word_papers_are_readable_by_everyone(demo, tmp_path, kind):
    detail = demo.cycles.detail("london-2022", dt.date(2022, 4, 1))
    settings = ReportSettings(organisation="Eastshire Panel", logo_path=_png(tmp_path / "logo.png"))
    data = {
        "status": lambda: render_status_docx(detail, settings),
        "audit": lambda: render_audit_docx(detail, settings),
        "agenda": lambda: render_agenda(detail, AgendaOptions(without_appendix=True), settings, "docx"),
    }[kind]()
    document = docx.Document(io.BytesIO(data))
    defaults = document.styles.element.find(qn("w:docDefaults"))
    assert defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}").get(qn("w:val")) == "en-GB"
    body = document.element.body
    pictures = list(body.iter(qn("wp:docPr")))
    assert pictures and all(p.get("descr") == "Logo of Eastshire Panel" for p in pictures)
    assert document.tables or kind == "agenda"
    for table in document.tables:
        assert table.rows[0]._tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
    for paragraph in document.paragraphs:
        element = paragraph._p
        holds = element.find(f".//{qn('w:drawing')}") is not None or any(
            br.get(qn("w:type")) == "page" for br in element.iter(qn("w:br"))
        )
        assert paragraph.text.strip() or holds, "an empty paragraph used for space"
    assert document.styles["Normal"].paragraph_format.space_after is not None
