"""A long committee report keeps every recommendation: numbers that look like years are recommendations
when the numbering before them leads up to them."""

from __future__ import annotations

import datetime as dt


def test_a_report_of_2000_recommendations_imports_all_2000(demo, tmp_path):
    report = tmp_path / "long-report.md"
    report.write_text(
        "The committee recommends:\n\n"
        + "\n\n".join(f"{n}. Recommendation number {n} asks the body to act." for n in range(1, 2001))
        + "\n",
        encoding="utf-8",
    )
    demo.cycles.create_cycle("long", "", "plan-london", "mopac", triggers={"election": dt.date(2028, 5, 4)})
    demo.imports.import_recommendations("long", report)
    numbers = [r.number for r in demo.recommendations.register("long")]
    assert numbers == [str(n) for n in range(1, 2001)]


def test_a_year_starting_a_sentence_is_still_no_recommendation(demo, tmp_path):
    report = tmp_path / "short-report.md"
    report.write_text(
        "The committee recommends:\n\n1. Publish the plan by March\n\n2026. The plan should be costed.\n\n"
        "2. Consult young people.\n",
        encoding="utf-8",
    )
    demo.cycles.create_cycle("short", "", "plan-london", "mopac", triggers={"election": dt.date(2028, 5, 4)})
    demo.imports.import_recommendations("short", report)
    assert [r.number for r in demo.recommendations.register("short")] == ["1", "2"]
