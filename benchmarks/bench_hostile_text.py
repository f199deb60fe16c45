"""Hostile text: thousands of brackets, links, tags or dates with no full stop, timed against a plain split.

For each input the time of `extract_recommendations` is printed as a ratio against `len(text.split())` on
the same text, measured in this run, and then how the time grows from 100 KB to 400 KB: a growth near 4x
means the work is linear in the length of the text (16x would be quadratic).
Run: `.venv/bin/python benchmarks/bench_hostile_text.py` (add `--sizes 25,100` for a quick look)
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from timing import best_of  # noqa: E402

from tracker.importing.extract import classify, document_info, extract_recommendations

KB = 1024


def _repeat(unit: str) -> Callable[[int], str]:
    def build(size: int) -> str:
        return (unit * (size // len(unit) + 1))[:size]

    return build


def _numbered_with_dates(size: int) -> str:
    """One recommendation whose text is nothing but dated asks, with no full stop anywhere."""
    head = "1. The plan should be published "
    return head + _repeat("by 1 March 2022 and ")(size - len(head))


HOSTILE: dict[str, Callable[[int], str]] = {
    "open brackets '(' * n": _repeat("("),
    "open square brackets '[' * n": _repeat("["),
    "links '[a](b)' repeated": _repeat("[a](b)"),
    "unclosed links '[a](' repeated": _repeat("[a]("),
    "'<' * n": _repeat("<"),
    "tags '<b>x' repeated, no close": _repeat("<b x"),
    "dates '1 March 2022 ' no full stop": _repeat("1 March 2022 "),
    "run-on 'Recommendation 1: … Response: …', one line": _repeat(
        "Recommendation 7: the panel asks Response: agreed "
    ),
    "'Recommendation 1: …' with no full stop, one line": _repeat("Recommendation 1: we ask for more "),
    "a recommendation of dated asks": _numbered_with_dates,
    "flattened table labels repeated, one line": _repeat("Panel comment 1 x Commissioner's response 1 y "),
    "one sourced sentence of obligations, no full stop": _repeat(
        "inspectors said the force should improve, "
    ),
    "a sourced ask in every paragraph": _repeat("Inspectors said the force should act.\n\n"),
}


def _time(text: str) -> tuple[float, float]:
    def ours() -> object:
        classify.cache_clear()  # each run starts cold
        document_info.cache_clear()
        return extract_recommendations(text)

    def baseline() -> object:
        return len(text.split())

    return best_of(3, ours), best_of(3, baseline)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,200,400", help="sizes in KB, comma separated")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"{'input':40} " + " ".join(f"{s:>5} KB ms (x split)" for s in sizes) + "   growth")
    for name, build in HOSTILE.items():
        cells = []
        times = []
        for size in sizes:
            ours, base = _time(build(size * KB))
            times.append(ours)
            cells.append(f"{ours * 1000:9.1f} ({ours / base:5.0f}x)")
        growth = times[-1] / times[0] if times[0] > 0 else float("nan")
        span = f"{sizes[0]}->{sizes[-1]} KB"
        print(f"{name:40} " + " ".join(f"{c:>20}" for c in cells) + f"   {growth:5.1f}x ({span})")


if __name__ == "__main__":
    main()
