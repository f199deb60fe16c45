"""Tagged PDF for the papers reportlab draws: what a screen reader needs, in the order a reader reads.

While a paper is drawn, everything on a page goes inside marked content: the text of a paragraph, heading,
list item, table cell or figure between `/P <</MCID n>> BDC` and `EMC`, owned by one element of the
structure tree, and the running header, footer, page number, table backgrounds and rules as `/Artifact`.
The tree is built from the story as it is drawn (so its order is the order on the page):

    Document → H1 (the paper's title), H2 (a section), H3 (a subsection), P, L → LI → LBody,
               Table → TR → TH (with /Scope /Column) or TD, Figure (with /Alt), Link (with the annotation)

A header row that a table repeats on a later page is an artifact there: the table is one Table, its header
read once. A paragraph split over two pages is one P.

The tree is written into reportlab's own document as it saves (no second pass over the file, no other
library): a /StructTreeRoot with a /ParentTree, /StructParents and /Tabs /S on every page,
/MarkInfo << /Marked true >> and XMP metadata that names PDF/UA-1 (pdfuaid:part 1).

A flowable says what it is with attributes when the class alone does not: `alt_text` makes it a Figure
with that alternative text, `lang` (say "cy") gives its element a language of its own, `pdf_role` names the
structure type outright.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.pdfbase.pdfdoc import XMP, PDFDictionary, PDFName, PDFObject, PDFString
from reportlab.platypus import Flowable, Frame, Paragraph
from reportlab.platypus.flowables import Image

# the title of the element that pages appended after the build go into (common.insert_pages)
APPENDED = "Appended pages"

# the paragraph styles of tracker.reports.common and the structure type each stands for
ROLE_BY_STYLE = {"Title": "H1", "H1": "H2", "H2": "H3"}


class Element:
    """One element of the structure tree. Its kids are elements, marked content ((page, mcid)) or an
    annotation ("annot", page, reference name)."""

    __slots__ = ("role", "parent", "kids", "alt", "lang", "scope", "title", "name")

    def __init__(self, role: str, parent: Element | None = None) -> None:
        self.role = role
        self.parent = parent
        self.kids: list = []
        self.alt: str | None = None
        self.lang: str | None = None
        self.scope: str | None = None
        self.title: str | None = None
        self.name: str | None = None  # reportlab's name for the written object
        if parent is not None:
            parent.kids.append(self)

    def child(self, role: str) -> Element:
        return Element(role, self)


class Tagger:
    """The structure tree of one paper and the marked content that refers to it, page by page."""

    def __init__(self) -> None:
        self.root = Element("Document")
        self.owners: dict[int, list[Element]] = {}  # page index -> the element owning each MCID
        self.annotations: list[tuple[int, str, Element]] = []  # (page, annotation name, its Link)
        self.open = 0  # marked-content sequences open now: nothing inside one is marked again

    # ---- marked content --------------------------------------------------------------------------------
    def begin(self, canvas, element: Element, tag: str | None = None) -> None:
        page = canvas.getPageNumber() - 1
        owners = self.owners.setdefault(page, [])
        mcid = len(owners)
        owners.append(element)
        element.kids.append((page, mcid))
        canvas._code.append(f"/{tag or element.role} <</MCID {mcid}>> BDC")
        self.open += 1

    def begin_artifact(self, canvas, kind: str = "Layout", subtype: str | None = None) -> None:
        extra = f" /Subtype /{subtype}" if subtype else ""
        canvas._code.append(f"/Artifact <</Type /{kind}{extra}>> BDC")
        self.open += 1

    def end(self, canvas) -> None:
        canvas._code.append("EMC")
        self.open -= 1

    # ---- the story -------------------------------------------------------------------------------------
    def top(self, role: str) -> Element:
        """A new element at the top of the document; list items in a row share one list."""
        if role == "LI":
            last = self.root.kids[-1] if self.root.kids else None
            if not (isinstance(last, Element) and last.role == "L"):
                last = self.root.child("L")
            return last.child("LI")
        return self.root.child(role)

    def element_for(self, flowable) -> tuple[Element | None, str | None]:
        """The element a top-level flowable's drawing belongs to, and the tag its marked content carries;
        None for an artifact. A paragraph split over pages keeps the element of its first part."""
        slot = getattr(flowable, "_tag_slot", None)
        if slot is not None and slot[0] is not None:
            element = slot[0]
            return element, "LBody" if element.role == "LI" else element.role
        role = role_of(flowable)
        if role is None:
            return None, None
        element = self.top(role)
        element.alt = getattr(flowable, "alt_text", None)
        element.lang = getattr(flowable, "lang", None)
        if slot is not None:
            slot[0] = element
        return element, "LBody" if role == "LI" else role

    def link(self, canvas, element: Element, annotation_name: str, description: str) -> None:
        """A link annotation drawn with an element's text: a Link element beside the text, pointing at it."""
        link = element.child("Link")
        self.annotations.append((canvas.getPageNumber() - 1, annotation_name, link))
        annotation = canvas._doc.idToObject[annotation_name]
        annotation["Contents"] = PDFString(description)

    # ---- writing ---------------------------------------------------------------------------------------
    def write(self, canvas, title: str, subject: str, author: str, producer: str, lang: str) -> None:
        """The tree, the parent tree and the catalogue entries, into the document reportlab is saving."""
        doc = canvas._doc
        pages = doc.Pages.pages
        for index, page in enumerate(pages):
            page.__NoDefault__ = [*page.__NoDefault__, "StructParents", "Tabs"]
            page.StructParents = index
            page.Tabs = PDFName("S")
        elements: list[Element] = []
        stack = [self.root]
        while stack:
            element = stack.pop()
            elements.append(element)
            stack.extend(kid for kid in reversed(element.kids) if isinstance(kid, Element))
        for element in elements:
            element.name = doc.Reference(_StructElement(element)).name
        next_key = len(pages)
        for page, annotation_name, link in self.annotations:
            annotation = doc.idToObject[annotation_name]
            annotation["StructParent"] = next_key
            link.kids.append(("annot", page, annotation_name))
            next_key += 1
        parent_tree = doc.Reference(_ParentTree(self, len(pages))).name
        root = _Raw(
            lambda d: (
                f"<< /Type /StructTreeRoot /K {_ref(d, self.root.name)} /ParentTree "
                f"{_ref(d, parent_tree)} /ParentTreeNextKey {next_key} >>"
            )
        )
        root_name = doc.Reference(root).name
        doc._tracker_struct_root = root_name  # the Document element's parent
        catalog = doc.Catalog
        catalog.StructTreeRoot = root  # registered already: the catalogue refers to it
        catalog.MarkInfo = PDFDictionary({"Marked": "true"})
        catalog.Metadata = XMP(
            creator=lambda _doc: xmp(title, subject, author, producer, lang).encode("utf-8")
        )


