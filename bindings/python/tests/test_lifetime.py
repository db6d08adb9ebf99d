"""Lifetimes, leaks and threads."""

import gc
import os
import resource
import threading

import numpy as np
import pytest

import hippain
from hippain import hippain_core


def _settle():
    gc.collect()
    return hippain.live_allocations(), hippain.live_objects()


@pytest.mark.parametrize("order", [
    ("onto", "assessment", "plan", "profile", "interview"),
    ("plan", "assessment", "onto", "interview", "profile"),
    ("assessment", "onto", "profile", "plan", "interview"),
    ("interview", "profile", "onto", "plan", "assessment"),
])
def test_delete_in_any_order(lateral, order):
    before, live0 = _settle()
    objs = {}
    objs["onto"] = hippain.Ontology.default()
    objs["profile"] = objs["onto"].profile(lateral["findings"], lateral["runner"])
    objs["assessment"] = objs["profile"].assess()
    objs["plan"] = objs["assessment"].plan(weeks=4)
    objs["interview"] = objs["onto"].interview(findings={"pain_groin": True})
    entries = objs["onto"].conditions  # plain copies: fine after the ontology is gone
    for name in order:
        survivors = [objs[n] for n in objs if n != name]
        del objs[name]
        gc.collect()
        # whatever is left still works
        for o in survivors:
            if isinstance(o, hippain.Assessment):
                assert o.causes[0].probability > 0 and o.to_json()
                assert o.plan(weeks=1).to_ical()
            elif isinstance(o, hippain.Plan):
                assert o.weeks and o.to_markdown()
            elif isinstance(o, hippain.Profile):
                assert o.assess().triage.level
            elif isinstance(o, hippain.Interview):
                assert o.question is not None and o.assessment.causes
        survivors = o = None
    assert entries["it_band_syndrome"].name
    after, live = _settle()
    assert (after, live) == (before, live0)


def test_swig_proxies_own_their_objects_and_c_refcounts():
    """At the SWIG level: every object proxy owns its C object, and the C library's
    reference counting lets the ontology proxy die first."""
    before = _settle()[0]
    err = hippain_core.hp_error()
    onto = hippain_core.hpx_load_default(err)
    prof = hippain_core.hpx_profile_from_json(onto, '{"findings":{"pain_groin":true}}', "p", err)
    a = hippain_core.hpx_assess(prof, err)
    iv = hippain_core.hpx_interview_new(onto, prof, 0.0, 0.0, 0, err)
    plan = hippain_core.hpx_plan(a, 2, "2026-12-01", 0, 0.0, None, 0.0, err)
    assert all(o.thisown for o in (onto, prof, a, iv, plan))
    del onto
    gc.collect()  # the C ontology lives on: its dependents hold references
    del prof
    assert hippain_core.hp_assessment_cause_count(a) > 0
    assert hippain_core.hpx_assessment_to_json(a, None, 0, err).startswith("{")
    assert hippain_core.hp_interview_question(iv)
    assert hippain_core.hpx_plan_to_ical(plan, err).startswith("BEGIN:VCALENDAR")
    onto2 = hippain_core.hpx_assessment_ontology(a)  # a new reference
    del a, iv
    assert hippain_core.hp_ontology_count(onto2, hippain_core.HP_ENTITY_CONDITION) > 0
    del onto2
    assert hippain_core.hpx_plan_to_json(plan, 0, err)
    del plan
    assert err.code == 0
    assert _settle()[0] == before


def test_gc_cycles_with_objects(lateral):
    before, live0 = _settle()

    class Holder:
        pass
    for _ in range(20):
        h1, h2 = Holder(), Holder()
        h1.other, h2.other = h2, h1  # a reference cycle
        h1.onto = hippain.Ontology.default()
        h2.a = h1.onto.assess(profile=lateral)
        h1.p = h2.a.plan(weeks=2)
        del h1, h2
    after, live = _settle()
    assert after == before and live == live0


def test_leak_loop(lateral):
    """10,000 cycles of load, assess and plan: each cycle loads the default ontology anew
    (about 1 ms a load: about ten seconds in all), assesses the lateral-hip profile and makes a
    4-week plan. The library's live allocations and the live wrapper objects must be back
    where they started; RSS must grow little.

    HIPPAIN_LEAK_CYCLES sets the number of cycles (default 10000). Only the slow
    configurations lower it: scripts/test sets it for its asan and valgrind stages (and
    valgrind.sh has its own default), where a load is 3-50 times slower."""
    cycles = int(os.environ.get("HIPPAIN_LEAK_CYCLES", "10000"))
    before, live0 = _settle()
    findings, runner = lateral["findings"], lateral["runner"]

    def rss_kb():
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * resource.getpagesize() // 1024

    rss_start = None
    a = p = onto = None
    for i in range(cycles):
        onto = hippain.Ontology.default()
        a = onto.assess(findings=findings, runner=runner)
        p = a.plan(weeks=4)
        if i % 500 == 0:
            assert a.triage.level and len(p) == 4 and p.to_json()
        if i == 1000:  # after warm-up (allocator pools, caches)
            gc.collect()
            rss_start = rss_kb()
    del a, p, onto
    after, live = _settle()
    assert after == before, "library blocks leaked: %d" % (after - before)
    assert live == live0
    if rss_start is not None and not os.environ.get("HIPPAIN_SANITIZE"):
        growth = rss_kb() - rss_start
        assert growth < 8 * 1024, "RSS grew by %d KiB" % growth


