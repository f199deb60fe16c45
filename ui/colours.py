"""Colours taken from the palette, or chosen against it for contrast: readable in a light and a dark desktop
theme alike. Text is at least 4.5:1 against what it sits on (WCAG 2 AA); colour is only ever an extra to a
written status."""

from __future__ import annotations

from PySide6.QtGui import QColor, QGuiApplication, QPalette

AA = 4.5  # the contrast text needs against its background

# the hue of each kind of status; its tint comes from the palette (Status names, so the core stays Qt-free)
STATUS_HUES = {
    "overdue": "#d93025",
    "exception": "#c2185b",
    "due today": "#f29900",
    "due soon": "#f9ab00",
    "met": "#1e8e3e",
    "met late": "#a08a2a",
    "not recorded": "#7b61c4",
    "cannot confirm": "#7b61c4",
}


def luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) + 0.0722 * channel(colour.blueF())
    )


def contrast(one: QColor, other: QColor) -> float:
    """The WCAG contrast ratio of two colours, 1 to 21."""
    a, b = sorted((luminance(one), luminance(other)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def palette() -> QPalette:
    return QGuiApplication.palette()


def is_dark(pal: QPalette | None = None) -> bool:
    pal = pal or palette()
    return luminance(pal.color(QPalette.ColorRole.Window)) < luminance(
        pal.color(QPalette.ColorRole.WindowText)
    )


def blend(one: QColor, other: QColor, share: float) -> QColor:
    """`share` of `other` mixed into `one`."""
    return QColor.fromRgbF(
        one.redF() + (other.redF() - one.redF()) * share,
        one.greenF() + (other.greenF() - one.greenF()) * share,
        one.blueF() + (other.blueF() - one.blueF()) * share,
    )


def readable(colour: QColor, background: QColor, text: QColor) -> QColor:
    """`colour` moved towards `text` just far enough to reach AA against `background`."""
    for step in range(11):
        candidate = blend(colour, text, step / 10)
        if contrast(candidate, background) >= AA:
            return candidate
    return text


def muted(background_role=QPalette.ColorRole.Window, pal: QPalette | None = None) -> QColor:
    """Secondary text (hints, notes): between the text and its background, still AA."""
    pal = pal or palette()
    background = pal.color(background_role)
    text = pal.color(QPalette.ColorRole.WindowText)
    return readable(blend(text, background, 0.45), background, text)


def accent(hue: str, background_role=QPalette.ColorRole.Window, pal: QPalette | None = None) -> QColor:
    """Text in a hue (red for a problem, blue for a rule) made AA against the palette's background."""
    pal = pal or palette()
    background = pal.color(background_role)
    return readable(QColor(hue), background, pal.color(QPalette.ColorRole.WindowText))


def tint(hue: str, pal: QPalette | None = None, share: float = 0.22) -> tuple[QColor, QColor]:
    """A background of `hue` over the palette's base, and the text colour to write on it (AA)."""
    pal = pal or palette()
    base = pal.color(QPalette.ColorRole.Base)
    background = blend(base, QColor(hue), share)
    text = pal.color(QPalette.ColorRole.Text)
    if contrast(text, background) < AA:
        text = max((QColor("black"), QColor("white")), key=lambda c: contrast(c, background))
    return background, text


_STATUS_CACHE: dict[tuple[str, int], tuple[QColor, QColor] | None] = {}


def status_colours(status: object, pal: QPalette | None = None) -> tuple[QColor, QColor] | None:
    """(background, text) for a status, or None for a status with no colour. Asked for every cell a table
    paints, so kept per palette."""
    pal = pal or palette()
    key = (str(status).lower(), pal.cacheKey())
    if key not in _STATUS_CACHE:
        hue = STATUS_HUES.get(key[0])
        _STATUS_CACHE[key] = tint(hue, pal) if hue else None
    return _STATUS_CACHE[key]


def css(colour: QColor) -> str:
    return colour.name()


def muted_style() -> str:
    return f"color: {css(muted())};"


def error_style() -> str:
    return f"color: {css(accent('#b42318'))};"