class Figure(Flowable):
    """A drawing (or any flowable) read as one figure described by `alt_text`: the timeline, a chart."""

    def __init__(self, content: Flowable, alt_text: str) -> None:
        super().__init__()
        self.content = content
        self.alt_text = alt_text
        self.hAlign = getattr(content, "hAlign", "LEFT")

    def wrap(self, available_width, available_height):
        self.width, self.height = self.content.wrapOn(self.canv, available_width, available_height)
        return self.width, self.height

    def draw(self):
        self.content.drawOn(self.canv, 0, 0)


def role_of(flowable) -> str | None:
    """The structure type of a top-level flowable; None for one drawn as an artifact (a rule, a spacer)."""
    role = getattr(flowable, "pdf_role", None)
    if role:
        return role
    if isinstance(flowable, Paragraph):
        if getattr(flowable, "bulletText", None):
            return "LI"
        return ROLE_BY_STYLE.get(flowable.style.name, "P")
    if getattr(flowable, "alt_text", None) or isinstance(flowable, Image):
        return "Figure"
    from reportlab.graphics.shapes import Drawing

    if isinstance(flowable, Drawing):
        return "Figure"  # a drawing with no alt_text: the checkers name it
    return None


class TaggedFrame(Frame):
    """A frame that puts each flowable it draws into marked content owned by the element it stands for."""

    def add(self, flowable, canv, trySplit=0):
        tagger: Tagger | None = getattr(canv, "tagger", None)
        if tagger is None or tagger.open or isinstance(getattr(flowable, "_renderCB", None), TableTags):
            return Frame._add(self, flowable, canv, trySplit)
        code = canv._code
        start, annotations = len(code), len(canv._annotationrefs)
        done = Frame._add(self, flowable, canv, trySplit)
        if not done or len(code) == start:
            return done
        drawn = code[start:]
        del code[start:]
        element, tag = tagger.element_for(flowable)
        if element is None and any("BT" in line for line in drawn):
            element, tag = tagger.top("P"), "P"  # text is never hidden as an artifact
        if element is None:
            tagger.begin_artifact(canv)
        else:
            tagger.begin(canv, element, tag)
        code.extend(drawn)
        tagger.end(canv)
        for ref in canv._annotationrefs[annotations:]:
            if element is not None:
                tagger.link(canv, element, ref.name, _plain_text(flowable))
        return done

    def split(self, flowable, canv):
        parts = Frame.split(self, flowable, canv)
        if isinstance(flowable, Paragraph) and getattr(canv, "tagger", None) is not None:
            slot = getattr(flowable, "_tag_slot", None) or [None]
            for part in parts:
                if isinstance(part, Paragraph):
                    part._tag_slot = slot
        return parts


