"""The arithmetic of tests/real_documents/score.py, on made-up tiny inputs."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "real_documents"))

from score import Score, extraction_counts, group_counts, mapping_counts  # noqa: E402


def test_extraction_counts_numbers_and_unnumbered_recommendations():
    assert extraction_counts(["1", "2", "3"], ["1", "3", "4"]) == (2, 1, 1)
    assert extraction_counts([None, None], [None]) == (1, 0, 1)
    assert extraction_counts([], ["a"]) == (0, 1, 0)


def test_each_passage_and_number_pair_counts_once():
    labelled = [["1"], ["2", "3"], ["4"]]
    found = [("1",), ("2",), ("3",), ("5",)]
    # 1, 2 and 3 are answered where the labels say (grouping aside); 5 is not labelled; 4 is missed
    assert mapping_counts(labelled, found) == (3, 1, 1)
    # the whole-group count only credits the passage whose set of numbers matches
    assert group_counts(labelled, found) == (1, 3, 2)


def test_a_number_answered_twice_needs_two_labelled_passages():
    assert mapping_counts([["1"]], [("1",), ("1",)]) == (1, 1, 0)
    assert mapping_counts([["1"], ["1"]], [("1",)]) == (1, 0, 1)


def test_unnumbered_answers_count_against_unnumbered_passages():
    assert mapping_counts([[None], [None]], [(), ("2",)]) == (1, 1, 1)


def test_ratios_with_nothing_to_count_are_one():
    empty = Score()
    assert empty.precision() == empty.recall() == empty.map_precision() == empty.map_recall() == 1.0
    some = Score(right=3, wrong=1, missed=2, map_right=1, map_wrong=1, map_missed=3, refused=1, empty=2)
    assert some.precision() == 0.75 and some.recall() == 0.6
    assert some.map_precision() == 0.5 and some.map_recall() == 0.25
    assert some.refusals() == 3
