"""Ontology.assess() and Ontology.profile() read the findings and runner dicts in C
(hpx_py_profile / hpx_py_assess) and fall back to the profile JSON for anything unusual.
Both paths must give the same profile, or the same error naming the same key."""

import datetime
import math
import random

import numpy as np
import pytest

import hippain
from hippain import _util, hippain_core


def _outcome(fn):
    try:
        return ("ok", fn())
    except hippain.Error as e:
        return ("error", type(e), e.message, e.file, e.line, e.column)
    except Exception as e:  # e.g. a str the profile JSON cannot encode
        return ("error", type(e), str(e))


def _via_json(onto, findings, runner, name="profile"):
    """The profile as the JSON path makes it (the reference)."""
    return hippain.Profile.from_json(onto, _util.profile_json(findings, runner), name).to_json()


def _check_same(onto, findings, runner):
    want = _outcome(lambda: _via_json(onto, findings, runner))
    got = _outcome(lambda: onto.profile(findings, runner).to_json())
    assert got == want, (findings, runner)
    got_a = _outcome(lambda: onto.assess(findings, runner).to_json())
    if want[0] == "ok":
        ref = hippain.Profile.from_json(onto, want[1]).assess().to_json()
        assert got_a == ("ok", ref), (findings, runner)
    else:
        assert got_a == want, (findings, runner)
    return want[0]


@pytest.mark.parametrize("with_ids", [True, False])
def test_plain_dicts_take_the_direct_path(onto, lateral, with_ids):
    # ids: the thin layer's finding id -> index dict, or None (the ontology's own lookup)
    h, ids = onto._h, (onto._finding_indices() if with_ids else None)
    f, r = lateral["findings"], lateral["runner"]
    p = hippain_core.hpx_py_profile(h, ids, f, r)
    assert p is not None
    assert hippain_core.hpx_profile_to_json(p, None) == _via_json(onto, f, r)
    a = hippain_core.hpx_py_assess(h, ids, f, r)
    assert hippain_core.hpx_assessment_to_json(a, None, 0, None) == \
        onto.assess(profile=hippain.Profile.from_json(onto, _via_json(onto, f, r))).to_json()
    assert hippain_core.hpx_py_assess(h, ids, None, None) is not None
    assert hippain_core.hpx_py_assess(h, ids, {"pain_groin": None},
                                      {"age": float("nan")}) is not None
    # anything unusual is left to the JSON path (None), which decides
    for findings, runner in [({"pain_groin": 1}, None), ({"pain_groin": "yes"}, None),
                             ({"nope": True}, None), ({"it_band_syndrome": True}, None),
                             (None, {"weekly_km": -1}),
                             (None, {"weekly_km": np.float64(3)}), (None, {"age": True}),
                             (None, {"weekly_km": float("inf")}), (None, {"age": 2 ** 70}),
                             (None, {"runs": [{"date": "2026-01-01"}]}),
                             (None, {"as_of": datetime.date(2026, 1, 1)}), ([], None),
                             (None, {"sex": "f"}), ({1: True}, None)]:
        assert hippain_core.hpx_py_profile(h, ids, findings, runner) is None, (findings, runner)
        assert hippain_core.hpx_py_assess(h, ids, findings, runner) is None, (findings, runner)
        _check_same(onto, findings, runner)


def test_same_profile_as_the_json_path(onto, lateral, profiles):
    for p in [lateral] + list(profiles.values()):
        f, r = _util.split_profile(p)
        assert _check_same(onto, f, r) == "ok"
    assert _check_same(onto, {}, {}) == "ok"
    assert _check_same(onto, None, {"runs": ()}) == "ok"


def test_errors_name_the_key(onto):
    runs = [{"date": "2026-11-01", "km": 5}, {"date": "2026-11-02", "km": 6},
            {"date": "2026-11-31", "km": 7}]
    with pytest.raises(hippain.ValidationError) as ei:
        onto.assess({"pain_groin": True}, {"runs": runs})
    assert "runner.runs[2].date" in ei.value.message and ei.value.file == "profile"
    with pytest.raises(hippain.ValidationError) as ei:
        onto.profile(None, {"runs": runs[:1] + [{"date": "2026-11-02", "km": -1}]},
                     name="bob.json")
    assert "runner.runs[1]" in ei.value.message and ei.value.file == "bob.json"
    with pytest.raises(hippain.NotFound) as ei:
        onto.assess({"pain_groin": True, "it_band_syndrome": False})
    assert "findings.it_band_syndrome" in ei.value.message