class TableTags:
    """A table's render callback: TR, TH and TD around its cells, artifacts around its backgrounds and rules,
    and the header rows repeated on a later page as artifacts. Shared by every part of a split table."""

    def __init__(self, header_rows: int) -> None:
        self.header_rows = header_rows
        self.element: Element | None = None
        self.parts = 0
        self.row: Element | None = None
        self.row_number = 0
        self.tagger: Tagger | None = None

    def __call__(self, table, event, *args) -> None:
        canv = table.canv
        if event == "startTable":
            self.tagger = getattr(canv, "tagger", None)
            if self.tagger is not None and self.element is None:
                self.element = self.tagger.top("Table")
            self.parts += 1
            return
        tagger = self.tagger
        if tagger is None:
            return
        if event in ("startBG", "startLines"):
            tagger.begin_artifact(canv)
        elif event in ("endBG", "endLines", "endCell"):
            tagger.end(canv)
        elif event == "startRow":
            self.row_number = args[0]
            repeated = self.parts > 1 and self.row_number < self.header_rows
            self.row = None if repeated else self.element.child("TR")
        elif event == "startCell":
            if self.row is None:
                tagger.begin_artifact(canv, "Pagination")
                return
            header = self.parts == 1 and self.row_number < self.header_rows
            cell = self.row.child("TH" if header else "TD")
            if header:
                cell.scope = "Column"
            tagger.begin(canv, cell)


def _plain_text(flowable) -> str:
    text = flowable.getPlainText() if isinstance(flowable, Paragraph) else ""
    return " ".join(text.split()) or "Link"


# ---- PDF objects written by hand: thousands of cells, so no dictionaries built object by object ----------
def _ref(document, name: str) -> str:
    return _r(document.idToObjectNumberAndVersion, name)


def _r(numbers: dict, name: str) -> str:
    number, version = numbers[name]
    return f"{number} {version} R"


def _text(value: str) -> str:
    """A PDF text string, UTF-16 with its byte order mark, as hex: any character, nothing to escape."""
    return "<FEFF" + value.encode("utf-16-be").hex().upper() + ">"


class _Raw(PDFObject):
    def __init__(self, build) -> None:
        self.build = build

    def format(self, document) -> bytes:
        return self.build(document).encode("latin-1")


class _StructElement(PDFObject):
    def __init__(self, element: Element) -> None:
        self.element = element

    def format(self, document) -> bytes:
        element = self.element
        numbers = document.idToObjectNumberAndVersion
        parent = element.parent
        parent_ref = _r(numbers, parent.name if parent is not None else document._tracker_struct_root)
        home = None
        kids = []
        for kid in element.kids:
            if isinstance(kid, Element):
                kids.append(_r(numbers, kid.name))
            elif kid[0] == "annot":
                _, page, annotation = kid
                kids.append(
                    f"<< /Type /OBJR /Pg {_r(numbers, f'Page{page + 1}')} /Obj {_r(numbers, annotation)} >>"
                )
            else:
                page, mcid = kid
                if home is None:
                    home = page
                if page == home:
                    kids.append(str(mcid))
                else:
                    kids.append(f"<< /Type /MCR /Pg {_r(numbers, f'Page{page + 1}')} /MCID {mcid} >>")
        parts = [f"<< /Type /StructElem /S /{element.role} /P {parent_ref}"]
        if home is not None:
            parts.append(f" /Pg {_r(numbers, f'Page{home + 1}')}")
        # one kid stands alone (a heading's one MCID is `/K 0`), as most readers and checkers expect
        parts.append(" /K " + kids[0] if len(kids) == 1 else " /K [" + " ".join(kids) + "]")
        if element.alt:
            parts.append(" /Alt " + _text(element.alt))
        if element.lang:
            parts.append(" /Lang " + _text(element.lang))
        if element.title:
            parts.append(" /T " + _text(element.title))
        if element.scope:
            parts.append(f" /A << /O /Table /Scope /{element.scope} >>")
        parts.append(" >>")
        return "".join(parts).encode("latin-1")


