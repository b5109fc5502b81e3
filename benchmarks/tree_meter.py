"""Memory of a process tree: the summed PSS of a process and all its children.

Used by the benchmarks whose toolkit functions fork worker processes
(``bench_attribution.py``, ``bench_actors.py``): the parent's own high-water mark does not
see the workers' memory, and summing RSS would count pages shared after ``fork`` several
times. PSS (proportional set size) counts a shared page once across the tree.
"""

from __future__ import annotations

import threading


def _pss(pid: int) -> int:
    """PSS of one process in bytes (0 when it is gone)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


class TreeMeter:
    """Peak of the summed PSS of this process and all its children (sampled every 0.5 s).

    Reading `smaps_rollup` of a multi-GB process costs milliseconds; sampled more often,
    the meter itself takes a noticeable share of the 2 cores.
    """

    def __init__(self, interval: float = 0.5) -> None:
        self.interval = interval
        self.peak = 0
        self.max_children = 0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def _sample(self) -> int:
        import psutil

        me = psutil.Process()
        try:
            kids = me.children(recursive=True)
        except psutil.Error:
            kids = []
        self.max_children = max(self.max_children, len(kids))
        return _pss(me.pid) + sum(_pss(k.pid) for k in kids)

    def start(self) -> TreeMeter:
        self.base = self._sample()
        self.peak = self.base

        def run() -> None:
            while not self._stop.wait(self.interval):
                self.peak = max(self.peak, self._sample())

        self._thread = threading.Thread(target=run, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> int:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        return max(self.peak, self._sample())
