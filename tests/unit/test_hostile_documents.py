"""Hostile and unusual documents: broken or bombed Word files, encrypted PDFs, text built to be slow,
characters that must survive as written, control characters, UTF-16 and four-digit numbers."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from tracker.errors import BadInput
from tracker.importing.audit import audit_reply
from tracker.importing.extract import clean, extract_recommendations
from tracker.importing.readers import document_from_text, read_document

RECOMMENDATION = "1. The Commissioner should publish the plan by 1 March 2026."


def _docx_bytes(text: str = RECOMMENDATION) -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _replace_member(data: bytes, name: str, content: bytes | None) -> bytes:
    """The same zip with one member replaced (or left out when content is None)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            if info.filename == name:
                if content is not None:
                    target.writestr(name, content)
            else:
                target.writestr(info, source.read(info.filename))
    return out.getvalue()


def _refused(path: Path, *fragments: str) -> BadInput:
    with pytest.raises(BadInput) as caught:
        read_document(path)
    error = caught.value
    assert error.field == "file" and error.value == path.name
    for fragment in fragments:
        assert fragment in error.problem, error.problem
    assert "\n" not in error.message
    return error


# ---- 1. hostile Word files ---------------------------------------------------------------------------
def test_docx_that_is_not_a_zip(tmp_path):
    path = tmp_path / "fake.docx"
    path.write_bytes(b"PK\x03\x04 but not really a zip file at all")
    _refused(path, "not a readable Word document")


def test_password_protected_word_file_is_named(tmp_path):
    path = tmp_path / "protected.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504)
    _refused(path, "password-protected")


def test_zip_that_is_not_a_word_document(tmp_path):
    path = tmp_path / "other.docx"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("hello.txt", "hello")
    path.write_bytes(out.getvalue())
    _refused(path, "not a readable Word document")


def test_docx_with_malformed_document_xml(tmp_path):
    path = tmp_path / "malformed.docx"
    path.write_bytes(_replace_member(_docx_bytes(), "word/document.xml", b"<w:document><w:body><w:p>"))
    _refused(path, "not a readable Word document")


def test_docx_without_a_body(tmp_path):
    path = tmp_path / "nobody.docx"
    xml = b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>'
    path.write_bytes(_replace_member(_docx_bytes(), "word/document.xml", xml))
    with pytest.raises(BadInput):
        read_document(path)


def test_docx_with_very_deep_nesting(tmp_path):
    depth = 100_000
    xml = (
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p>'
        + b"<w:r>" * depth
        + b"</w:r>" * depth
        + b"</w:p></w:body></w:document>"
    )
    path = tmp_path / "deep.docx"
    path.write_bytes(_replace_member(_docx_bytes(), "word/document.xml", xml))
    _refused(path, "not a readable Word document")


def test_docx_zip_bomb_is_refused_before_python_docx_opens_it(tmp_path, monkeypatch):
    import docx

    base = _docx_bytes()

    def never(*args, **kwargs):
        raise AssertionError("python-docx must not open a zip bomb")

    monkeypatch.setattr(docx, "Document", never)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(base)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            if info.filename != "word/document.xml":
                target.writestr(info, source.read(info.filename))
        with target.open("word/document.xml", "w", force_zip64=True) as member:
            chunk = b" " * (1024 * 1024)
            for _ in range(60):  # 60 MB of spaces: a few hundred KB once compressed
                member.write(chunk)
    path = tmp_path / "bomb.docx"
    path.write_bytes(out.getvalue())
    assert path.stat().st_size < 1024 * 1024
    error = _refused(path, "is too large once unpacked (")
    assert "60 MB" in error.problem


def test_ordinary_docx_still_reads(tmp_path):
    path = tmp_path / "fine.docx"
    path.write_bytes(_docx_bytes())
    assert read_document(path).text.strip() == RECOMMENDATION


# ---- 2. encrypted PDFs --------------------------------------------------------------------------------
def _plain_pdf(path: Path, text: str = RECOMMENDATION) -> Path:
    from reportlab.pdfgen import canvas

    page = canvas.Canvas(str(path))
    page.drawString(72, 720, text)
    page.save()
    return path


def _pypdf_encrypted(tmp_path: Path, name: str, user: str, owner: str, algorithm: str) -> Path:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(_plain_pdf(tmp_path / f"plain-{name}")).pages:
        writer.add_page(page)
    writer.encrypt(user_password=user, owner_password=owner, algorithm=algorithm)
    path = tmp_path / name
    with open(path, "wb") as handle:
        writer.write(handle)
    return path


