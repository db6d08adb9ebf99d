-- Watch files (GPX, TCX) read into run tables, and check-ins with their decisions.
local T = require "runner"
local hippain = require "hippain"

local RUNS = T.source_dir .. "/tests/data/runs/"

local read = T.read

T.test("read_runs: GPX tracks and TCX activities as run tables", function()
  local onto = hippain.default()
  local runs = onto:read_runs(RUNS .. "several_tracks.gpx")
  T.eq(#runs, 2)
  T.eq(runs[1].date, "2024-03-10")
  T.eq(runs[2].date, "2024-03-12")
  T.near(runs[1].km, 1.499773, 0.015, "km within 1% of the WGS84 reference")
  T.near(runs[1].minutes, 500 / 60, 1e-9)
  T.near(runs[2].cadence_spm, 174, 1e-9)
  T.eq(runs[1].elevation_gain_m, nil)
  T.eq(runs[1].effort, nil)
  T.ok(tostring(runs[1]):find("hippain.Run(2024-03-10", 1, true), tostring(runs[1]))
  local tcx = onto:read_runs(RUNS .. "several_activities.tcx")
  T.eq(#tcx, 2, "the Biking activity is skipped")
  T.near(tcx[1].km, 1.8, 1e-9)
  T.near(tcx[2].km, 0.9, 1e-9)
  T.eq(tcx[2].date, "2024-03-11")
  -- laps of 1000 m, 340 + 335 s, 2 m climbs from 400 to 433.5 m (tests/data/runs/reference.py)
  local laps = onto:read_runs_string(read(RUNS .. "garmin_laps_pause.tcx"), "watch.tcx")
  T.eq(#laps, 1)
  T.near(laps[1].km, 2.0, 1e-9)
  T.near(laps[1].minutes, 11.25, 1e-9)
  T.near(laps[1].cadence_spm, 2 * (68 * 84 + 69 * 86) / 137, 1e-9)
  T.near(laps[1].elevation_gain_m, 32, 1e-9)
end)

T.test("watch-file runs go into a profile and come back from the result", function()
  local onto = hippain.default()
  local runs = onto:read_runs(RUNS .. "miles_device.tcx")
  local r = onto:assess{ findings = { pain_lateral_hip = true }, runner = { runs = runs } }
  T.near(r:metric("cadence_spm"), 160, 1e-9) -- 80 strides/min; no runner cadence given
  T.eq(#r.runs, 1)
  T.eq(r.runs[1].date, runs[1].date)
  T.near(r.runs[1].km, 3 * 1.609344, 1e-9)
  T.near(r.runs[1].cadence_spm, 160, 1e-9)
  local empty = onto:assess{ findings = { pain_lateral_hip = true } }
  T.eq(#empty.runs, 0)
end)

T.test("hostile and broken watch files raise path:line: message", function()
  local onto = hippain.default()
  for _, name in ipairs { "bad_dtd.gpx", "bad_entity.gpx", "bad_truncated.tcx",
                          "bad_wrong_root.kml", "bad_lat_range.gpx", "bad_nan.gpx",
                          "bad_no_time.gpx", "bad_time.gpx", "bad_huge_number.gpx",
                          "bad_cadence.tcx", "bad_negative_distance.tcx" } do
    local path = RUNS .. name
    local msg = T.raises(path, onto.read_runs, onto, path)
    local line = msg:match("^" .. path:gsub("%p", "%%%0") .. ":(%d+)[:%s]")
    T.ok(line and tonumber(line) > 0, msg)
    msg = T.raises("upload:", onto.read_runs_string, onto, read(path), "upload")
    T.ok(msg:match("^upload:%d+"), msg)
  end
  T.raises("cannot", onto.read_runs, onto, RUNS .. "no_such_file.gpx")
  T.raises("read_runs: path must be a string", onto.read_runs, onto, 42)
  T.raises("runs:", onto.read_runs_string, onto, "")
end)

local CHECKINS = { checkins = {
  { week = 1, sessions_planned = 3, sessions_done = 3,
    pain = { during = 3, after = 2, next_morning = 0 }, new_findings = {} },
  { week = 2, sessions_planned = 3, sessions_done = 3,
    pain = { during = 6, after = 2, next_morning = 0 } },
  { week = 3, sessions_planned = 3, sessions_done = 2,
    pain = { during = 1, after = 1, next_morning = 0 } },
  { week = 4, sessions_planned = 3, sessions_done = 3,
    pain = { during = 0, after = 0, next_morning = 0 }, new_findings = { "pain_groin" } },
  { week = 5 },
} }

T.test("check-ins: records and decisions", function()
  local onto = hippain.default()
  local cs = onto:checkins(CHECKINS)
  T.eq(#cs, 5)
  T.eq(cs[1].week, 1)
  T.eq(cs[1].sessions_done, 3)
  T.eq(cs[1].pain_during, 3)
  T.eq(cs[1].pain_next_morning, 0)
  T.eq(cs[5].pain_during, nil)
  T.eq(#cs[1].new_findings, 0)
  T.eq(cs[4].new_findings[1], "pain_groin")
  local want = { "progress", "step_back", "hold", "reassess", "hold" }
  local all = cs:decisions()
  for i, action in ipairs(want) do
    T.eq(all[i].action, action, "week " .. i)
    T.eq(all[i].week, i)
    T.ok(#all[i].sources > 0 and all[i].reason ~= "", "reason and sources")
  end
  local d = cs:decide(2)
  T.ok(d.reason:find("above 5/10", 1, true), d.reason)
  T.ok(tostring(d):find("step_back", 1, true), tostring(d))
  T.ok(tostring(cs):find("Checkins(5)", 1, true), tostring(cs))
  T.raises("no check-in 6", cs.decide, cs, 6)
  T.raises("no check-in 0", cs.decide, cs, 0)
  -- the same from JSON text
  local text = hippain.json.encode { checkins = { { week = 1, pain = { during = 6 } } } }
  T.eq(onto:checkins(text):decide(1).action, "step_back")
end)

T.test("check-ins: the bone model, plans' models and JSON out", function()
  local onto = hippain.default()
  local cs = onto:checkins(CHECKINS)
  -- week 1 had pain 3/10 during: acceptable for a tendon, not in a return from a BSI
  T.eq(cs:decide(1).action, "progress")
  T.eq(cs:decide(1, "bone").action, "step_back")
  T.eq(cs:decide(1, "bone").sources[1], "warden2014")
  T.eq(cs:decisions("bone")[5].action, "hold")
  T.raises("model must be soft_tissue or bone", cs.decide, cs, 1, "muscle")
  local again = onto:checkins(cs:to_json())
  T.eq(#again, #cs)
  for i = 1, #cs do
    T.eq(again[i].pain_during, cs[i].pain_during)
    T.eq(again:decide(i).action, cs:decide(i).action)
  end
  T.eq(onto:plan_for({ "stress_fracture" }):pain_model(), "bone")
  T.eq(onto:plan_for({ "gluteal_tendinopathy" }):pain_model(), "soft_tissue")
end)

T.test("check-in errors name the key", function()
  local onto = hippain.default()
  T.raises("week.json: checkins[1].pain.next_morning",
           onto.checkins, onto, { checkins = { { week = 1 }, { week = 2, pain = { next_morning = 11 } } } },
           "week.json")
  T.raises("checkins[0].new_findings[0]", onto.checkins, onto,
           '{"checkins": [{"week": 1, "new_findings": ["no_such"]}]}')
  T.raises("hippain.checkins: expected", onto.checkins, onto, 42)
end)

T.test("check-ins keep their ontology alive and are collected", function()
  T.full_gc()
  local blocks = hippain.live_blocks()
  do
    local cs = hippain.default():checkins(CHECKINS)
    T.full_gc()
    T.eq(cs:decide(1).action, "progress")
    local runs = cs.ontology:read_runs(RUNS .. "no_elevation.gpx")
    T.eq(#runs, 1)
  end
  T.full_gc()
  T.eq(hippain.live_blocks(), blocks)
end)

T.run()
