"""A corpus of bad input for the `tracker` command line: dates, ids and names, files, outputs, stores, votes, settings.

`cases(workdir)` writes into `workdir` every file the cases point at and returns the cases. Each case is one command
line; the test (tests/unit/test_bad_input_corpus.py) appends `--db URL` of a fresh copy of the base store unless the
case names its own store, and checks the exit code, stderr and that a failed command left the store unchanged.

The base store the cases assume: `tracker demo` (London cycles london-2013/2017/2022/2025, body "mopac"), then body
"wessex" (pcc, 10 members), cycle "c1" (plan-pcc, election 2024-05-02) and cycle "p27" (precept, financial year
starting 2027-04-01).

Run as a script, `python tests/bad_inputs.py OUTDIR` writes the files into OUTDIR and prints the cases as JSON lines.
"""

from __future__ import annotations

import json
import os
import sys
import zipfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

# The store's base has these; see the module docstring.
PLAN_CYCLE = "c1"
VETO_CYCLE = "p27"
BODY = "wessex"

# How big the uncompressed word/document.xml of the zip-bomb-ish .docx is.
BOMB_SIZE = 60 * 1024 * 1024


@dataclass
class Case:
    id: str
    argv: list[str]
    expect: set[int] = field(default_factory=lambda: {2})
    store_must_not_change: bool = True

    @property
    def has_own_db(self) -> bool:
        return "--db" in self.argv


# ---- the files ---------------------------------------------------------------------------------------------
_DOCX_HEAD = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>'
)
_DOCX_TAIL = "</w:t></w:r></w:p></w:body></w:document>"
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>'
)

GOOD_TEXT = (
    "Police and Crime Panel\n"
    "Report on the draft Police and Crime Plan\n"
    "Date: 10 January 2025\n\n"
    "Recommendation 1: The Commissioner should publish the plan's measures every quarter.\n"
    "Recommendation 2: The Commissioner should set out how victims' views were taken into account.\n"
)

# A minimal one-page PDF with no text layer (a drawn rectangle only); offsets are computed when it is written.
_PDF_OBJECTS = [
    b"<< /Type /Catalog /Pages 2 0 R >>",
    b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>",
    None,  # the content stream
]
_PDF_CONTENT = b"0 0 1 rg 100 100 300 400 re f"


def _pdf_without_text() -> bytes:
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    objects = list(_PDF_OBJECTS)
    objects[3] = b"<< /Length %d >>\nstream\n" % len(_PDF_CONTENT) + _PDF_CONTENT + b"\nendstream"
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _write_docx(path: Path, body: str) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("word/document.xml", _DOCX_HEAD + body + _DOCX_TAIL)