class _ParentTree(PDFObject):
    def __init__(self, tagger: Tagger, pages: int) -> None:
        self.tagger = tagger
        self.pages = pages

    def format(self, document) -> bytes:
        numbers = document.idToObjectNumberAndVersion
        nums = []
        for page in range(self.pages):
            owners = self.tagger.owners.get(page, [])
            nums.append(f"{page} [" + " ".join(_r(numbers, e.name) for e in owners) + "]")
        key = self.pages
        for _page, _annotation, link in self.tagger.annotations:
            nums.append(f"{key} {_r(numbers, link.name)}")
            key += 1
        return ("<< /Nums [" + "\n".join(nums) + "] >>").encode("latin-1")


def xmp(title: str, subject: str, author: str, producer: str, lang: str) -> str:
    """XMP metadata naming the paper and PDF/UA-1, agreeing with the document information dictionary."""
    t, s, a, p, lang = (escape(v) for v in (title, subject, author, producer, lang))
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        '<rdf:Description rdf:about=""\n'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/"\n'
        ' xmlns:pdf="http://ns.adobe.com/pdf/1.3/"\n'
        ' xmlns:xmp="http://ns.adobe.com/xap/1.0/"\n'
        ' xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">\n'
        f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{t}</rdf:li></rdf:Alt></dc:title>\n'
        f"<dc:creator><rdf:Seq><rdf:li>{a}</rdf:li></rdf:Seq></dc:creator>\n"
        f'<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{s}</rdf:li></rdf:Alt></dc:description>\n'
        f"<dc:language><rdf:Bag><rdf:li>{lang}</rdf:li></rdf:Bag></dc:language>\n"
        f"<pdf:Producer>{p}</pdf:Producer>\n"
        f"<xmp:CreatorTool>{p}</xmp:CreatorTool>\n"
        "<pdfuaid:part>1</pdfuaid:part>\n"
        "</rdf:Description>\n"
        "</rdf:RDF>\n"
        "</x:xmpmeta>\n"
        '<?xpacket end="w"?>'
    )


# ---- pages appended after the build (pypdf: common.insert_pages) ----------------------------------------
def is_tagged(reader) -> bool:
    root = reader.trailer["/Root"]
    marked = root.get("/MarkInfo")
    return "/StructTreeRoot" in root and marked is not None and bool(marked.get_object().get("/Marked"))


def _number_tree(node) -> list[tuple[int, object]]:
    """The (key, value) pairs of a number tree, leaves and intermediate nodes alike."""
    node = node.get_object()
    pairs = []
    nums = node.get("/Nums")
    if nums is not None:
        nums = nums.get_object()
        pairs.extend((int(nums[i]), nums[i + 1]) for i in range(0, len(nums) - 1, 2))
    for kid in node.get("/Kids", []):
        pairs.extend(_number_tree(kid))
    return pairs


def _kids(element) -> list:
    kids = element.get("/K")
    if kids is None:
        return []
    from pypdf.generic import ArrayObject

    return list(kids) if isinstance(kids.get_object(), ArrayObject) else [kids]


