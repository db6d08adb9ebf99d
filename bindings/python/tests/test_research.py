"""Researchers: batches, the matrix fast path, pandas frames and charts."""

import numpy as np
import pytest

import hippain


@pytest.fixture(scope="module")
def survey(onto):
    """A random survey: 300 runners x 12 findings coded 1/0/-1."""
    cols = ["pain_lateral_hip", "pain_groin", "pain_buttock", "worse_lying_on_side",
            "worse_climbing_stairs", "onset_gradual", "onset_sudden", "fever_or_chills",
            "tender_greater_trochanter", "pain_radiating_down_leg", "numbness_or_tingling",
            "weak_glutes"]
    assert all(c in onto.findings for c in cols)
    rng = np.random.default_rng(7)
    X = rng.choice(np.array([-1, 0, 1], dtype=np.int8), size=(300, len(cols)),
                   p=[0.3, 0.5, 0.2])
    return X, cols


def test_assess_many(onto, lateral, profiles):
    items = [lateral, profiles["hot_hip"], {"pain_groin": True}, onto.profile({"pain_groin": 1})]
    batch = onto.assess_many(items)
    assert isinstance(batch, hippain.Batch) and len(batch) == 4
    single = onto.assess(profile=lateral)
    assert batch[0].probabilities == pytest.approx(single.probabilities)
    assert batch[1].triage.level == "urgent"
    assert batch[2].probabilities == pytest.approx(batch[3].probabilities)
    assert batch.triage[1] == "urgent"
    m = batch.probabilities()
    assert m.shape == (4, len(onto.conditions))
    assert m.sum(axis=1) == pytest.approx(np.ones(4))
    assert len(onto.assess_many([])) == 0


def test_assess_many_error_names_the_item(onto):
    with pytest.raises(hippain.ValidationError) as ei:
        onto.assess_many([{"pain_groin": True}, {"runner": {"weekly_km": -1}}])
    assert ei.value.file == "profiles[1]" and "runner.weekly_km" in ei.value.message
    with pytest.raises(hippain.NotFound) as ei:
        onto.assess_many([{}, {}, {"nope": True}])
    assert ei.value.file == "profiles[2]"


def test_assess_matrix_matches_assess(onto, survey):
    X, cols = survey
    P = onto.assess_matrix(X, cols)
    assert P.shape == (X.shape[0], len(onto.conditions)) and P.dtype == np.float64
    assert P.sum(axis=1) == pytest.approx(np.ones(X.shape[0]))
    ids = onto.condition_ids
    for r in (0, 1, 17, 299):
        a = onto.assess(findings=dict(zip(cols, X[r].tolist())))
        assert P[r] == pytest.approx([a.probabilities[c] for c in ids])
    P2, triage = onto.assess_matrix(X, cols, return_triage=True)
    assert np.array_equal(P, P2) and triage.shape == (X.shape[0],)
    levels = ["self_care", "see_clinician", "urgent"]
    for r in (0, 5, 9):
        a = onto.assess(findings=dict(zip(cols, X[r].tolist())))
        assert levels[triage[r]] == a.triage.level


@pytest.mark.parametrize("dtype", [np.int8, np.int16, np.int32, np.int64, np.float64,
                                   np.float32])
def test_assess_matrix_dtypes(onto, survey, dtype):
    X, cols = survey
    ref = onto.assess_matrix(X, cols)
    Y = X.astype(dtype)
    if np.dtype(dtype).kind == "f":
        Y[Y == -1] = np.nan
    assert np.array_equal(onto.assess_matrix(Y, cols), ref)
    # non-contiguous views and lists work too
    assert np.array_equal(onto.assess_matrix(np.asfortranarray(X), cols), ref)
    assert np.array_equal(onto.assess_matrix(X[:5].tolist(), cols), ref[:5])


def test_assess_matrix_errors(onto, survey):
    X, cols = survey
    bad = X.copy()
    bad[3, 2] = 2
    with pytest.raises(hippain.InvalidInput, match=r"X\[3, 2\] is 2"):
        onto.assess_matrix(bad, cols)
    with pytest.raises(hippain.InvalidInput):
        onto.assess_matrix(X.astype(float) * 0.5, cols)
    with pytest.raises(hippain.NotFound, match="zzz"):
        onto.assess_matrix(X, cols[:-1] + ["zzz"])
    with pytest.raises(hippain.InvalidInput):
        onto.assess_matrix(X, cols[:-1])
    with pytest.raises(hippain.InvalidInput):
        onto.assess_matrix(X, cols[:-1] + cols[:1])
    with pytest.raises(hippain.InvalidInput):
        onto.assess_matrix(X[0], cols)
    with pytest.raises(hippain.InvalidInput):
        onto.assess_matrix(X, None)
    assert onto.assess_matrix(np.zeros((0, len(cols)), np.int8), cols).shape == \
        (0, len(onto.conditions))


def test_frames(onto, survey, lateral_assessment):
    pd = pytest.importorskip("pandas")
    X, cols = survey
    df = pd.DataFrame(X, columns=cols, index=pd.RangeIndex(1000, 1300))
    out = onto.assess_frame(df, triage=True)
    assert list(out.index) == list(df.index)
    assert list(out.columns) == onto.condition_ids + ["triage"]
    assert np.allclose(out[onto.condition_ids].to_numpy(), onto.assess_matrix(X, cols))
    assert list(onto.frame_meta(triage=True).columns) == list(out.columns)
    # assess_matrix takes column names from a DataFrame
    assert np.array_equal(onto.assess_matrix(df), onto.assess_matrix(X, cols))
    f = lateral_assessment.to_frame()
    assert f.index[0] == "gluteal_tendinopathy" and f["probability"].is_monotonic_decreasing
    b = onto.assess_many([{"pain_groin": True}, {"pain_lateral_hip": True}]).to_frame()
    assert list(b.columns[:3]) == ["triage", "top", "top_probability"] and len(b) == 2
    pf = lateral_assessment.plan(weeks=2).to_frame()
    assert set(pf["week"]) == {1, 2} and "kind" in pf


def test_plots(lateral_assessment, tmp_path):
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    ax = lateral_assessment.plot(top=5)
    assert len(ax.patches) == 5 and ax.get_yticklabels()
    ax.figure.savefig(tmp_path / "diff.png")
    plan = lateral_assessment.plan(weeks=8)
    ax2 = plan.plot()
    assert len([p for p in ax2.patches]) == 8
    ax2.figure.savefig(tmp_path / "plan.png")
    fig, axes = plt.subplots(1, 2)
    from hippain.plotting import plot_differential, plot_weekly_volume
    assert plot_differential(lateral_assessment, ax=axes[0]) is axes[0]
    assert plot_weekly_volume(plan, ax=axes[1]) is axes[1]
    plt.close("all")
    assert (tmp_path / "diff.png").stat().st_size > 1000