@pytest.mark.parametrize("algorithm", ["AES-128", "AES-256", "RC4-128"])
def test_pdf_with_only_an_owner_password_is_read(tmp_path, algorithm):
    path = _pypdf_encrypted(tmp_path, "owner-only.pdf", "", "owner-secret", algorithm)
    assert "publish the plan" in read_document(path).text


def test_reportlab_owner_only_pdf_is_read(tmp_path):
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen import canvas

    path = tmp_path / "reportlab-owner.pdf"
    page = canvas.Canvas(str(path), encrypt=StandardEncryption("", "owner-secret", strength=128))
    page.drawString(72, 720, RECOMMENDATION)
    page.save()
    assert "publish the plan" in read_document(path).text


@pytest.mark.parametrize("algorithm", ["AES-128", "AES-256", "RC4-128"])
def test_pdf_needing_a_user_password_is_refused(tmp_path, algorithm):
    path = _pypdf_encrypted(tmp_path, "locked.pdf", "user-secret", "owner-secret", algorithm)
    _refused(path, "is protected by a password")


# ---- 3. linear time -----------------------------------------------------------------------------------
HOSTILE = {
    "open brackets": "(",
    "open square brackets": "[",
    "links": "[a](b)",
    "unclosed links": "[a](",
    "angle brackets": "<",
    "unclosed tags": "<b x",
    "dates without a full stop": "1 March 2022 ",
    "dated asks": "by 1 March 2022 and ",
    "ordinals": "the first and ",
    "recommendations told of": "The Panel recommended that x. I agree. ",
    "asides": "the panel on x, ",
    "numbers named": "recommendations 1, ",
    "status lines": "Agreed.\n",
    "contents leaders": "a .... 1\n",
    "status log": "Update March 2024: x\n",
    "it recommended": "The review found x. In particular, it recommended that y and that z. ",
    "report openings": "The Committee has agreed to the following Report:\n1. x\n",
    "answers to recommendations": "(a) to say which recommendations have been accepted;\n",
    "approving resolutions": "(a) that approval be given to Recommendation 1, that x;\n",
    "lone dashes": "-\nThe force should publish its figures monthly\n",
    "key points": "Key points made by the committee include:\n- x should y\n",
    "progress bullets": "o x to be published. This recommendation is met.\n",
    "progress paragraphs": "The force should act.\n\nThis recommendation is met.\n\n",
    "meeting days": "To the Meeting Tuesday,1 ",
    "paragraphs under headings": "Topic\n1. x.\n2. y.\n",
    "drafts named by number": "The Panel considered the draft recommendations and Recommendation 1, ",
    "one of several": "the recommendations, one of which was that x, ",
    "a body's recommendation to": "The Panel made its recommendation to act, which ",
    "responses told of": "The Panel recommended that x.\n\nThe Commissioner's response ",
    "quoted extracts": "Extracts from the letter of the Panel.\nIt should act\n",
    "plain lines": "The five recommendations are:\nThe force should act now.\n",
    "plain labels": "Recommendations: the force should act on it\n",
    "plain headings": "Recommendations\nThe force should act on it now.\n",
    "verb lines": "The recommendations seek to:\nImprove the way it works.\n",
    "debate paragraphs": "1. Mr Black, Chair of the Board introduced x.\n",
    "roman lists": "i) x\n",
    "recommended without that": "The report recommended the x should be y. ",
    "calling for": "The Police and Crime Committee wrote, calling for x. ",
    "speech lead-ins": "The update on recommendations. She highlighted that:\n· x\n",
    "decision lines": "The recommendations of the x be approved. ",
    "weighed answers": "The force has assessed the recommendations:\n\n",
    "gap numbers": "1      The force should x;\n",
    "most of them": "Most of the recommendations had been agreed. ",
    "stated asks": "The Police and Crime Committee calls on the Mayor to x. ",
    "stated asks run on": "The Committee and ",
    "has called for": "The Police and Crime Committee has called for x. ",
    "counted to clauses": "the three recommendations to x, to y and to z ",
    "own decisions": "Issue - decisions\n1. That the x be y.\n",
    "decimal sections": "1. Comments:\n- x\n1.2 y\n",
    "stamped date": " date 2025-01-10 x\n",
    "counted headings": "We have accepted all the AFIs.\nCustody AFIs (2)\n",
    "approved range": "That Recommendations 1 to 3 be approved:-\nRecommendation 1\nx\n",
}