def _write_bomb_docx(path: Path) -> None:
    """A valid-looking .docx whose document.xml is BOMB_SIZE bytes, mostly spaces (compresses to ~60 KB)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            member.write(_DOCX_HEAD.encode())
            chunk = b" " * (1024 * 1024)
            for _ in range(BOMB_SIZE // len(chunk)):
                member.write(chunk)
            member.write(_DOCX_TAIL.encode())


def reset_scratch(workdir: Path) -> dict[str, Path]:
    """The inputs a case may legitimately change, made afresh before each case: the symlink loop the output cases
    write to (an atomic write replaces the link with the file) and the 0-byte store (SQLite takes a 0-byte file for
    an empty database, so opening it may create the schema)."""
    a, b = Path(workdir) / "out-loop-a", Path(workdir) / "out-loop-b"
    for link, target in ((a, b), (b, a)):
        if link.is_symlink() or link.exists():
            link.unlink()
        link.symlink_to(target)
    empty_db = Path(workdir) / "empty-file.db"
    for path in (empty_db, Path(f"{empty_db}-wal"), Path(f"{empty_db}-shm"), Path(f"{empty_db}-journal")):
        path.unlink(missing_ok=True)
    empty_db.write_bytes(b"")
    return {"out_loop_a": a, "out_loop_b": b, "empty_db": empty_db}


def make_files(workdir: Path) -> dict[str, Path]:
    """Every bad file, folder and link the cases use, by name."""
    workdir.mkdir(parents=True, exist_ok=True)
    f: dict[str, Path] = {}

    def put(name: str, data: bytes | str) -> Path:
        path = workdir / name
        if path.exists():
            path.chmod(0o644)  # a second run over the same folder (unreadable.txt is chmod 000)
        if isinstance(data, str):
            data = data.encode("utf-8")
        path.write_bytes(data)
        return path

    f["empty_txt"] = put("empty.txt", b"")
    f["empty_docx"] = put("empty.docx", b"")
    f["empty_pdf"] = put("empty.pdf", b"")
    f["blank_txt"] = put("blank.txt", " \n\t\n\n   \n")
    f["binary_txt"] = put("binary.txt", bytes(range(256)) * 64)
    f["binary_bin"] = put("binary.bin", os.urandom(4096))
    f["utf16_txt"] = put("utf16.txt", GOOD_TEXT.encode("utf-16-le"))  # no BOM
    f["latin1_txt"] = put(
        "latin1.txt", ("Argymhelliad 1: Dylai’r Comisiynydd… café £5 " + GOOD_TEXT).encode("cp1252")
    )
    f["notzip_docx"] = put("notzip.docx", "This is not a zip archive, only text with a .docx name.\n")
    f["truncated_docx"] = workdir / "truncated.docx"
    _write_docx(f["truncated_docx"], "Recommendation 1: publish.")
    f["truncated_docx"].write_bytes(f["truncated_docx"].read_bytes()[:200])
    f["zip_no_document_docx"] = workdir / "nodocument.docx"
    with zipfile.ZipFile(f["zip_no_document_docx"], "w") as archive:
        archive.writestr("hello.txt", "no word/document.xml here")
    f["bad_xml_docx"] = workdir / "badxml.docx"
    with zipfile.ZipFile(f["bad_xml_docx"], "w") as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("word/document.xml", "<w:document><unclosed>")
    f["bomb_docx"] = workdir / "bomb.docx"
    _write_bomb_docx(f["bomb_docx"])
    f["notext_pdf"] = put("notext.pdf", _pdf_without_text())
    f["corrupt_pdf"] = put("corrupt.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\ngarbage garbage\n")
    f["notpdf_pdf"] = put("notpdf.pdf", "plain text pretending to be a PDF\n")
    f["pdf_as_txt"] = put("pdf-as.txt", _pdf_without_text())
    f["unknown_ext"] = put("report.odt", GOOD_TEXT)
    f["no_ext"] = put("README", GOOD_TEXT)
    f["welsh_amp"] = put("Ymateb y Comisiynydd – ŵŷâ & adroddiad.txt", GOOD_TEXT)
    f["folder"] = workdir / "a folder"
    f["folder"].mkdir(exist_ok=True)
    f["folder_docx"] = workdir / "folder.docx"
    f["folder_docx"].mkdir(exist_ok=True)
    f["missing_file"] = workdir / "no-such-file.txt"
    f["missing_folder_file"] = workdir / "no-such-folder" / "report.txt"
    f["readonly"] = workdir / "read-only"
    f["readonly"].mkdir(exist_ok=True)
    f["unreadable_txt"] = put("unreadable.txt", GOOD_TEXT)
    f["unreadable_txt"].chmod(0o000)
    f["readonly"].chmod(0o500)
    f["loop_a"] = workdir / "loop-a"
    f["loop_b"] = workdir / "loop-b"
    for link, target in ((f["loop_a"], f["loop_b"]), (f["loop_b"], f["loop_a"])):
        if not link.is_symlink():
            link.symlink_to(target)
    f.update(reset_scratch(workdir))
    f["dangling"] = workdir / "dangling.txt"
    if not f["dangling"].is_symlink():
        f["dangling"].symlink_to(workdir / "nowhere.txt")
    f["not_sqlite"] = put("not-sqlite.db", "SQLite format 2? no: just text\n" * 20)
    f["text_logo"] = put("logo.png", "not an image at all\n")
    f["binary_logo"] = put("logo.jpg", os.urandom(2048))
    return f


# ---- the cases -----------------------------------------------------------------------------------------------
def cases(workdir: Path) -> list[Case]:
    f = make_files(Path(workdir))
    out: list[Case] = []

    def add(
        id_: str, argv: list[str], expect: set[int] | None = None, store_must_not_change: bool = True
    ) -> None:
        out.append(Case(id_, [str(a) for a in argv], expect or {2}, store_must_not_change))

    # -- dates ------------------------------------------------------------------------------------------------
    bad_dates = {
        "feb30": "2023-02-30",
        "feb29-not-leap": "2023-02-29",
        "month13": "2023-13-01",
        "month00": "2023-00-10",
        "day00": "2023-05-00",
        "day32": "2023-05-32",
        "isoweek": "2024-W18-4",
        "isoweek-short": "2024W184",
        "compact": "20240502",
        "slashes": "2024/05/02",
        "month-first": "05/13/2024",  # day first is taken (02/05/2024); never month first
        "year0001": "0001-05-02",
        "year1899": "1899-05-02",
        "year2201": "2201-05-02",
        "year9999": "9999-12-31",
        "year5digits": "20240-05-02",
        "negative-year": "-2024-05-02",
        "empty": "",
        "spaces": "   ",
        "text": "next thursday",
        "welsh": "dydd Iau 2 Mai 2024",
        "fullwidth": "２０２４-05-02",
        "datetime": "2024-05-02T10:00:00",
        "huge-number": "9" * 40,
    }
    for key, value in bad_dates.items():
        add(f"date-compute-{key}", ["rules", "compute", "plan-pcc", "--trigger", f"election={value}"])
    add("date-compute-no-equals", ["rules", "compute", "plan-pcc", "--trigger", "election"])
    add("date-compute-no-name", ["rules", "compute", "plan-pcc", "--trigger", "=2024-05-02"])
    add(
        "date-compute-unknown-trigger", ["rules", "compute", "plan-pcc", "--trigger", "coronation=2024-05-02"]
    )
    add(
        "date-compute-year-edge-2200",
        ["rules", "compute", "plan-pcc", "--trigger", "election=2200-12-31"],
        {0, 2},
    )
    add(
        "date-compute-year-edge-1900",
        ["rules", "compute", "plan-pcc", "--trigger", "election=1900-01-01"],
        {0, 2},
    )
    add("date-compute-precept-2200", ["rules", "compute", "precept", "--trigger", "financial_year_start=2200-12-31"],
        {0, 2})  # fmt: skip

    for key in ("feb30", "year9999", "year0001", "isoweek", "empty", "text", "welsh"):
        add(f"date-asof-{key}", ["deadlines", "--as-of", bad_dates[key]])
    add("date-asof-2200-edge", ["deadlines", "--as-of", "2200-12-31"], {0, 2})
    add("date-cycles-asof-feb30", ["cycles", "--as-of", "2023-02-30"])
    for key, value in {
        "negative": "-1",
        "very-negative": "-99999999",
        "huge": "99999999999999999999",
        "text": "a fortnight",
        "float": "1.5",
        "empty": "",
    }.items():
        add(f"date-within-{key}", ["deadlines", "--within", value])

    for key in ("feb30", "month13", "year9999", "year0001", "isoweek", "empty", "text", "welsh", "compact"):
        add(f"date-setdate-{key}", ["set-date", PLAN_CYCLE, "draft_published", bad_dates[key]])
    add("date-setdate-month-13", ["set-date", PLAN_CYCLE, "draft_published", "2024-13"])
    add("date-setdate-month-year9999", ["set-date", PLAN_CYCLE, "draft_published", "9999-01"])
    add("date-setdate-no-date", ["set-date", PLAN_CYCLE, "draft_published"])
    add(
        "date-setdate-after-unknown-stage",
        ["set-date", PLAN_CYCLE, "draft_published", "--after", "no_such_stage"],
    )

    for key in ("feb30", "year9999", "year1899", "empty", "welsh"):
        add(f"date-cycleadd-{key}",
            ["cycle", "add", "c9", "--body", BODY, "--template", "plan-pcc", "--trigger", f"election={bad_dates[key]}"])  # fmt: skip
    add("date-cycleedit-feb30", ["cycle", "edit", PLAN_CYCLE, "--trigger", "election=2023-02-30"])
    for key in ("feb30", "year9999", "empty", "text", "isoweek"):
        add(
            f"date-meeting-{key}",
            ["meeting", "add", "--body", BODY, "--date", bad_dates[key], "--title", "Panel"],
        )
    add("date-vote-feb30", ["vote", VETO_CYCLE, "--for", "8", "--against", "1", "--date", "2023-02-30"])
    add(
        "date-import-feb30",
        ["import", "recommendations", f["welsh_amp"], "--cycle", PLAN_CYCLE, "--date", "2023-02-30"],
    )
    add(
        "date-export-ics-from-text", ["export", "ics", "-o", Path(workdir) / "out-from.ics", "--from", "soon"]
    )
    add(
        "date-export-ics-alarm-huge",
        ["export", "ics", "-o", Path(workdir) / "out-alarm.ics", "--alarm-days", "99999"],
    )
    add("date-export-ics-alarm-negative",
        ["export", "ics", "-o", Path(workdir) / "out-alarm2.ics", "--alarm-days", "-3"])  # fmt: skip
    add("date-body-members-from-feb30",
        ["body", "edit", BODY, "--members", "11", "--from", "2023-02-30"])  # fmt: skip

    # -- ids and names ---------------------------------------------------------------------------------------
    add("id-show-unknown-cycle", ["show", "no-such-cycle"])
    add("id-setdate-unknown-cycle", ["set-date", "no-such-cycle", "election", "2024-05-02"])
    add("id-setdate-unknown-stage", ["set-date", PLAN_CYCLE, "no_such_stage", "2024-05-02"])
    add("id-deadlines-unknown-cycle", ["deadlines", "--cycle", "no-such-cycle"])
    add("id-cycleadd-unknown-body",
        ["cycle", "add", "c9", "--body", "no-such-body", "--template", "plan-pcc", "--trigger", "election=2024-05-02"])  # fmt: skip
    add("id-cycleadd-unknown-template",
        ["cycle", "add", "c9", "--body", BODY, "--template", "no-such-template"])  # fmt: skip
    add(
        "id-compute-unknown-template",
        ["rules", "compute", "no-such-template", "--trigger", "election=2024-05-02"],
    )
    add("id-cycleadd-duplicate",
        ["cycle", "add", PLAN_CYCLE, "--body", BODY, "--template", "plan-pcc", "--trigger", "election=2024-05-02"])  # fmt: skip
    add("id-cycleadd-duplicate-london",
        ["cycle", "add", "london-2022", "--body", BODY, "--template", "plan-pcc", "--trigger", "election=2024-05-02"])  # fmt: skip
    add(
        "id-bodyadd-duplicate", ["body", "add", BODY, "--name", "W again", "--kind", "pcc", "--members", "10"]
    )
    add(
        "id-bodyadd-duplicate-mopac",
        ["body", "add", "mopac", "--name", "M", "--kind", "mopac", "--members", "10"],
    )
    add("id-bodyedit-unknown", ["body", "edit", "no-such-body", "--name", "X"])
    add("id-cycleedit-unknown", ["cycle", "edit", "no-such-cycle", "--title", "X"])
    add("id-cycleremove-unknown", ["cycle", "remove", "no-such-cycle"])
    add(
        "id-meeting-unknown-body",
        ["meeting", "add", "--body", "no-such-body", "--date", "2025-01-10", "--title", "P"],
    )
    add("id-meeting-unknown-cycle",
        ["meeting", "add", "--body", BODY, "--date", "2025-01-10", "--title", "P", "--cycle", "no-such-cycle"])  # fmt: skip
    add(
        "id-report-unknown-cycle",
        ["report", "status", "--cycle", "no-such-cycle", "-o", Path(workdir) / "u.pdf"],
    )
    add(
        "id-export-unknown-cycle",
        ["export", "xlsx", "--cycle", "no-such-cycle", "-o", Path(workdir) / "u.xlsx"],
    )
    bad_ids = {
        "space": "new body",
        "upper": "NewBody",
        "welsh": "gŵyr",
        "long300": "a" * 300,
        "long65": "b" * 65,
        "empty": "",
        "slash": "a/b",
        "quote": "x'; drop table body; --",
        "dot": "..",
    }
    for key, value in bad_ids.items():
        add(f"id-bodyadd-{key}", ["body", "add", value, "--name", "N", "--kind", "pcc", "--members", "10"])
    for key in ("space", "upper", "welsh", "long300", "empty"):
        add(f"id-cycleadd-{key}",
            ["cycle", "add", bad_ids[key], "--body", BODY, "--template", "plan-pcc", "--trigger", "election=2024-05-02"])  # fmt: skip
    for value in ("0", "-1", "1000", "abc", "1.5", ""):
        add(f"name-members-{value or 'empty'}",
            ["body", "add", "newbody", "--name", "N", "--kind", "pcc", "--members", value])  # fmt: skip
    add("name-bodyedit-members-0", ["body", "edit", BODY, "--members", "0"])
    add("name-bodyedit-members-negative", ["body", "edit", BODY, "--members", "-5"])
    add(
        "name-kind-sheriff", ["body", "add", "newbody", "--name", "N", "--kind", "sheriff", "--members", "10"]
    )
    add("name-kind-empty", ["body", "add", "newbody", "--name", "N", "--kind", "", "--members", "10"])
    add("name-bodyedit-kind-sheriff", ["body", "edit", BODY, "--kind", "sheriff"])
    add("name-empty", ["body", "add", "newbody", "--name", "", "--kind", "pcc", "--members", "10"])
    add("name-spaces-only", ["body", "add", "newbody", "--name", "   ", "--kind", "pcc", "--members", "10"])
    add(
        "name-control-bell",
        ["body", "add", "newbody", "--name", "Bad\x07name", "--kind", "pcc", "--members", "10"],
    )
    add(
        "name-control-newline",
        ["body", "add", "newbody", "--name", "Two\nlines", "--kind", "pcc", "--members", "10"],
    )
    add("name-control-escape",
        ["body", "add", "newbody", "--name", "\x1b[31mred\x1b[0m", "--kind", "pcc", "--members", "10"])  # fmt: skip
    add("name-long201", ["body", "add", "newbody", "--name", "N" * 201, "--kind", "pcc", "--members", "10"])
    add("name-long5000", ["body", "add", "newbody", "--name", "N" * 5000, "--kind", "pcc", "--members", "10"])
    add("name-bodyedit-empty", ["body", "edit", BODY, "--name", ""])
    add("name-bodyedit-long", ["body", "edit", BODY, "--name", "W" * 201])
    add("name-panel-long", ["body", "add", "newbody", "--name", "N", "--kind", "pcc", "--members", "10",
                            "--panel", "P" * 201])  # fmt: skip
    add("name-area-long", ["body", "add", "newbody", "--name", "N", "--kind", "pcc", "--members", "10",
                           "--area", "A" * 201])  # fmt: skip
    add("name-cycle-title-long",
        ["cycle", "add", "c9", "--body", BODY, "--template", "plan-pcc", "--title", "T" * 201,
         "--trigger", "election=2024-05-02"])  # fmt: skip
    add("name-cycle-title-control",
        ["cycle", "add", "c9", "--body", BODY, "--template", "plan-pcc", "--title", "T\x00x",
         "--trigger", "election=2024-05-02"])  # fmt: skip
    add("name-cycleedit-title-long", ["cycle", "edit", PLAN_CYCLE, "--title", "T" * 201])
    add("name-cycleedit-title-empty", ["cycle", "edit", PLAN_CYCLE, "--title", ""])
    # a meeting's title column holds 300 characters
    add(
        "name-meeting-title-long",
        ["meeting", "add", "--body", BODY, "--date", "2025-01-10", "--title", "T" * 301],
    )
    add("name-meeting-title-empty", ["meeting", "add", "--body", BODY, "--date", "2025-01-10", "--title", ""])
    add("name-meeting-reference-long",
        ["meeting", "add", "--body", BODY, "--date", "2025-01-10", "--title", "P", "--reference", "R" * 201])  # fmt: skip

    # -- files -----------------------------------------------------------------------------------------------
    bad_files = {
        "empty-txt": f["empty_txt"],
        "empty-docx": f["empty_docx"],
        "empty-pdf": f["empty_pdf"],
        "blank-txt": f["blank_txt"],
        "binary-txt": f["binary_txt"],
        "binary-bin": f["binary_bin"],
        "utf16-nobom": f["utf16_txt"],
        "notzip-docx": f["notzip_docx"],
        "truncated-docx": f["truncated_docx"],
        "zip-without-document": f["zip_no_document_docx"],
        "bad-xml-docx": f["bad_xml_docx"],
        "bomb-docx": f["bomb_docx"],
        "notext-pdf": f["notext_pdf"],
        "corrupt-pdf": f["corrupt_pdf"],
        "notpdf-pdf": f["notpdf_pdf"],
        "pdf-named-txt": f["pdf_as_txt"],
        "unknown-ext": f["unknown_ext"],
        "folder": f["folder"],
        "folder-named-docx": f["folder_docx"],
        "missing": f["missing_file"],
        "missing-folder": f["missing_folder_file"],
        "symlink-loop": f["loop_a"],
        "dangling-link": f["dangling"],
        "unreadable": f["unreadable_txt"],  # root can read it anyway
        "dev-null": Path("/dev/null"),
        "empty-path": "",
    }
    may_succeed = {"unreadable", "utf16-nobom", "pdf-named-txt", "unknown-ext"}
    for key, path in bad_files.items():
        expect = {0, 2} if key in may_succeed else {2}
        add(f"file-extract-{key}", ["extract", path], expect)
        add(f"file-import-recs-{key}", ["import", "recommendations", path, "--cycle", PLAN_CYCLE], expect)
    for key in ("empty-txt", "binary-bin", "notzip-docx", "bomb-docx", "notext-pdf", "folder", "missing",
                "symlink-loop"):  # fmt: skip
        add(f"file-import-reply-{key}", ["import", "reply", bad_files[key], "--cycle", PLAN_CYCLE])
    for key in ("empty-pdf", "binary-bin", "corrupt-pdf", "notpdf-pdf", "notzip-docx", "folder", "missing",
                "dangling-link", "dev-null"):  # fmt: skip
        add(
            f"file-keep-reply-unread-{key}",
            ["import", "reply", bad_files[key], "--cycle", PLAN_CYCLE, "--unread"],
        )
    # Odd but valid: these may work (exit 0) or be refused, never crash.
    add("file-extract-welsh-amp-name", ["extract", f["welsh_amp"]], {0, 2})
    add("file-extract-latin1", ["extract", f["latin1_txt"]], {0, 2})
    add("file-extract-no-ext", ["extract", f["no_ext"]], {0, 2})
    add("file-import-recs-welsh-amp-name", ["import", "recommendations", f["welsh_amp"], "--cycle", PLAN_CYCLE],
        {0, 2})  # fmt: skip
    add(
        "file-import-recs-unknown-cycle",
        ["import", "recommendations", f["welsh_amp"], "--cycle", "no-such-cycle"],
    )
    add(
        "file-import-reply-welsh-amp-name", ["import", "reply", f["welsh_amp"], "--cycle", PLAN_CYCLE], {0, 2}
    )

    # -- correcting the register (london-2022 has recommendations 1 to 12, each answered at version 1) -------
    reg = "london-2022"
    sub = ["recommendation", "subpoint", reg, "2"]  # recommendation 2 has sub-points a to d
    for id_, argv in {
        "unknown-cycle": ["recommendation", "add", "no-such-cycle", "13", "--text", "A new one."],
        "used-number": ["recommendation", "add", reg, "3", "--text", "A new one."],
        "empty-text": ["recommendation", "add", reg, "13", "--text", "   "],
        "range-number": ["recommendation", "add", reg, "5-3", "--text", "A new one."],
        "empty-subpoint": ["recommendation", "add", reg, "13", "--text", "A new one.", "--subpoint", ""],
        "remove-unknown": ["recommendation", "remove", reg, "99", "--yes"],
        "remove-without-yes": ["recommendation", "remove", reg, "3"],
        "remove-stale": ["recommendation", "remove", reg, "3", "--yes", "--if-version", "2"],
        "renumber-used": ["recommendation", "renumber", reg, "3", "4"],
        "renumber-range": ["recommendation", "renumber", reg, "3", "5-3"],
        "renumber-unknown": ["recommendation", "renumber", reg, "99", "13"],
        "merge-itself": ["recommendation", "merge", reg, "3", "3"],
        "merge-unknown": ["recommendation", "merge", reg, "3", "99"],
        "merge-stale": ["recommendation", "merge", reg, "3", "4", "--if-version", "7"],
        "reply-range": ["reply", "set", reg, "5-3", "--text", "We agree."],
        "reply-unknown-number": ["reply", "set", reg, "3,99", "--text", "We agree."],
        "reply-twice": ["reply", "set", reg, "3,3", "--text", "We agree."],
        "reply-empty-text": ["reply", "set", reg, "3", "--text", ""],
        "reply-disposition": ["reply", "set", reg, "3", "--text", "We agree.", "--disposition", "maybe"],
        "reply-stale": ["reply", "set", reg, "3", "--text", "We agree.", "--if-version", "5"],
        "reply-version-words": ["reply", "set", reg, "3", "--text", "We agree.", "--if-version", "one"],
        "clear-stale": ["reply", "clear", reg, "3", "--if-version", "9"],
        "clear-unknown-cycle": ["reply", "clear", "no-such-cycle", "3"],
        "clear-no-answer": ["reply", "clear", "london-2017", "3"],
        "subpoint-no-letter": [*sub, "q", "--answered"],
        "subpoint-no-place": [*sub, "0", "--answered"],
        "subpoint-nothing-to-do": [*sub, "b"],
        "subpoint-empty-text": [*sub, "b", "--text", " "],
        "subpoint-remove-without-yes": [*sub, "b", "--remove"],
        "subpoint-stale": [*sub, "b", "--text", "Other words.", "--if-version", "9"],
        "subpoint-text-and-answered": [*sub, "b", "--text", "x", "--answered"],
    }.items():
        add(f"register-{id_}", argv)

    # -- outputs ---------------------------------------------------------------------------------------------
    long_name = "r" * 296
    outputs = {
        "folder": (f["folder"], f["folder"], f["folder"]),
        "missing-folder": tuple(Path(workdir) / "no-such-folder" / n for n in ("s.pdf", "c.ics", "r.xlsx")),
        "name300": tuple(Path(workdir) / f"{long_name}{e}" for e in (".pdf", ".ics", ".xlsx")),
        "wrong-ext": tuple(Path(workdir) / n for n in ("status.txt", "calendar.pdf", "register.csv")),
        "no-ext": tuple(Path(workdir) / n for n in ("status", "calendar", "register")),
        "read-only-folder": tuple(f["readonly"] / n for n in ("s.pdf", "c.ics", "r.xlsx")),
        "symlink-loop": (f["out_loop_a"], f["out_loop_a"], f["out_loop_a"]),
        "dev-dir": (Path("/proc/self"), Path("/proc/self"), Path("/proc/self")),
        "empty": ("", "", ""),
    }
    # Root writes into a read-only folder; a default suffix is fine; an atomic write may replace a looping link
    # (it holds no data) with the file.
    may_write = {"read-only-folder", "no-ext", "symlink-loop"}
    for key, (pdf, ics, xlsx) in outputs.items():
        expect = {0, 2} if key in may_write else {2}
        add(f"out-report-{key}", ["report", "status", "--cycle", "london-2022", "-o", pdf], expect)
        add(f"out-ics-{key}", ["export", "ics", "-o", ics], expect)
        add(f"out-xlsx-{key}", ["export", "xlsx", "-o", xlsx], expect)

    # -- stores ----------------------------------------------------------------------------------------------
    stores = {
        "folder": f"sqlite:///{f['folder']}",
        "not-sqlite": f"sqlite:///{f['not_sqlite']}",
        "symlink-loop": f"sqlite:///{f['loop_a']}",
        "missing-folder": f"sqlite:///{Path(workdir) / 'no-such-folder' / 'x.db'}",
        "postgres-refused": "postgresql://u:pw@127.0.0.1:1/x",
        "postgres-psycopg-refused": "postgresql+psycopg://u:pw@127.0.0.1:1/x",
        "nonsense-scheme": "nonsense://x",
        "empty": "",
        "not-a-url": "just words",
        "mysql-no-driver": "mysql://u:pw@127.0.0.1:1/x",
        "sqlite-memory-relative": "sqlite://",
        "sqlite-memory-named": "sqlite:///:memory:",
        "port-not-a-number": "postgresql://u:pw@127.0.0.1:abc/x",
        "ipv6-unclosed": "postgresql://u:pw@[::1/x",
        "leading-space": " postgresql://u:pw@127.0.0.1:1/x",
        "no-scheme": "u:pw@127.0.0.1/x",
        "connect-timeout-text": "postgresql://u:pw@127.0.0.1:1/x?connect_timeout=abc",
        "async-driver": "postgresql+asyncpg://u:pw@127.0.0.1:1/x",
    }
    for key, url in stores.items():  # an in-memory store keeps nothing: refused like the rest
        add(f"store-cycles-{key}", ["cycles", "--db", url])
    for key in ("folder", "not-sqlite", "postgres-refused"):
        add(f"store-bodyadd-{key}",
            ["body", "add", "x", "--name", "X", "--kind", "pcc", "--members", "10", "--db", stores[key]])  # fmt: skip
    # A change with a store in a missing folder may create the folder and a new store (as the first run does);
    # a folder of its own so that the other cases' missing folder stays missing.
    add("store-bodyadd-missing-folder",
        ["body", "add", "x", "--name", "X", "--kind", "pcc", "--members", "10",
         "--db", f"sqlite:///{Path(workdir) / 'new-store-folder' / 'x.db'}"], {0, 2})  # fmt: skip
    add("store-init-not-sqlite", ["init", "--db", stores["not-sqlite"]])
    add("store-init-folder", ["init", "--db", stores["folder"]])
    add("store-cycles-empty-file", ["cycles", "--db", f"sqlite:///{f['empty_db']}"], {0, 2})

    # -- votes -----------------------------------------------------------------------------------------------
    add("vote-more-than-members", ["vote", VETO_CYCLE, "--for", "99", "--against", "99", "--members", "10"])
    add("vote-for-negative", ["vote", VETO_CYCLE, "--for", "-1", "--against", "2"])
    add("vote-against-negative", ["vote", VETO_CYCLE, "--for", "5", "--against", "-2"])
    add("vote-abstain-negative", ["vote", VETO_CYCLE, "--for", "5", "--against", "2", "--abstain", "-1"])
    add("vote-members-zero", ["vote", VETO_CYCLE, "--for", "0", "--against", "0", "--members", "0"])
    add("vote-members-negative", ["vote", VETO_CYCLE, "--for", "1", "--against", "1", "--members", "-10"])
    add("vote-for-text", ["vote", VETO_CYCLE, "--for", "many", "--against", "1"])
    add("vote-sum-over-members",
        ["vote", VETO_CYCLE, "--for", "6", "--against", "3", "--abstain", "3", "--members", "10"])  # fmt: skip
    add("vote-no-veto-plan", ["vote", PLAN_CYCLE, "--for", "8", "--against", "1"])
    add("vote-no-veto-london", ["vote", "london-2022", "--for", "8", "--against", "1"])
    add("vote-unknown-cycle", ["vote", "no-such-cycle", "--for", "8", "--against", "1"])
    add("vote-huge", ["vote", VETO_CYCLE, "--for", "9" * 30, "--against", "1"])

    # -- settings --------------------------------------------------------------------------------------------
    add("settings-unknown-key", ["settings", "set", "favourite_colour", "blue"])
    add("settings-empty-key", ["settings", "set", "", "x"])
    add("settings-due-soon-text", ["settings", "set", "due_soon_days", "a fortnight"])
    add("settings-due-soon-negative", ["settings", "set", "due_soon_days", "-3"])
    add("settings-due-soon-huge", ["settings", "set", "due_soon_days", "9" * 30])
    add("settings-due-soon-float", ["settings", "set", "due_soon_days", "1.5"])
    add("settings-clear-days-unknown", ["settings", "set", "clear_days_count", "sometimes"])
    add("settings-email-no-at", ["settings", "set", "contact_email", "scrutiny.example.gov.uk"])
    add("settings-email-spaces", ["settings", "set", "contact_email", "a b@c d"])
    add("settings-logo-text-file", ["settings", "set", "logo", f["text_logo"]])
    add("settings-logo-binary-junk", ["settings", "set", "logo", f["binary_logo"]])
    add("settings-logo-folder", ["settings", "set", "logo", f["folder"]])
    add("settings-logo-missing", ["settings", "set", "logo", f["missing_file"]])
    add("settings-logo-symlink-loop", ["settings", "set", "logo", f["loop_a"]])
    add("settings-logo-pdf", ["settings", "set", "logo", f["notext_pdf"]])
    add("settings-organisation-long", ["settings", "set", "organisation", "O" * 5000])
    add("settings-organisation-control", ["settings", "set", "organisation", "Org\x1b[2J"])

    ids = [c.id for c in out]
    assert len(ids) == len(set(ids)), "case ids must be unique"
    return out


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python tests/bad_inputs.py OUTDIR", file=sys.stderr)
        return 2
    for case in cases(Path(args[0])):
        row = asdict(case)
        row["expect"] = sorted(case.expect)
        print(json.dumps(row, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
