"""Small timing helper: best-of-N wall time, as `timeit` recommends."""

import time
from collections.abc import Callable


def best_of(fn: Callable[[], object], *, repeat: int = 5, number: int = 1) -> float:
    """Best time in seconds for `number` calls of `fn`, over `repeat` rounds."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            fn()
        best = min(best, time.perf_counter() - start)
    return best