def test_module_releases_the_gil():
    # hpx_threads_enabled() is compiled in the generated wrapper: 1 only when SWIG
    # generated it with -threads (SWIG_PYTHON_THREADS), i.e. every wrapped call is
    # bracketed by SWIG_PYTHON_THREAD_BEGIN_ALLOW / END_ALLOW.
    assert hippain.threads_enabled()


def test_threads_assess_concurrently(onto, lateral, profiles):
    expected = {name: onto.assess(profile=p).probabilities for name, p in profiles.items()}
    expected["lateral"] = onto.assess(profile=lateral).probabilities
    inputs = dict(profiles, lateral=lateral)
    errors = []
    barrier = threading.Barrier(8)

    def work(k):
        try:
            barrier.wait()
            for i in range(150):
                name = sorted(inputs)[(i + k) % len(inputs)]
                a = onto.assess(profile=inputs[name])
                assert a.probabilities == pytest.approx(expected[name])
                if i % 10 == 0:
                    assert a.plan(weeks=2).to_json()
        except Exception as e:  # pragma: no cover - reported below
            errors.append(e)
    threads = [threading.Thread(target=work, args=(k,)) for k in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors


def test_threads_matrix_and_batches(onto):
    cols = onto.finding_ids[:20]
    rng = np.random.default_rng(11)
    X = rng.choice(np.array([-1, 0, 1], np.int8), size=(3000, 20))
    ref = onto.assess_matrix(X, cols)
    results = [None] * 4
    batch_ref = onto.assess_many([dict(zip(cols, r.tolist())) for r in X[:50]]).probabilities()

    def work(k):
        if k % 2:
            results[k] = onto.assess_matrix(X, cols)
        else:
            results[k] = onto.assess_many(
                [dict(zip(cols, r.tolist())) for r in X[:50]]).probabilities()
    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for k, r in enumerate(results):
        assert np.array_equal(r, ref if k % 2 else batch_ref)


def test_gil_released_during_matrix(onto):
    """While the main thread is inside one call of the C matrix function, a spinner thread
    keeps running Python code. Without the release it could run for at most one switch
    interval (5 ms) of a call lasting hundreds of ms; the bound below leaves a 10x margin
    on either side, so it does not depend on the machine's speed. The call asks for triage,
    which assesses every row in full (probabilities alone take a few ms: too short to
    tell); the wrapper releases the lock the same way whatever the arguments."""
    import time
    cols = onto.finding_ids[:30]
    X = np.ones((15000, 30), np.int8)
    idx = np.arange(30, dtype=np.int64)
    out = np.empty((15000, len(onto.conditions)), np.float64)
    triage = np.empty(15000, np.int8)
    raw = hippain_core._hippain_core.hpx_assess_matrix  # the C function itself: no Python frames
    box = [0]
    stop = threading.Event()

    def spinner():
        while not stop.is_set():
            box[0] += 1

    t = threading.Thread(target=spinner)
    t.start()
    try:
        c0 = box[0]
        time.sleep(0.2)  # the spinner's rate while this thread waits without the GIL
        rate = (box[0] - c0) / 0.2
        err = hippain_core.hp_error()
        t0 = time.perf_counter()
        c0 = box[0]
        st = raw(onto._h, X, 1, 15000, 30, idx, out, triage, err)
        c1 = box[0]
        dt = time.perf_counter() - t0
        # control: a builtin that keeps the GIL (sum over a range) starves the spinner
        t1 = time.perf_counter()
        c2 = box[0]
        sum(range(20_000_000))
        c3 = box[0]
        dt_held = time.perf_counter() - t1
    finally:
        stop.set()
        t.join()
    assert st == 0
    assert np.array_equal(out, onto.assess_matrix(X, cols))
    assert np.array_equal(triage, onto.assess_matrix(X, cols, return_triage=True)[1])
    assert dt > 0.05, "call too short to tell (%.3f s)" % dt
    assert (c1 - c0) > 0.1 * rate * dt, (c1 - c0, rate, dt)
    assert (c3 - c2) < 0.5 * rate * dt_held, "the method cannot tell (control ran freely)"
