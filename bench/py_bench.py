#!/usr/bin/env python3
"""The Python figures of hippain-bench (issue 10): py_assess_per_s and py_matrix_rows_per_s.

    PYTHONPATH=BUILD/bindings/python python3 bench/py_bench.py [--quick] [--cpu-time]

Prints one figure a line, "name: value unit", like hippain-bench; each figure is the median
over repeated rounds after a warm-up (by wall clock, or with --cpu-time by the process's
CPU time, which the library's calls are counted in since they run on this thread). Without
the binding it prints a comment and exits 0.

- py_assess_per_s: Ontology.assess() calls per second, one per profile: the same typical
  profile as hippain-bench (eight findings, a two-run log), passed as Python dicts.
- py_matrix_rows_per_s: rows per second through Ontology.assess_matrix() on an int8 matrix
  of 20,000 rows x 8 columns (the same eight findings, answers drawn at random).
"""
import statistics
import sys
import time

FINDINGS = {
    "pain_lateral_hip": True, "onset_gradual": True, "worse_lying_on_side": True,
    "tender_greater_trochanter": True, "pain_groin": False, "fever_or_chills": False,
    "numbness_or_tingling": False, "after_fall_or_trauma": False,
}
RUNNER = {
    "as_of": "2026-11-15",
    "runs": [{"date": "2026-11-05", "km": 8.0, "minutes": 50, "effort": 5},
             {"date": "2026-11-15", "km": 12.0, "minutes": 75, "effort": 6}],
}


CLOCK = time.perf_counter


def rounds_median(fn, rounds, min_seconds):
    """Median of fn() per second over rounds, each lasting at least min_seconds."""
    fn()  # warm-up
    rates = []
    for _ in range(rounds):
        n = 0
        t0 = CLOCK()
        while True:
            n += fn()
            t = CLOCK() - t0
            if t >= min_seconds:
                break
        rates.append(n / t)
    return statistics.median(rates)


def main():
    global CLOCK
    quick = "--quick" in sys.argv[1:]
    if "--cpu-time" in sys.argv[1:]:
        CLOCK = time.thread_time
    rounds, seconds = (5, 0.05) if quick else (15, 0.2)
    try:
        import hippain
    except ImportError as e:  # the binding is not built
        print("# python binding not available (%s): py_* figures skipped" % e)
        return 0
    onto = hippain.Ontology.default()

    def one_assess():
        onto.assess(FINDINGS, RUNNER)
        return 1

    print("py_assess_per_s: %.0f /s" % rounds_median(one_assess, rounds, seconds), flush=True)

    try:
        import numpy as np
    except ImportError as e:
        print("# numpy not available (%s): py_matrix_rows_per_s skipped" % e)
        return 0
    rows = 20000
    cols = list(FINDINGS)
    rng = np.random.default_rng(10)
    X = rng.integers(-1, 2, size=(rows, len(cols)), dtype=np.int8)

    def matrix():
        onto.assess_matrix(X, cols)
        return rows

    print("py_matrix_rows_per_s: %.0f rows/s" % rounds_median(matrix, rounds, seconds),
          flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
