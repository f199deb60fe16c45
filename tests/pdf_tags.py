"""A tagged PDF read back as a screen reader and a checker would: every operator that shows text or paints,
with the marked content around it, and the structure tree walked in its own order.

Text is decoded with each font's /ToUnicode map (the fonts reportlab embeds carry one) or as Latin-1 for a
standard font, so the words read in structure order can be compared with the words in drawing order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pikepdf

TEXT_OPERATORS = {"Tj", "TJ", "'", '"'}
PAINT_OPERATORS = {"S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh", "Do", "INLINE IMAGE"}


@dataclass(frozen=True)
class Shown:
    page: int
    operator: str
    mcid: int | None  # of the innermost marked content with an MCID around it
    artifact: bool
    text: str


def _cmap(font) -> dict[int, str] | None:
    stream = font.get("/ToUnicode")
    if stream is None:
        return None
    data = stream.read_bytes().decode("latin-1")
    mapping: dict[int, str] = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", data, re.S):
        for source, target in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            mapping[int(source, 16)] = bytes.fromhex(target).decode("utf-16-be")
    for block in re.findall(r"beginbfrange(.*?)endbfrange", data, re.S):
        for low, high, target in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            start = int.from_bytes(bytes.fromhex(target), "big")
            for offset, code in enumerate(range(int(low, 16), int(high, 16) + 1)):
                mapping[code] = chr(start + offset)
    return mapping


def _decode(raw: bytes, cmap: dict[int, str] | None) -> str:
    if cmap is None:
        return raw.decode("latin-1")
    return "".join(cmap.get(byte, "\ufffd") for byte in raw)


def shown(pdf: pikepdf.Pdf) -> list[Shown]:
    """Every text-showing and painting operator of every page, in drawing order."""
    result: list[Shown] = []
    for index, page in enumerate(pdf.pages):
        fonts = page.obj.get("/Resources", {}).get("/Font", {})
        cmaps: dict[str, dict[int, str] | None] = {}
        stack: list[tuple[str, int | None]] = []
        cmap = None
        for instruction in pikepdf.parse_content_stream(page):
            if isinstance(instruction, pikepdf.ContentStreamInlineImage):
                operator, operands = "INLINE IMAGE", []
            else:
                operator, operands = str(instruction.operator), instruction.operands
            if operator == "BDC":
                properties = operands[1]
                mcid = properties.get("/MCID") if isinstance(properties, pikepdf.Dictionary) else None
                stack.append((str(operands[0]), None if mcid is None else int(mcid)))
            elif operator == "BMC":
                stack.append((str(operands[0]), None))
            elif operator == "EMC":
                stack.pop()
            elif operator == "Tf":
                name = str(operands[0])
                if name not in cmaps:
                    cmaps[name] = _cmap(fonts[name]) if name in fonts else None
                cmap = cmaps[name]
            elif operator in TEXT_OPERATORS or operator in PAINT_OPERATORS:
                text = ""
                if operator in TEXT_OPERATORS:
                    parts = operands[-1] if operator != "TJ" else operands[0]
                    if operator == "TJ":
                        text = "".join(
                            _decode(bytes(p), cmap) for p in parts if isinstance(p, pikepdf.String)
                        )
                    else:
                        text = _decode(bytes(parts), cmap)
                mcids = [m for _, m in stack if m is not None]
                result.append(
                    Shown(
                        index,
                        operator,
                        mcids[-1] if mcids else None,
                        any(tag == "/Artifact" for tag, _ in stack),
                        text,
                    )
                )
        assert not stack, f"page {index + 1}: marked content left open"
    return result


@dataclass
class Node:
    role: str
    element: pikepdf.Dictionary
    marked: list[tuple[int, int]]  # (page, MCID), in the element's own order
    kids: list[Node]


def structure(pdf: pikepdf.Pdf) -> Node:
    """The structure tree from /StructTreeRoot, roles as written (no role map: ours are standard)."""
    pages = {page.obj.objgen: index for index, page in enumerate(pdf.pages)}

    def walk(element, role: str) -> Node:
        node = Node(role, element, [], [])
        kids = element.get("/K")
        if kids is None:
            return node
        if not isinstance(kids, pikepdf.Array):
            kids = [kids]
        home = element.get("/Pg")
        for kid in kids:
            if isinstance(kid, int):
                node.marked.append((pages[home.objgen], int(kid)))
                node.kids.append(Node("MCR", element, [(pages[home.objgen], int(kid))], []))
            elif kid.get("/Type") == "/MCR":
                mark = (pages[kid.Pg.objgen], int(kid.MCID))
                node.marked.append(mark)
                node.kids.append(Node("MCR", element, [mark], []))
            elif kid.get("/Type") == "/OBJR":
                node.kids.append(Node("OBJR", kid, [], []))
            else:
                node.kids.append(walk(kid, str(kid.S)[1:]))
        return node

    return walk(pdf.Root.StructTreeRoot, "StructTreeRoot")


def elements(node: Node, role: str | None = None) -> list[Node]:
    found = [] if role is not None and node.role != role else [node]
    for kid in node.kids:
        found.extend(elements(kid, role))
    return found


def reading_order(pdf: pikepdf.Pdf) -> list[str]:
    """The words a screen reader reads: the text of each marked-content item in structure order."""
    by_mark: dict[tuple[int, int], list[str]] = {}
    for item in shown(pdf):
        if item.mcid is not None and not item.artifact and item.text:
            by_mark.setdefault((item.page, item.mcid), []).append(item.text)
    words: list[str] = []
    for node in elements(structure(pdf), "MCR"):
        for mark in node.marked:
            words.extend(" ".join(by_mark.get(mark, [])).split())
    return words


def drawing_order(pdf: pikepdf.Pdf) -> list[str]:
    """The words in the order they are drawn, page by page, artifacts left out."""
    return " ".join(i.text for i in shown(pdf) if not i.artifact and i.text).split()
