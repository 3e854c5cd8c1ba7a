"""Round page77: the network page's faults left by page76 (a namesake's facts on a line of their own, the legend's
lines, a small community far out, *only leader of* in the whole map's frame), each fixed with a test that fails on
the code before it. Invented corpora only; see the round's section in docs/development.md.
"""

from __future__ import annotations

import math
from collections import Counter

from kgraph.page.visualize import analyse


def _hub_with_rings(hub: int, second: int, rings: int) -> tuple[int, Counter]:
    """A hub named with ``hub`` others, a second hub with ``second`` linked to it, rings of 6 each named once with one
    of the first hub's neighbours."""
    stated, n = Counter(), 1
    for _ in range(hub):
        stated[(0, n)] += 1
        n += 1
    other, n = n, n + 1
    for _ in range(second):
        stated[(other, n)] += 1
        n += 1
    stated[(0, other)] += 1
    for r in range(rings):
        for k in range(5):
            stated[(n + k, n + k + 1)] += 1
        stated[(n, n + 5)] += 1
        stated[(1 + 7 * r, n)] += 1
        n += 6
    return n, stated


def _widest_gap(result) -> float:
    """Return the widest gap between a community's disc (about its members' mean) and the nearest other one."""
    pos, discs = result["positions"], []
    for members in result["communities"]:
        cx = sum(pos[i][0] for i in members) / len(members)
        cy = sum(pos[i][1] for i in members) / len(members)
        discs.append((cx, cy, max(math.hypot(pos[i][0] - cx, pos[i][1] - cy) for i in members)))
    return max(min(math.hypot(x - px, y - py) - r - pr for b, (px, py, pr) in enumerate(discs) if b != a)
               for a, (x, y, r) in enumerate(discs))


def test_a_small_community_is_placed_near_the_rest_not_far_out():
    # With the communities packed where their own layout wanted them, a ring of 7 lay 1,070 px beyond the hub's disc
    # with nothing between, and fit-to-screen shrank the whole map to show it.
    n, stated = _hub_with_rings(900, 500, 20)
    result = analyse(n, stated, set(), [1] * n)
    assert len(result["communities"]) > 20
    assert _widest_gap(result) < 500  # 1,073 before; a ring's disc is about 200 across
    assert analyse(n, stated, set(), [1] * n)["positions"] == result["positions"]  # the same input, the same places
