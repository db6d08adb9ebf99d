"""Watch files (GPX, TCX) into a profile's run log, and check-ins with their decisions."""

import datetime
import json
import pickle

import pytest

import hippain
from conftest import DATA

RUNS = DATA / "runs"


def test_import_runs_from_a_path_and_bytes(onto):
    p = onto.profile()
    assert p.import_runs(RUNS / "several_tracks.gpx") == 2
    assert p.import_runs(str(RUNS / "several_activities.tcx")) == 2  # the Biking one skipped
    data = (RUNS / "garmin_laps_pause.tcx").read_bytes()
    assert p.import_runs(data, name="watch.tcx") == 1
    runs = p.runs
    assert len(runs) == 5
    assert all(isinstance(r, hippain.Run) for r in runs)
    assert [r.date for r in runs] == [datetime.date(2024, 3, 10), datetime.date(2024, 3, 12),
                                      datetime.date(2024, 3, 10), datetime.date(2024, 3, 11),
                                      datetime.date(2024, 3, 10)]
    # tests/data/runs/reference.py: laps of 1000 m, 340 + 335 s, 2 m climbs from 400 to 433.5 m
    last = runs[-1]
    assert last.km == pytest.approx(2.0) and last.minutes == pytest.approx(11.25)
    assert last.cadence_spm == pytest.approx(2 * (68 * 84 + 69 * 86) / 137)
    assert last.elevation_gain_m == pytest.approx(32.0)
    assert runs[0].km == pytest.approx(1.499773, rel=0.01)  # WGS84 reference
    assert runs[0].elevation_gain_m is None and runs[0].effort is None
    assert runs[2].cadence_spm == pytest.approx(170.0)


def test_runs_round_trip_through_the_profile_json(onto):
    runs = onto.read_runs(RUNS / "garmin_gpxtpx.gpx")
    assert len(runs) == 1 and runs[0].cadence_spm and runs[0].elevation_gain_m == 40.0
    d = runs[0].to_dict()
    assert d["date"] == "2024-03-10" and "effort" not in d
    p = onto.profile(runner={"runs": [r.to_dict() for r in runs]})
    assert p.runs == runs
    assert pickle.loads(pickle.dumps(runs[0])) == runs[0]
    q = hippain.Profile.from_json(onto, p.to_json())
    assert q.runs == runs
    # the dict fast path takes the details too (the same run log as the JSON path)
    fast = hippain.hippain_core._hippain_core.hpx_py_profile(onto._h, None, None,
                                                              {"runs": [d]})
    assert fast is not None
    with pytest.raises(hippain.InvalidInput, match=r"runner.runs\[0\].cadence_spm"):
        onto.profile(runner={"runs": [dict(d, cadence_spm=20)]})


def test_watch_files_feed_the_assessment(onto):
    p = onto.profile({"pain_lateral_hip": True})
    p.import_runs(RUNS / "miles_device.tcx")
    a = p.assess()
    assert a.metrics["cadence_spm"] == pytest.approx(160.0)  # 80 strides/min, no runner cadence


def test_add_run_with_details(onto):
    p = onto.profile()
    p.add_run(datetime.date(2024, 3, 1), 8, 45, cadence_spm=168, elevation_gain_m=120)
    p.add_run("2024-03-02", 5)
    assert p.runs[0] == hippain.Run(date=datetime.date(2024, 3, 1), km=8.0, minutes=45.0,
                                    effort=None, cadence_spm=168.0, elevation_gain_m=120.0)
    assert p.runs[1].minutes is None
    with pytest.raises(hippain.InvalidInput, match="cadence_spm"):
        p.add_run("2024-03-03", 5, cadence_spm=20)
    with pytest.raises(hippain.InvalidInput):
        p.add_run("2024-13-03", 5)
    with pytest.raises(hippain.InvalidInput, match="km must be a number"):
        p.add_run("2024-03-03", "far")
    assert len(p.runs) == 2


@pytest.mark.parametrize("name, cls", [
    ("bad_dtd.gpx", hippain.ForbiddenInput), ("bad_entity.gpx", hippain.ForbiddenInput),
    ("bad_truncated.tcx", hippain.ParseError), ("bad_wrong_root.kml", hippain.SchemaError),
    ("bad_lat_range.gpx", hippain.InvalidInput), ("bad_nan.gpx", hippain.InputError),
    ("bad_no_time.gpx", hippain.InputError), ("bad_time.gpx", hippain.InputError),
    ("bad_huge_number.gpx", hippain.InputError), ("bad_cadence.tcx", hippain.InputError),
    ("bad_negative_distance.tcx", hippain.InputError),
])
def test_hostile_files_raise_with_file_and_line(onto, name, cls):
    p = onto.profile()
    with pytest.raises(cls) as e:
        p.import_runs(RUNS / name)
    assert e.value.file.endswith(name) and e.value.line >= 1
    assert str(e.value).startswith("%s:%d" % (e.value.file, e.value.line))
    assert p.runs == ()
    with pytest.raises(cls) as e:
        p.import_runs((RUNS / name).read_bytes(), "upload")
    assert e.value.file == "upload" and e.value.line >= 1


