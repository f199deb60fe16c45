"""Renders resources/icons/pcp-tracker.svg into the PNG sizes and the multi-size .ico the installers use.

Run once after changing the SVG, from anywhere:  .venv/bin/python packaging/make_icons.py
The generated files are committed, so neither a build nor an install needs Qt's SVG renderer or Pillow.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

SIZES = (16, 24, 32, 48, 64, 128, 256)
ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SVG = ICONS / "pcp-tracker.svg"


def render_pngs() -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 (QPainter needs one)
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise SystemExit(f"make_icons: {SVG} is not a valid SVG")
    written = []
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        renderer.render(painter)  # each size rendered from the vector, not scaled down from 256
        painter.end()
        path = ICONS / f"pcp-tracker-{size}.png"
        if not image.save(str(path), "PNG"):
            raise SystemExit(f"make_icons: cannot write {path}")
        written.append(path)
    return written


def build_ico() -> Path:
    from PIL import Image

    largest = Image.open(ICONS / "pcp-tracker-256.png").convert("RGBA")
    # The smaller frames are the ones rendered from the vector at that size (sharper than Pillow's
    # down-scaling of the 256 px image); Pillow matches append_images to `sizes` by their size.
    smaller = [Image.open(ICONS / f"pcp-tracker-{size}.png").convert("RGBA") for size in SIZES[:-1]]
    path = ICONS / "pcp-tracker.ico"
    largest.save(path, format="ICO", sizes=[(s, s) for s in SIZES], append_images=smaller)
    return path


def main() -> int:
    for path in [*render_pngs(), build_ico()]:
        print(path.relative_to(ICONS.parent.parent))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
