"""Plans: phases, weeks, days, sessions and the three exports."""

import datetime
import json

import pytest

import hippain

KINDS = {"run", "walk_run", "strength", "mobility", "warm_up", "cool_down",
         "cross_training", "rest"}


@pytest.fixture
def plan(lateral_assessment):
    return lateral_assessment.plan(weeks=8, start="2026-12-01")


def test_plan_structure(plan, onto):
    assert isinstance(plan, hippain.Plan) and len(plan) == 8
    weeks = plan.weeks
    assert [w.index for w in weeks] == list(range(1, 9))
    assert weeks[0].days[0].date == datetime.date(2026, 12, 1)
    dates = [d.date for w in weeks for d in w.days]
    assert dates == [datetime.date(2026, 12, 1) + datetime.timedelta(days=i)
                     for i in range(56)]
    for w in weeks:
        assert w.phase in ("settle", "strengthen", "return", "build")
        assert len(w.days) == 7
        run_km = sum(s.km for d in w.days for s in d.sessions
                     if s.kind in ("run", "walk_run"))
        assert w.run_km == pytest.approx(run_km, abs=0.05)
        assert any(s.kind == "rest" for d in w.days for s in d.sessions)
        for d in w.days:
            assert d.sessions
            for s in d.sessions:
                assert s.kind in KINDS
                for it in s.items:
                    assert it.id in onto.exercises and it.sets >= 1 and it.name
    order = ["settle", "strengthen", "return", "build"]
    phases = plan.phases
    assert [p.name for p in phases] == sorted({p.name for p in phases}, key=order.index)
    assert sum(len(p.weeks) for p in phases) == 8
    assert plan.weekly_km == [w.run_km for w in weeks]
    assert plan.triage == lateral_triage(plan)
    assert all(a.id in onto.advice for a in plan.advice)
    assert "Plan" in repr(plan)


def lateral_triage(plan):
    return plan.to_dict()["triage"]


def test_exports(plan):
    d = plan.to_dict()
    assert d["triage"] == plan.triage
    assert len(d["weeks"]) == 8 and d["weeks"][0]["days"][0]["date"] == "2026-12-01"
    assert json.loads(plan.to_json(pretty=True)) == d
    md = plan.to_markdown()
    assert md.startswith("#") and "2026-12-01" in md
    ical = plan.to_ical()
    assert ical.startswith("BEGIN:VCALENDAR") and ical.rstrip().endswith("END:VCALENDAR")
    assert ical.count("BEGIN:VEVENT") >= 8


def test_options(lateral_assessment):
    p = lateral_assessment.plan(weeks=3, start=datetime.date(2027, 1, 4), run_days=2)
    assert len(p.weeks) == 3 and p.weeks[0].days[0].date == datetime.date(2027, 1, 4)
    with pytest.raises(hippain.InvalidInput):
        lateral_assessment.plan(weeks=99)
    with pytest.raises(hippain.InvalidInput):
        lateral_assessment.plan(start="not a date")


def test_plan_for_conditions(onto):
    p = onto.plan_for(["it_band_syndrome"], runner={"weekly_km": 25}, weeks=4,
                      start="2026-12-07")
    assert len(p.weeks) == 4
    with pytest.raises(hippain.Error):
        onto.plan_for(["no_such_condition"])
