#!/usr/bin/python3
"""A runner's 8 weeks with weekly check-ins (the Python version of examples/eight_weeks.c).

The plan is made once; after every week the check-ins so far revise it (Plan.revise, i.e.
hp_plan_revise). Prints each week's decision, why, and what the runner does next.

    PYTHONPATH=build/bindings/python python3 examples/python/eight_weeks.py
"""
import hippain

# The runner's diary: sessions planned and done, pain during, after, next morning.
DIARY = [(3, 3, 3, 2, 1), (3, 3, 2, 2, 0), (3, 3, 2, 1, 0), (3, 2, 3, 2, 1),
         (3, 3, 6, 5, 3), (3, 3, 3, 2, 1), (3, 3, 2, 1, 0), (3, 3, 1, 1, 0)]


def main() -> None:
    onto = hippain.Ontology.default()
    a = onto.assess({"pain_lateral_hip": True, "worse_lying_on_side": True,
                     "tender_greater_trochanter": True, "fever_or_chills": False},
                    {"weekly_km": 30, "longest_run_km_30d": 12, "age": 41, "sex": "female",
                     "as_of": "2026-01-04"})
    plan = a.plan(weeks=12, start="2026-01-05")
    print("Plan of %d weeks from 2026-01-05, triage %s" % (len(plan.weeks), plan.triage))
    checkins = []
    for week, (planned, done, during, after, morning) in enumerate(DIARY, 1):
        checkins.append({"week": week, "sessions_planned": planned, "sessions_done": done,
                         "pain": {"during": during, "after": after, "next_morning": morning}})
        rev = plan.revise(checkins, a)
        d = rev.decisions[-1]
        print("week %d: %s (%s) [%s]" % (week, d.action, d.reason, " ".join(d.sources)))
        if not rev.plan.weeks:
            print("    next: no weeks left")
            continue
        nxt, origin = rev.plan.weeks[0], rev.weeks[0]
        print("    next: %s, %.1f km running (%s)" % (
            nxt.phase, nxt.run_km,
            "week %d of the plan" % origin.from_week if origin.from_week else "a rebuilt plan"))


if __name__ == "__main__":
    main()