def test_import_runs_refuses_what_is_neither_path_nor_bytes(onto):
    p = onto.profile()
    with pytest.raises(hippain.InvalidInput, match="path or the file's bytes"):
        p.import_runs(42)
    with pytest.raises(hippain.ParseError):
        p.import_runs(b"")
    with pytest.raises(hippain.FileError):
        p.import_runs(RUNS / "no_such_file.gpx")


CHECKINS = {"checkins": [
    {"week": 1, "sessions_planned": 3, "sessions_done": 3,
     "pain": {"during": 3, "after": 2, "next_morning": 0}},
    {"week": 2, "sessions_planned": 3, "sessions_done": 3,
     "pain": {"during": 6, "after": 2, "next_morning": 0}},
    {"week": 3, "sessions_planned": 3, "sessions_done": 2,
     "pain": {"during": 1, "after": 1, "next_morning": 0}},
    {"week": 4, "sessions_planned": 3, "sessions_done": 3,
     "pain": {"during": 0, "after": 0, "next_morning": 0}, "new_findings": ["pain_groin"]},
    {"week": 5},
]}


def test_checkins_records_and_decisions(onto):
    cs = onto.checkins(json.dumps(CHECKINS))
    assert isinstance(cs, hippain.Checkins) and len(cs) == 5
    c = cs[0]
    assert isinstance(c, hippain.Checkin)
    assert (c.week, c.sessions_planned, c.sessions_done) == (1, 3, 3)
    assert (c.pain_during, c.pain_after, c.pain_next_morning) == (3, 2, 0)
    assert cs[3].new_findings == ("pain_groin",) and cs[-1].pain_during is None
    assert [x.week for x in cs] == [1, 2, 3, 4, 5]
    actions = [d.action for d in cs.decisions()]
    assert actions == ["progress", "step_back", "hold", "reassess", "hold"]
    d = cs.decide(1)
    assert isinstance(d, hippain.Decision) and d.week == 2 and "above 5/10" in d.reason
    assert d.sources and all(s in onto.sources for s in d.sources)
    assert cs.decide(-1) == cs.decide(4)
    with pytest.raises(hippain.NotFound):
        cs.decide(5)
    assert hippain.Checkins.from_json(onto, json.dumps(CHECKINS).encode()).decisions() == \
        cs.decisions()


def test_checkins_bone_model_plan_models_and_json_out(onto):
    cs = onto.checkins(json.dumps(CHECKINS))
    # week 1 had pain 3/10 during: acceptable for a tendon, not in a return from a BSI
    assert cs.decide(0).action == "progress"
    d = cs.decide(0, model="bone")
    assert d.action == "step_back" and d.sources == ("warden2014",)
    assert [x.action for x in cs.decisions("bone")][4] == "hold"
    with pytest.raises(ValueError, match="model"):
        cs.decide(0, model="muscle")
    again = onto.checkins(cs.to_json())
    assert list(again) == list(cs) and again.decisions() == cs.decisions()
    assert json.loads(cs.to_json())["checkins"][0]["pain"] == {"during": 3, "after": 2,
                                                               "next_morning": 0}
    assert onto.plan_for(["stress_fracture"]).pain_model == "bone"
    assert onto.plan_for(["gluteal_tendinopathy"]).pain_model == "soft_tissue"


def test_checkin_errors_name_the_key(onto):
    bad = {"checkins": [{"week": 1}, {"week": 2, "pain": {"next_morning": 11}}]}
    with pytest.raises(hippain.SemanticError) as e:  # the library's HP_E_SEMANTIC
        onto.checkins(json.dumps(bad), name="week.json")
    assert "checkins[1].pain.next_morning" in str(e.value) and e.value.file == "week.json"
    with pytest.raises(hippain.NotFound, match=r"checkins\[0\].new_findings\[0\]"):
        onto.checkins('{"checkins": [{"week": 1, "new_findings": ["no_such"]}]}')
    with pytest.raises(hippain.ParseError):
        onto.checkins("{")


def test_checkins_keep_their_ontology_alive():
    cs = hippain.Ontology.default().checkins(json.dumps(CHECKINS))
    import gc
    gc.collect()
    assert cs.ontology.conditions and cs.decide(0).action == "progress"