def test_size_limit_as_the_json_path(onto):
    # 10,000 runs with long numbers: the profile JSON is over 1 MiB
    run = {"date": "2026-11-01", "km": 1.2345678901234567e-300,
           "minutes": 2.2345678901234567e-300, "effort": 5.123456789012345}
    runner = {"runs": [run] * 10000}
    assert len(_util.profile_json(None, runner).encode()) > 1024 * 1024
    assert _check_same(onto, None, runner) == "error"
    runner = {"runs": [run] * 8000}
    assert len(_util.profile_json(None, runner).encode()) < 1024 * 1024
    assert _check_same(onto, None, runner) == "ok"


def _random_value(rng, kind):
    pools = {
        "answer": [True, False, None, 1, 0, -1, 1.0, float("nan"), "yes", "absent", "maybe", 2,
                   np.bool_(True), np.int8(1), [], {}],
        "number": [0, 1, 42, 3.5, -1, -0.0, 1e300, float("inf"), float("nan"), None, True,
                   2 ** 63 - 1, 2 ** 63, -(2 ** 63), 2 ** 80, "5", np.float64(12.5), np.int64(7),
                   [1], 1e-300],
        "days": [0, 3, 7, 8, -1, 6.5, None],
        "date": ["2026-11-01", "2026-02-29", "2028-02-29", "2026-13-01", "2026-1-1", "",
                 "2026-11-01x", "2026-11-01\x00", datetime.date(2026, 11, 3), 20261101, None,
                 "\ud800"],
        "sex": ["female", "male", "other", "Female", "", None, 1],
        "strike": ["heel", "midfoot", "forefoot", "toe", None],
    }
    return rng.choice(pools[kind])


def _random_profile(rng, ids):
    findings = None
    if rng.random() < 0.8:
        findings = {}
        for _ in range(rng.randrange(0, 10)):
            key = rng.choice(ids) if rng.random() < 0.95 else rng.choice(
                ["nope", "it_band_syndrome", "", 3, "pain\x00groin", "pain_groin "])
            findings[key] = _random_value(rng, "answer") if rng.random() < 0.3 else \
                rng.choice([True, False, None])
    runner = None
    if rng.random() < 0.8:
        runner = {}
        fields = ["weekly_km", "previous_weekly_km", "longest_run_km_30d", "planned_run_km",
                  "cadence_spm", "shoe_km", "age"]
        for k in rng.sample(fields, rng.randrange(0, len(fields))):
            runner[k] = rng.choice([rng.uniform(0, 100), rng.randrange(0, 200)]) \
                if rng.random() < 0.8 else _random_value(rng, "number")
        if rng.random() < 0.3:
            runner["run_days_per_week"] = _random_value(rng, "days")
        if rng.random() < 0.3:
            runner["sex"] = _random_value(rng, "sex")
        if rng.random() < 0.3:
            runner["foot_strike"] = _random_value(rng, "strike")
        if rng.random() < 0.4:
            runner["as_of"] = "2026-11-15" if rng.random() < 0.7 else _random_value(rng, "date")
        if rng.random() < 0.1:
            runner[rng.choice(["nope", 7, "Runs"])] = 1
        if rng.random() < 0.6:
            runs = []
            for i in range(rng.randrange(0, 12)):
                run = {"date": "2026-11-%02d" % (i + 1), "km": rng.uniform(0, 30)}
                if rng.random() < 0.5:
                    run["minutes"] = rng.randrange(10, 200)
                if rng.random() < 0.3:
                    run["effort"] = rng.randrange(1, 11)
                if rng.random() < 0.15:
                    k = rng.choice(["date", "km", "minutes", "effort", "pace", 1])
                    run[k] = _random_value(rng, "date" if k == "date" else "number")
                if rng.random() < 0.03:
                    del run["km"]
                runs.append(run if rng.random() < 0.97 else rng.choice([None, 3, [run]]))
            runner["runs"] = runs if rng.random() < 0.9 else tuple(runs)
    return findings, runner


def test_random_profiles_agree_with_the_json_path(onto):
    rng = random.Random(20261122)
    ids = onto.finding_ids
    kinds = {}
    for _ in range(1500):
        f, r = _random_profile(rng, ids)
        k = _check_same(onto, f, r)
        kinds[k] = kinds.get(k, 0) + 1
    assert kinds.get("ok", 0) > 300 and kinds.get("error", 0) > 300, kinds


def test_assessments_are_owned_and_freed(onto, lateral):
    import gc
    gc.collect()
    before = hippain.live_allocations()
    for _ in range(200):
        a = onto.assess(lateral["findings"], lateral["runner"])
        assert a.causes and a.triage.level and a.plan(weeks=1).to_json()
        p = onto.profile(lateral["findings"], lateral["runner"])
        assert p.answered == len(lateral["findings"]) and not math.isnan(p.runner("age"))
    del a, p
    gc.collect()
    assert hippain.live_allocations() == before
