"""Plans revised from their check-ins (Plan.revise, hp_plan_revise)."""

import datetime
import gc
import json

import pytest

import hippain
from conftest import SOURCE_DIR

EIGHT_WEEKS = json.loads((SOURCE_DIR / "examples" / "checkins" / "eight_weeks.json").read_text())
GOOD = {"sessions_planned": 3, "sessions_done": 3,
        "pain": {"during": 2, "after": 1, "next_morning": 0}}


@pytest.fixture
def made(onto):
    a = onto.assess({"pain_lateral_hip": True, "worse_lying_on_side": True,
                     "fever_or_chills": False},
                    {"weekly_km": 30, "longest_run_km_30d": 12, "as_of": "2026-01-04"})
    return a, a.plan(weeks=12, start="2026-01-05")


def test_eight_weeks(onto, made):
    a, plan = made
    r = plan.revise(EIGHT_WEEKS, a)
    assert isinstance(r, hippain.Revision) and isinstance(r.plan, hippain.Plan)
    cs = onto.checkins(json.dumps(EIGHT_WEEKS))
    # one decision per check-in, each the pain-monitoring decision of its check-in
    assert [d.week for d in r.decisions] == [c.week for c in cs]
    assert [d.action for d in r.decisions] == [d.action for d in cs.decisions()]
    assert all(isinstance(d, hippain.RevisionDecision) and d.reason and d.sources
               for d in r.decisions)
    # the revised plan starts the day after the last checked-in week
    assert r.plan.weeks[0].days[0].date == datetime.date(2026, 1, 5) + datetime.timedelta(56)
    assert len(r.weeks) == len(r.plan.weeks)
    assert all(isinstance(w, hippain.RevisionWeek) for w in r.weeks)
    doc = r.to_dict()
    assert [d["action"] for d in doc["decisions"]] == [d.action for d in r.decisions]
    assert [d.get("next_week") or None for d in doc["decisions"]] == \
        [d.next_week for d in r.decisions]
    assert "# What changed and why" in r.to_markdown()
    assert r.to_ical().startswith("BEGIN:VCALENDAR")
    assert plan.revise(EIGHT_WEEKS, a).to_json() == r.to_json()  # deterministic
    assert plan.revise(cs, a.profile).to_json() == r.to_json()   # Checkins and Profile too


def test_no_checkins_keep_the_plan(made):
    a, plan = made
    r = plan.revise([], a)
    assert r.decisions == ()
    assert [w.from_week for w in r.weeks] == list(range(1, 13))
    assert r.plan.weeks[0].days[0].date == datetime.date(2026, 1, 5)


def test_progress_moves_on_and_a_red_flag_stops_the_running(made):
    a, plan = made
    two = [dict(GOOD, week=1), dict(GOOD, week=2)]
    r = plan.revise(two, a)
    assert [d.action for d in r.decisions] == ["progress", "progress"]
    assert [d.next_week for d in r.decisions] == [2, 3]
    assert r.weeks[0].from_week == 3
    red = two + [dict(GOOD, week=3, new_findings=["fever_or_chills"])]
    r = plan.revise({"checkins": red}, a)
    last = r.decisions[-1]
    assert last.action == "reassess" and last.triage == "urgent" and last.next_week is None
    assert r.plan.triage == "urgent" and len(r.plan.weeks) == 0


def test_the_revised_plan_outlives_its_revision(made):
    a, plan = made
    r = plan.revise(EIGHT_WEEKS, a)
    md = r.plan.to_markdown()
    p = r.plan
    del r
    gc.collect()
    assert "Revision" not in hippain.live_objects()
    assert p.weeks and p.to_markdown() == md


def test_errors(onto, made):
    a, plan = made
    with pytest.raises(hippain.InvalidInput, match="check-ins must be"):
        plan.revise(42)
    with pytest.raises(hippain.SemanticError, match=r"checkins\[0\].pain.during"):
        plan.revise([{"week": 1, "pain": {"during": 12}}])
    with pytest.raises(hippain.NotFound, match="no_such"):
        plan.revise([dict(GOOD, week=1)], {"no_such": True})


def test_the_eight_weeks_example_runs():
    import os
    import subprocess
    import sys
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    out = subprocess.run([sys.executable, str(SOURCE_DIR / "examples" / "python" / "eight_weeks.py")],
                         capture_output=True, text=True, env=env, check=True).stdout
    lines = [l for l in out.splitlines() if l.startswith("week ")]
    assert len(lines) == 8
    assert lines[3].startswith("week 4: step_back") and lines[4].startswith("week 5: step_back")
    assert lines[7].startswith("week 8: progress")
