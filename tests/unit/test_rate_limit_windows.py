"""Fixed windows and decisions, the arithmetic every limited request runs."""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from application.ports.rate_limits import Quota, decide, fixed_window


@given(st.floats(1.0, 4e9, allow_nan=False), st.integers(1, 86_400))
def test_a_window_holds_now_and_its_reset_is_the_ceiling_of_the_time_left(now, window):
    start, reset = fixed_window(now, window)
    assert start % window == 0 and start <= now < start + window
    assert reset == max(1, math.ceil(start + window - now))


@given(st.integers(1, 1000), st.integers(1, 1000), st.integers(1, 3600))
def test_a_decision_allows_up_to_the_limit_and_says_when_to_retry(count, limit, reset):
    decision = decide(count, Quota(limit, 3600), reset)
    assert decision.allowed == (count <= limit)
    assert decision.remaining == max(0, limit - count)
    assert decision.retry_after_seconds == (0 if count <= limit else reset)
    assert (decision.limit, decision.reset_seconds) == (limit, reset)
