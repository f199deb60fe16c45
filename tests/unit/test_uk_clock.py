"""Moments shown to people are on the UK's clock, whatever the store keeps (UTC without a zone)."""

import datetime as dt

from tracker.domain.formatting import uk_date_time


def test_a_summer_change_reads_in_british_summer_time():
    assert uk_date_time(dt.datetime(2026, 7, 7, 9, 5)) == "7 Jul 2026 10:05"


def test_a_winter_change_reads_as_stored():
    assert uk_date_time(dt.datetime(2026, 12, 7, 9, 5), " at ") == "7 Dec 2026 at 09:05"


def test_the_clocks_going_forward_are_followed():
    # 01:00 UTC on the last Sunday of March 2026 is 02:00 BST
    assert uk_date_time(dt.datetime(2026, 3, 29, 0, 59)) == "29 Mar 2026 00:59"
    assert uk_date_time(dt.datetime(2026, 3, 29, 1, 0)) == "29 Mar 2026 02:00"


def test_late_evening_in_summer_moves_to_the_next_day():
    assert uk_date_time(dt.datetime(2026, 6, 30, 23, 30)) == "1 Jul 2026 00:30"


def test_a_moment_with_its_own_zone_is_converted_not_relabelled():
    paris = dt.timezone(dt.timedelta(hours=2))
    assert uk_date_time(dt.datetime(2026, 7, 7, 11, 5, tzinfo=paris)) == "7 Jul 2026 10:05"