def tag_appended(writer, source, pages: list, label: str, alt: str | None) -> None:
    """Put pages appended to a tagged paper into its structure tree, where the paper's ReservePages stood.

    `alt` None: the appended document is tagged, and its own structure comes along (its elements under one
    Div titled with the label, its parent tree renumbered after the paper's). Otherwise its pages, each
    marked as MCID 0 by the caller, make one Figure with that alternative text."""
    from pypdf.generic import (
        ArrayObject,
        DictionaryObject,
        NameObject,
        NullObject,
        NumberObject,
        TextStringObject,
    )

    root = writer.root_object.get("/StructTreeRoot")
    if root is None:  # an untagged paper: nothing to join
        return
    root = root.get_object()
    document = root["/K"].get_object()
    slot = next(
        (
            kid.get_object()
            for kid in _kids(document)
            if isinstance(kid.get_object(), DictionaryObject) and kid.get_object().get("/T") == APPENDED
        ),
        None,
    )
    if slot is None:  # built without a ReservePages: at the end
        slot = DictionaryObject(
            {NameObject("/Type"): NameObject("/StructElem"), NameObject("/S"): NameObject("/Div")}
        )
        slot[NameObject("/P")] = root["/K"]
        reference = writer._add_object(slot)
        document[NameObject("/K")] = ArrayObject([*_kids(document), reference])
    slot[NameObject("/T")] = TextStringObject(label)
    slot_ref = slot.indirect_reference
    parent_tree = root["/ParentTree"].get_object()
    nums = ArrayObject()
    for key, value in _number_tree(parent_tree):
        nums.extend([NumberObject(key), value])
    base = int(root.get("/ParentTreeNextKey", len(nums) // 2))
    if alt is not None:
        figure = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/StructElem"),
                NameObject("/S"): NameObject("/Figure"),
                NameObject("/P"): slot_ref,
                NameObject("/Alt"): TextStringObject(alt),
                NameObject("/K"): ArrayObject(
                    DictionaryObject(
                        {
                            NameObject("/Type"): NameObject("/MCR"),
                            NameObject("/Pg"): page.indirect_reference,
                            NameObject("/MCID"): NumberObject(0),
                        }
                    )
                    for page in pages
                ),
            }
        )
        figure_ref = writer._add_object(figure)
        slot[NameObject("/K")] = ArrayObject([figure_ref])
        for offset, page in enumerate(pages):
            page[NameObject("/StructParents")] = NumberObject(base + offset)
            page[NameObject("/Tabs")] = NameObject("/S")
            nums.extend([NumberObject(base + offset), ArrayObject([figure_ref])])
        next_key = base + len(pages)
    else:
        theirs = source.trailer["/Root"]["/StructTreeRoot"].get_object()
        source_pages = source.pages
        for page, original in zip(pages, source_pages, strict=True):
            key = original.get("/StructParents")
            if key is not None:
                page[NameObject("/StructParents")] = NumberObject(base + int(key))
            page[NameObject("/Tabs")] = NameObject("/S")
            for annotation in page.get("/Annots", []):
                annotation = annotation.get_object()
                if "/StructParent" in annotation:
                    annotation[NameObject("/StructParent")] = NumberObject(
                        base + int(annotation["/StructParent"])
                    )
        top = []
        theirs_top = []
        for kid in _kids(theirs):  # their Document's kids come straight under the Div
            element = kid.get_object()
            is_document = isinstance(element, DictionaryObject) and element.get("/S") == "/Document"
            theirs_top.extend(_kids(element) if is_document else [kid])
        for kid in theirs_top:
            element = kid.get_object()
            if isinstance(element, DictionaryObject):
                element[NameObject("/P")] = NullObject()  # not their tree root: it stays behind
            clone = kid.clone(writer)
            if isinstance(clone.get_object(), DictionaryObject):
                clone.get_object()[NameObject("/P")] = slot_ref
            top.append(clone)
        slot[NameObject("/K")] = ArrayObject(top)
        highest = base
        for key, value in _number_tree(theirs["/ParentTree"]):
            nums.extend([NumberObject(base + key), value.clone(writer)])
            highest = max(highest, base + key + 1)
        next_key = max(highest, base + int(theirs.get("/ParentTreeNextKey", 0)))
        for name in ("/RoleMap", "/ClassMap"):
            if name in theirs:
                mine = root.get(name)
                merged = DictionaryObject(mine.get_object() if mine is not None else {})
                for role, value in theirs[name].get_object().items():
                    merged.setdefault(NameObject(role), value.clone(writer))
                root[NameObject(name)] = merged
    root[NameObject("/ParentTree")] = writer._add_object(DictionaryObject({NameObject("/Nums"): nums}))
    root[NameObject("/ParentTreeNextKey")] = NumberObject(next_key)
