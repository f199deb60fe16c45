"""Control characters that reached the store or a file name never crash a paper and never reach the terminal
raw."""

from __future__ import annotations

from sqlalchemy import create_engine, insert

from tests.cli_helpers import run
from tracker.persistence import tables


def test_a_control_character_in_a_stored_setting_neither_crashes_the_agenda_nor_reaches_the_terminal(
    demo, capsys, tmp_path
):
    engine = create_engine(demo.url)
    with engine.begin() as connection:  # as another program, or an older version, could have left it
        connection.execute(
            insert(tables.setting),
            [
                {"key": "organisation", "value": "Wessex\x01\x1b[2J Panel", "version": 1},
                {"key": "contact_name", "value": "A\x0bB", "version": 1},
            ],
        )
    engine.dispose()
    code, out, err = run(capsys, "report", "agenda", "--cycle", "london-2022", "--without-appendix", "-o", str(tmp_path / "a.docx"),
                         "--db", demo.url)  # fmt: skip
    assert code == 0, err
    code, out, err = run(capsys, "settings", "show", "--db", demo.url)
    assert code == 0 and "\x1b" not in out and "Wessex\\x01\\x1b[2J Panel" in out


def test_a_file_name_holding_an_escape_character_is_printed_escaped(demo, capsys, tmp_path):
    target = tmp_path / "status\x1b[31m.pdf"
    code, out, err = run(
        capsys, "report", "status", "--cycle", "london-2022", "-o", str(target), "--db", demo.url
    )
    assert code == 0, err
    assert target.exists() and "\x1b" not in out and "status\\x1b[31m.pdf" in out
