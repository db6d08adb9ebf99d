#!/usr/bin/env python3
"""Assess a large survey with Dask, partition by partition.

Each partition is a pandas DataFrame of answers (1 present, 0 absent, -1 unknown; NaN
counts as unknown) whose columns are finding ids; `Ontology.assess_frame` runs the C fast
path on it with the interpreter lock released, so the threaded scheduler uses every core,
and an Ontology pickles (as how to reload it) for process or distributed schedulers.

    PYTHONPATH=build/bindings/python python3 examples/python/dask_matrix.py [ROWS]
"""

import sys

import dask.dataframe as dd
import numpy as np
import pandas as pd

import hippain


def main(rows: int = 200_000) -> None:
    onto = hippain.Ontology.default()
    columns = ["pain_lateral_hip", "pain_groin", "pain_buttock", "worse_lying_on_side",
               "worse_climbing_stairs", "onset_gradual", "onset_sudden",
               "tender_greater_trochanter", "fever_or_chills", "weak_glutes"]
    rng = np.random.default_rng(42)
    survey = pd.DataFrame(
        rng.choice(np.array([-1, 0, 1], dtype=np.int8), size=(rows, len(columns)),
                   p=[0.3, 0.5, 0.2]),
        columns=columns)
    ddf = dd.from_pandas(survey, npartitions=16)

    # One probability column per condition, plus the triage level, for every runner.
    probs = ddf.map_partitions(onto.assess_frame, triage=True,
                               meta=onto.frame_meta(triage=True))

    top = probs[onto.condition_ids].idxmax(axis=1)
    summary = top.value_counts().compute(scheduler="threads")
    triage = probs["triage"].value_counts().compute(scheduler="threads")
    mean = probs[onto.condition_ids].mean().compute(scheduler="threads")

    print("runners:", rows)
    print("\nmost likely cause (count):")
    print(summary.to_string())
    print("\ntriage:")
    print(triage.to_string())
    print("\nmean probability of each cause:")
    print(mean.sort_values(ascending=False).round(4).to_string())


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200_000)
