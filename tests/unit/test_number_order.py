"""Recommendation numbers in the order people read them, wherever the tracker orders or compares them."""

from __future__ import annotations

from tracker.domain.formatting import answered_out_of_order, number_key
from tracker.domain.numbers import natural_key


def test_numbers_sort_as_people_read_them():
    numbers = ["10", "4.1", "R2", "4a", "2", "4", "R10", "B", "A"]
    assert sorted(numbers, key=number_key) == ["2", "4", "4.1", "4a", "10", "A", "B", "R2", "R10"]
    assert sorted(numbers, key=number_key) == sorted(numbers, key=natural_key)


def test_an_answer_after_a_higher_number_is_named_with_it():
    assert answered_out_of_order([("R2",), ("R10",), ("R4",)]) == {"R4": "R10"}
    # 4.1 comes before 10, and "4a" beside 4: an answer to 4.1 after 10 is out of order, 4a after 4 is not
    assert answered_out_of_order([("4",), ("4a",), ("10",), ("4.1",)]) == {"4.1": "10"}
