"""Who follows whom: a heavy-tailed graph, like a real social network's.

Popularity follows a Zipf law over a shuffled ranking, so a few profiles are followed by
most others while the median one has a modest audience. Most profiles follow 50-300
others once there are enough profiles to choose from (the range shrinks in proportion
below a thousand profiles); a tenth are casual, a few follow thousands."""

from __future__ import annotations

import itertools
import math
import random

ZIPF_EXPONENT = 0.9
FULL_SIZE = 1000  # from this many profiles on, out-degrees take their full range


def popularity_weights(rng: random.Random, count: int) -> list[float]:
    ranks = list(range(count))
    rng.shuffle(ranks)
    return [1.0 / (rank + 1) ** ZIPF_EXPONENT for rank in ranks]


def out_degree(rng: random.Random, count: int) -> int:
    roll = rng.random()
    if roll < 0.10:
        wanted = rng.randint(5, 49)
    elif roll < 0.97:
        wanted = min(300, max(50, int(rng.lognormvariate(math.log(120), 0.5))))
    else:
        wanted = rng.randint(300, 3000)
    scale = min(1.0, (count - 1) / FULL_SIZE)
    return min(count - 1, max(1, round(wanted * scale))) if count > 1 else 0


def follow_graph(rng: random.Random, weights: list[float]) -> list[list[int]]:
    """following[i] lists the profiles profile i follows, each once, never itself."""
    count = len(weights)
    cumulative = list(itertools.accumulate(weights))
    population = range(count)
    following: list[list[int]] = []
    for follower in population:
        wanted = out_degree(rng, count)
        if wanted > (count - 1) // 2:
            # Near-complete rows: weighted draws would spend ages on the rare profiles.
            others = [j for j in population if j != follower]
            following.append(rng.sample(others, wanted))
            continue
        chosen: dict[int, None] = {}
        while len(chosen) < wanted:
            for followee in rng.choices(population, cum_weights=cumulative, k=wanted):
                if followee != follower:
                    chosen[followee] = None
                    if len(chosen) == wanted:
                        break
        following.append(list(chosen))
    return following


def followers_of(following: list[list[int]]) -> list[list[int]]:
    followers: list[list[int]] = [[] for _ in following]
    for follower, followees in enumerate(following):
        for followee in followees:
            followers[followee].append(follower)
    return followers
