"""Scale-out: assess_matrix over a Dask dataframe, partition by partition."""

import numpy as np
import pytest

dd = pytest.importorskip("dask.dataframe")
pd = pytest.importorskip("pandas")


def test_map_partitions(onto):
    cols = ["pain_lateral_hip", "pain_groin", "worse_lying_on_side", "onset_sudden",
            "fever_or_chills", "tender_greater_trochanter"]
    rng = np.random.default_rng(3)
    X = rng.choice(np.array([-1, 0, 1], dtype=np.int8), size=(2000, len(cols)))
    df = pd.DataFrame(X, columns=cols)
    ddf = dd.from_pandas(df, npartitions=7)
    out = ddf.map_partitions(onto.assess_frame, meta=onto.frame_meta())
    # the threaded scheduler runs partitions concurrently: the GIL is released in C
    got = out.compute(scheduler="threads")
    assert list(got.columns) == onto.condition_ids
    assert np.allclose(got.to_numpy(), onto.assess_matrix(X, cols))
    # summary statistics without collecting the frame
    top_counts = out.idxmax(axis=1).value_counts().compute(scheduler="threads")
    assert top_counts.sum() == 2000


def test_processes_scheduler_pickles_the_ontology(onto):
    cols = ["pain_lateral_hip", "pain_groin"]
    df = pd.DataFrame(np.array([[1, 0], [0, 1], [-1, -1], [1, 1]], np.int8), columns=cols)
    ddf = dd.from_pandas(df, npartitions=2)
    got = ddf.map_partitions(onto.assess_frame, meta=onto.frame_meta()).compute(
        scheduler="processes", num_workers=2)
    assert np.allclose(got.to_numpy(), onto.assess_matrix(df))