@pytest.mark.parametrize("unit", list(HOSTILE.values()), ids=list(HOSTILE))
def test_hostile_text_finishes(unit):
    size = 200 * 1024
    text = (unit * (size // len(unit) + 1))[:size]
    extract_recommendations(text)
    extract_recommendations("1. The plan should be published " + text)  # as a recommendation's own text
    audit_reply(text)  # and as a reply read alone


# ---- 4. text kept as written --------------------------------------------------------------------------
def test_angle_brackets_and_backslashes_are_kept():
    first = "Answer 95% of calls in < 10 minutes for > 90% of cases."
    second = r"Use the C:\Reports\2025 folder."
    found = extract_recommendations(f"1. {first}\n2. {second}\n").recommendations
    assert [r.text for r in found] == [first, second]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("a <b>bold</b> word", "a bold word"),
        ("line<br>break<br/>here<br />", "linebreakhere"),
        ("an <i>italic</i> and <span class=\"x\" style='y'>span</span>", "an italic and span"),
        ("footnote<sup>3</sup> here", "footnote here"),
        ("31<sup>st</sup> March", "31st March"),
        ('<a href="mailto:x@example.org">x@example.org</a>', "x@example.org"),
        ("if a<b and c>d", "if a<b and c>d"),
        ("x <= 5 and y >= 6, 3 < 4", "x <= 5 and y >= 6, 3 < 4"),
        (r"police\_crime and \*not bold\* \# \[x\]", "police_crime and not bold # [x]"),
        (r"police\\_crime", "police_crime"),
        (r"\\server\share C:\Reports\2025", r"\\server\share C:\Reports\2025"),
        ("[Draft plan](#), 2 December", "Draft plan, 2 December"),
    ],
)
def test_clean_keeps_text_and_strips_markup(raw, expected):
    assert clean(raw) == expected


# ---- 5. control characters and UTF-16 -----------------------------------------------------------------
def test_control_characters_are_removed(tmp_path):
    path = tmp_path / "controls.txt"
    path.write_bytes(("\x01" + RECOMMENDATION.replace("plan", "pl\x07an\x1b") + "\tend\r\n").encode())
    text = read_document(path).text
    assert text == RECOMMENDATION + "\tend\n"
    assert not any(ord(ch) < 32 and ch not in "\t\n" for ch in document_from_text("a\x00b\x02c\x7f").text)


def test_nul_never_survives(tmp_path):
    path = tmp_path / "late-nul.txt"
    path.write_bytes(RECOMMENDATION.encode() + b"\n" + b"x" * 70_000 + b"\x00\n")
    assert "\x00" not in read_document(path).text
    assert "\x00" not in document_from_text("pasted\x00 text").text


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_with_byte_order_mark_is_read(tmp_path, encoding):
    import codecs

    bom = codecs.BOM_UTF16_LE if encoding.endswith("le") else codecs.BOM_UTF16_BE
    path = tmp_path / f"{encoding}.txt"
    text = RECOMMENDATION + "\nCroeso i’r Panel — ŵyl\n"
    path.write_bytes(bom + text.encode(encoding))
    assert read_document(path).text == text
    assert [r.number for r in extract_recommendations(read_document(path)).recommendations] == ["1"]


def test_utf16_without_bom_is_still_binary(tmp_path):
    path = tmp_path / "nobom.txt"
    path.write_bytes(RECOMMENDATION.encode("utf-16-le"))
    _refused(path, "binary")


# ---- 6. four-digit numbers ----------------------------------------------------------------------------
def _numbers(text: str) -> list[str]:
    return [r.number for r in extract_recommendations(text).recommendations]


def test_recommendations_past_999_with_headings():
    text = "\n\n".join(f"Recommendation {n}\nThe Commissioner should do thing {n}." for n in range(998, 1002))
    assert _numbers(text) == ["998", "999", "1000", "1001"]


def test_recommendations_past_999_with_r_labels():
    text = "\n".join(f"R{n}: The Commissioner should do thing {n}." for n in range(998, 1002))
    assert _numbers(text) == ["998", "999", "1000", "1001"]


def test_recommendations_past_999_numbered():
    text = "\n".join(f"{n}. The Commissioner should do thing {n}." for n in range(1, 1002))
    assert _numbers(text)[-4:] == ["998", "999", "1000", "1001"]
    assert len(_numbers(text)) == 1001


def test_reply_to_recommendations_past_999():
    text = "\n\n".join(
        f"Recommendation {n}\n\nWe agree and will publish it by 1 March 2026." for n in range(998, 1002)
    )
    audit = audit_reply(text)
    assert [(r.number, r.status) for r in audit.recommendations] == [
        (str(n), "replied") for n in range(998, 1002)
    ]
    assert audit_reply(
        "Recommendations 999 to 1001\n\nWe agree.\n\nRecommendation 1002\n\nNoted."
    ).recommendations


def test_a_year_starting_a_wrapped_line_is_not_a_number():
    text = "1. The Commissioner should publish the plan by March\n2026. It should also set targets.\n"
    found = extract_recommendations(text).recommendations
    assert [r.number for r in found] == ["1"]
    assert "2026. It should also set targets." in found[0].text
