"""Hypothesis settings and strategies shared by the rule tests.

Derandomised, so `make mutate` judges every mutant against the same examples and a score
does not move between runs; no deadline, because two shared cores make timings noisy.
"""

from __future__ import annotations

from datetime import date

from hypothesis import settings
from hypothesis import strategies as st

RULES = settings(derandomize=True, deadline=None, max_examples=200)

# Wide enough for every year assure will meet, far enough from date.min/max to add 56 days.
days = st.dates(min_value=date(1900, 1, 1), max_value=date(2999, 12, 31))
start_years = st.integers(min_value=1990, max_value=2200)
