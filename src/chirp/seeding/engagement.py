"""Likes and retweets: most tweets get none or a few, a handful go viral.

A share of the tweets draws a Pareto-distributed appeal, scaled by its author's reach, and the
whole is scaled so the mean per tweet is what the plan asks for. Engagers are mostly
the author's followers, sometimes anyone."""

from __future__ import annotations

import random

PARETO_ALPHA = 1.16  # the "80/20" shape
FROM_FOLLOWERS = 0.8


def engagement_counts(
    rng: random.Random, reach: list[float], mean: float, cap: int, share: float
) -> list[int]:
    """`share` of the tweets draw an appeal at all; the others stay at zero."""
    appeal = [rng.paretovariate(PARETO_ALPHA) * r if rng.random() < share else 0.0 for r in reach]
    total = sum(appeal)
    if total == 0 or mean <= 0 or cap <= 0:
        return [0] * len(reach)
    scale = mean * len(appeal) / total
    # Stochastic rounding keeps the mean while leaving most tweets at zero.
    return [min(cap, int(a * scale + rng.random())) for a in appeal]


def engagers(
    rng: random.Random, wanted: int, author: int, followers: list[int], count: int
) -> list[int]:
    """`wanted` distinct profiles other than the author."""
    if wanted <= 0:
        return []
    if wanted > (count - 1) // 2:
        return rng.sample([j for j in range(count) if j != author], wanted)
    chosen: dict[int, None] = {}
    while len(chosen) < wanted:
        if followers and rng.random() < FROM_FOLLOWERS:
            candidate = followers[rng.randrange(len(followers))]
        else:
            candidate = rng.randrange(count)
        if candidate != author:
            chosen[candidate] = None
    return list(chosen)


def moment_after(rng: random.Random, start: float, end: float) -> float:
    """Engagement clusters soon after a tweet appears, with a long tail."""
    return start + (end - start) * rng.random() ** 3
