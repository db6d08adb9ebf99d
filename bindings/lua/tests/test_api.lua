-- Every public function of the hippain module, on the default ontology and on mini.xml.
local T = require "runner"
local hippain = require "hippain"

local SRC = T.source_dir
local MINI = SRC .. "/tests/data/ontologies/mini.xml"

local read = T.read

local LATERAL = {
  findings = {
    pain_lateral_hip = true, onset_gradual = true, pain_dull_ache = true,
    worse_lying_on_side = true, worse_climbing_stairs = true,
    worse_standing_on_one_leg = true, tender_greater_trochanter = true, weak_glutes = true,
    pain_groin = false, fever_or_chills = false, unable_to_bear_weight = false,
  },
  runner = {
    weekly_km = 42, previous_weekly_km = 37, longest_run_km_30d = 14, planned_run_km = 16,
    cadence_spm = 162, shoe_km = 520, run_days_per_week = 4, age = 46, sex = "female",
    as_of = "2026-11-15",
    runs = { { date = "2026-11-13", km = 6.0, minutes = 39, effort = 4 },
             { date = "2026-11-15", km = 15.0 } },
  },
}

T.test("module", function()
  T.eq(type(hippain.version), "string")
  T.ok(hippain.version:match("^%d+%.%d+%.%d+$"), "version " .. hippain.version)
  T.eq(hippain._VERSION, "hippain " .. hippain.version)
  T.eq(hippain.status.HP_OK, 0)
  T.eq(hippain.status.HP_E_PARSE, -4)
  T.eq(package.loaded.hippain, hippain)
  T.eq(rawget(_G, "hippain_core"), nil, "the core module sets no global")
end)

T.test("default ontology and conditions()", function()
  local onto = hippain.default()
  T.ok(tostring(onto):find("^hippain%.Ontology%(.*26 conditions, %d+ findings%)$"), tostring(onto))
  T.eq(type(onto.name), "string")
  local n, seen, prior_sum = 0, {}, 0
  for id, c in onto:conditions() do
    n = n + 1
    T.eq(type(id), "string")
    T.eq(c.id, id)
    T.eq(c.index, n)
    T.ok(not seen[id], "unique ids")
    seen[id] = true
    T.eq(type(c.name), "string")
    T.ok(c.prior > 0 and c.prior < 1)
    prior_sum = prior_sum + c.prior
    T.ok(({ mild = 1, moderate = 1, serious = 1, emergency = 1 })[c.seriousness], c.seriousness)
    T.ok(#c.sources > 0, "sources")
    T.ok(#c.evidence > 0, "evidence links")
    T.eq(type(c.evidence[1].finding), "string")
    T.ok(tostring(c):find(id, 1, true))
  end
  T.eq(n, 26)
  T.near(prior_sum, 1, 1e-6, "priors sum to 1")
  T.ok(seen.gluteal_tendinopathy and seen.stress_fracture)
  local gt = onto:condition("gluteal_tendinopathy")
  T.eq(gt.id, "gluteal_tendinopathy")
  T.ok(gt.name:find("Gluteal tendinopathy", 1, true))
  T.eq(onto:condition("no_such_condition"), nil)
  T.eq(onto:condition("pain_lateral_hip"), nil, "a finding is not a condition")
  T.raises("id must be a string", onto.condition, onto, 42)
end)

T.test("findings() and label()", function()
  local onto = hippain.default()
  local n = 0
  for id, f in onto:findings() do
    n = n + 1
    T.eq(f.id, id)
    T.ok(({ symptom = 1, sign = 1, history = 1, risk_factor = 1 })[f.kind], f.kind)
    T.eq(type(f.group), "string")
    T.ok(f.base_rate > 0 and f.base_rate < 1)
  end
  T.ok(n >= 60, "findings: " .. n)
  local f = onto:finding("pain_lateral_hip")
  T.eq(f.kind, "symptom")
  T.ok(f.question:find("?", 1, true), f.question)
  T.ok(tostring(f):find("pain_lateral_hip", 1, true))
  T.eq(onto:finding("nope"), nil)
  T.eq(onto:label("pain_lateral_hip"), f.name)
  T.eq(onto:label("gluteal_tendinopathy"), onto:condition("gluteal_tendinopathy").name)
  T.eq(onto:label("nope"), nil)
end)

T.test("load(path, {extensions}) and load_string", function()
  local mini = hippain.load(MINI)
  T.eq(mini.name, "mini")
  local ids = {}
  for id in mini:conditions() do ids[#ids + 1] = id end
  T.eq(table.concat(ids, " "), "side_thing hot_joint")
  T.eq(mini:condition("side_thing").name, "Side thing")
  T.eq(mini:condition("side_thing").description, "Pain at the side.")
  -- An extension adds entries on top of the base.
  local ext = T.tmpfile([[<?xml version="1.0" encoding="UTF-8"?>
<ontology xmlns="urn:x-hippain:ontology:1" format="1" name="ext" version="0.1" xml:lang="en">
  <conditions>
    <condition id="extra_thing" prior="0.2" seriousness="mild" src="t1">
      <label>Extra thing</label>
      <evidence finding="side_pain" strength="0.5" src="t1"/>
    </condition>
  </conditions>
</ontology>
]])
  local both = hippain.load(MINI, { ext })
  T.eq(both:condition("extra_thing").name, "Extra thing")
  T.ok(both:condition("side_thing"))
  local both2 = hippain.load(MINI, { extensions = { ext } })
  T.ok(both2:condition("extra_thing"))
  -- with_default: the file extends the embedded default ontology.
  local over = T.tmpfile([[<?xml version="1.0" encoding="UTF-8"?>
<ontology xmlns="urn:x-hippain:ontology:1" format="1" name="more" version="0.1" xml:lang="en">
  <conditions>
    <condition id="my_condition" prior="0.01" seriousness="mild" src="002">
      <label>Mine</label>
      <evidence finding="pain_lateral_hip" strength="0.5" src="002"/>
    </condition>
  </conditions>
</ontology>
]])
  local big = hippain.load(over, { with_default = true })
  T.ok(big:condition("my_condition") and big:condition("gluteal_tendinopathy"))
  os.remove(ext)
  os.remove(over)
  local s = hippain.load_string(read(MINI), "mini-in-memory")
  T.ok(s:condition("hot_joint"))
  T.raises("unknown option", hippain.load, MINI, { bogus = true })
  T.raises("path must be a string", hippain.load, nil)
  T.raises("extensions must be file paths", hippain.load, MINI, { 42 })
end)

T.test("assess: result fields", function()
  local onto = hippain.default()
  local r = onto:assess(LATERAL)
  -- weekly distance up 14% with side-of-hip pain: bone stress injury is not to be missed
  T.ok(tostring(r):find("^hippain%.Result%(see_clinician; gluteal_tendinopathy"), tostring(r))
  T.eq(r.triage.level, "see_clinician")
  T.eq(r.dont_miss[1].id, "stress_fracture")
  T.eq(type(r.triage.reasons), "table")
  T.eq(#r.causes, 26)
  local sum = 0
  for i, c in ipairs(r.causes) do
    sum = sum + c.probability
    if i > 1 then T.ok(c.probability <= r.causes[i - 1].probability, "ordered") end
    T.eq(type(c.id), "string")
    T.eq(c.name, onto:condition(c.id).name)
    T.eq(type(c.evidence), "table")
    T.eq(type(c.suspected), "boolean")
  end
  T.near(sum, 1, 1e-9, "probabilities sum to 1")
  local top = r.causes[1]
  T.eq(top.id, "gluteal_tendinopathy")
  T.ok(top.probability > 0.5)
  T.ok(#top.evidence > 0)
  local e = top.evidence[1]
  T.eq(type(e.finding), "string")
  T.ok(e.answer == "present" or e.answer == "absent")
  T.eq(e.present, e.answer == "present")
  T.eq(type(e.weight), "number")
  T.ok(tostring(top):find("gluteal_tendinopathy", 1, true))
  T.ok(tostring(e):find(e.finding, 1, true))
  -- Risk factors derived from the runner's numbers.
  local risks = {}
  for _, rk in ipairs(r.risk_factors) do
    risks[rk.id] = rk
    T.ok(tostring(rk):find(rk.id, 1, true))
  end
  T.ok(risks.low_cadence, "low cadence found")
  T.eq(risks.low_cadence.metric, "cadence_spm")
  T.eq(risks.low_cadence.value, 162)
  T.eq(risks.low_cadence.op, "lt")
  T.ok(risks.low_cadence.text:find("162", 1, true))
  T.eq(type(r.next_question), "string")
  T.eq(type(r.next_question_gain), "number")
  T.ok(onto:finding(r.next_question), "next question is a finding")
  T.eq(r:metric("age"), 46)
  T.eq(r:metric("cadence_spm"), 162)
  T.raises("no metric named", r.metric, r, "nope")
  -- Same result from JSON text and from the list form of findings.
  local r2 = onto:assess(read(SRC .. "/examples/profiles/lateral_hip.json"), "lateral_hip.json")
  T.eq(r2.causes[1].id, "gluteal_tendinopathy")
  local r3 = onto:assess { findings = { "pain_lateral_hip", "worse_lying_on_side" } }
  T.eq(r3.causes[1].id, onto:assess { findings = { pain_lateral_hip = true,
                                                   worse_lying_on_side = true } }.causes[1].id)
  -- Empty profile and empty run log.
  T.eq(#onto:assess({}).causes, 26)
  T.eq(#onto:assess({ findings = {}, runner = { runs = {} } }).causes, 26)
end)

T.test("assess: urgent triage and reasons", function()
  local onto = hippain.default()
  local r = onto:assess { findings = { fever_or_chills = true, pain_groin = true,
                                       unable_to_bear_weight = true } }
  T.eq(r.triage.level, "urgent")
  T.ok(#r.triage.reasons >= 1)
  local reason = r.triage.reasons[1]
  T.eq(reason.level, "urgent")
  T.eq(type(reason.text), "string")
  T.eq(type(reason.findings), "table")
  T.ok(tostring(reason):find("urgent", 1, true))
  local p = r:plan { weeks = 4 }
  T.eq(p.triage, "urgent")
  T.eq(#p.weeks, 0, "no training under urgent triage")
end)

T.test("assess: the don't-miss list", function()
  local onto = hippain.load(SRC .. "/tests/data/ontologies/dont_miss.xml")
  local r = onto:assess { findings = { side = true, limp = true, fever = true } }
  T.eq(#r.dont_miss, 2)
  local first, second = r.dont_miss[1], r.dont_miss[2]
  T.eq(first.id, "infection")
  T.eq(first.level, "urgent")
  T.eq(second.id, "bone")
  T.eq(second.name, "Bone")
  T.eq(second.level, "see_clinician")
  T.eq(r.causes[second.rank].id, "bone", "rank is the position in causes")
  T.eq(second.probability, r.causes[second.rank].probability)
  T.eq(second.reasons[1].rule, "dm_bone")
  T.eq(second.reasons[1].condition, "bone")
  T.eq(table.concat(second.reasons[1].findings, " "), "side limp")
  T.ok(tostring(second):find("bone", 1, true))
  T.eq(#onto:assess({ findings = { side = true } }).dont_miss, 0)
end)

T.test("result to_json and profile_json", function()
  local onto = hippain.default()
  local r = onto:assess(LATERAL)
  local j = r:to_json()
  T.ok(j:find('"causes"', 1, true) and j:find('"triage"', 1, true))
  T.ok(j:find('"gluteal_tendinopathy"', 1, true))
  T.ok(r:to_json { pretty = true }:find("\n", 1, true), "pretty JSON has newlines")
  local pj = r:profile_json()
  T.ok(pj:find('"pain_lateral_hip":true', 1, true), pj)
  -- The profile JSON reads back into the same assessment.
  T.eq(onto:assess(pj).causes[1].id, "gluteal_tendinopathy")
end)

T.test("plan: weeks and days are plain tables; exports", function()
  local onto = hippain.default()
  local r = onto:assess(LATERAL)
  local p = r:plan { weeks = 8, start = "2026-12-01" }
  T.ok(tostring(p):find("8 weeks from 2026-12-01", 1, true), tostring(p))
  T.eq(p.triage, "see_clinician")
  T.eq(#p.weeks, 8)
  local date = hippain.parse_date("2026-12-01")
  for w, week in ipairs(p.weeks) do
    T.eq(week.index, w)
    T.ok(({ settle = 1, strengthen = 1, ["return"] = 1, build = 1 })[week.phase], week.phase)
    T.eq(#week.days, 7)
    local km = 0
    for _, day in ipairs(week.days) do
      T.eq(day.date, hippain.format_date(date))
      T.eq(day.day, date)
      date = date + 1
      T.ok(#day.sessions >= 1)
      for _, s in ipairs(day.sessions) do
        T.eq(type(s.kind), "string")
        if s.kind == "run" or s.kind == "walk_run" then km = km + s.km end
        for _, it in ipairs(s.items) do
          T.eq(type(it.id), "string")
          T.eq(type(it.name), "string")
          T.ok(it.sets >= 1)
          T.ok(tostring(it):find(it.id, 1, true))
        end
        T.ok(tostring(s):find(s.kind, 1, true))
      end
      T.ok(tostring(day):find(day.date, 1, true))
    end
    T.near(week.run_km, km, 1e-6, "run_km is the week's run distance")
    T.ok(tostring(week):find("week " .. w, 1, true))
  end
  T.eq(p.weeks[1].days[1].date, "2026-12-01")
  T.eq(getmetatable(p.weeks[1]).__index, nil, "weeks are plain tables")
  T.ok(#p.advice > 0)
  T.eq(type(p.advice[1].id), "string")
  T.eq(type(p.advice[1].text), "string")
  T.ok(tostring(p.advice[1]):find(p.advice[1].id, 1, true))
  local j = p:to_json()
  T.ok(j:find('"weeks"', 1, true) and j:find('"2026-12-01"', 1, true))
  T.ok(#p:to_json { pretty = true } > #j)
  local md = p:to_markdown()
  T.ok(md:find("#", 1, true) and #md > 100)
  local ics = p:to_ical()
  T.ok(ics:find("BEGIN:VCALENDAR", 1, true) and ics:find("END:VCALENDAR", 1, true))
  -- Options.
  T.eq(#r:plan({ weeks = 2 }).weeks, 2)
  T.eq(#r:plan().weeks, 8, "default 8 weeks")
  T.eq(r:plan({ start_date = "2027-01-04", weeks = 1 }).weeks[1].days[1].date, "2027-01-04")
  local three = r:plan { weeks = 12, run_days = 3, target_weekly_km = 30, lang = "en",
                         contraindication_probability = 0.2 }
  T.eq(#three.weeks, 12)
  T.raises("unknown option", r.plan, r, { week = 8 })
  T.raises("weeks must be a whole number", r.plan, r, { weeks = 2.5 })
  T.raises("start must be a string", r.plan, r, { start = 20261201 })
end)

T.test("plan_for explicit conditions", function()
  local onto = hippain.default()
  local p = onto:plan_for({ "gluteal_tendinopathy" }, { weeks = 3, start = "2026-12-01" })
  T.eq(#p.weeks, 3)
  local p2 = onto:plan_for("gluteal_tendinopathy", { weeks = 2, runner = { weekly_km = 20 } })
  T.eq(#p2.weeks, 2)
  T.raises("gluteal_tendinitis", onto.plan_for, onto, { "gluteal_tendinitis" })
end)

T.test("interview", function()
  local onto = hippain.default()
  local iv = onto:interview()
  T.ok(tostring(iv):find("^hippain%.Interview%(0 answered"), tostring(iv))
  T.eq(iv:done(), false)
  T.eq(iv:answered(), 0)
  local asked = {}
  local q, text = iv:question()
  T.eq(type(q), "string")
  T.ok(text:find("?", 1, true), text)
  -- Answer "no" to red flags, "yes" to lateral-hip findings, "don't know" otherwise.
  local yes = LATERAL.findings
  local n = 0
  while not iv:done() do
    q = iv:question()
    T.ok(not asked[q], "asked once: " .. q)
    asked[q] = true
    local v = yes[q]
    if v == nil and onto:finding(q).group == "associated" then v = false end
    iv:answer(v)
    n = n + 1
    T.eq(iv:answered(), n)
    T.ok(n <= 25, "stops by max_questions")
  end
  T.eq(iv:question(), nil)
  T.ok(tostring(iv):find("done", 1, true))
  T.raises("done", iv.answer, iv, true)
  local a = iv:assessment()
  T.eq(getmetatable(a), hippain.Result)
  T.eq(#a.causes, 26)
  -- back() undoes the last answer.
  iv:back()
  T.eq(iv:answered(), n - 1)
  T.eq(type(iv:question()), "string")
  iv:answer("unknown")
  T.eq(iv:answered(), n)
  -- Options and an initial profile.
  local short = onto:interview { max_questions = 2, findings = { pain_lateral_hip = true } }
  short:answer(false):answer("no")
  T.eq(short:done(), true)
  T.eq(short:answered(), 2)
  local fresh = onto:interview()
  T.raises("", fresh.back, fresh)
  T.raises("expected true, false or nil", fresh.answer, fresh, 42)
  T.raises("unknown option", onto.interview, onto, { max_question = 3 })
end)

T.test("tostring on every object", function()
  local onto = hippain.default()
  local r = onto:assess(LATERAL)
  local p = r:plan { weeks = 1 }
  local iv = onto:interview()
  for _, o in ipairs { onto, r, p, iv, onto:condition("gluteal_tendinopathy"),
                       onto:finding("pain_lateral_hip"), r.causes[1],
                       r.causes[1].evidence[1], r.risk_factors[1], p.weeks[1],
                       p.weeks[1].days[1], p.weeks[1].days[1].sessions[1], p.advice[1] } do
    local s = tostring(o)
    T.ok(s:find("^hippain%.%u%a+%(.+%)$"), s)
  end
end)

T.test("json encoder", function()
  local enc = hippain.json.encode
  T.eq(enc("a\"b\\c\n\t\1\127"), '"a\\"b\\\\c\\n\\t\\u0001\\u007f"')
  T.eq(enc("h\195\188ft"), '"h\195\188ft"', "UTF-8 passes through")
  T.eq(enc(true), "true")
  T.eq(enc(false), "false")
  T.eq(enc(hippain.json.null), "null")
  T.eq(enc(42), "42")
  T.eq(enc(0.1), "0.10000000000000001")
  T.eq(enc(-2.5), "-2.5")
  T.eq(tonumber(enc(1 / 3)), 1 / 3, "round trip")
  T.eq(enc(1e300), "1.0000000000000001e+300")
  T.eq(enc({ 1, 2, 3 }), "[1,2,3]")
  T.eq(enc({}), "{}")
  T.eq(enc(hippain.json.array()), "[]")
  T.raises("a key of type number", enc, hippain.json.object { 1 })
end)

T.test("json encoder: objects and errors", function()
  local enc = hippain.json.encode
  T.eq(enc({ b = 1, a = { x = true } }), '{"a":{"x":true},"b":1}')
  T.eq(enc({ a = { 1, { b = "c" } } }), '{"a":[1,{"b":"c"}]}')
  T.raises("runner.weekly_km: NaN cannot be written as JSON", enc,
           { runner = { weekly_km = 0 / 0 } })
  T.raises("inf", enc, { x = math.huge })
  T.raises("both string and number keys", enc, { 1, a = 2 })
  T.raises("holes", enc, { [1] = 1, [3] = 3 })
  local t = {}
  t.self = t
  T.raises("contains itself", enc, t)
  T.raises("function cannot be written", enc, { f = print })
  -- A profile that cannot be encoded is an error naming the key.
  local onto = hippain.default()
  T.raises("profile: runner.age: inf cannot be written as JSON", onto.assess, onto,
           { runner = { age = math.huge } })
end)

T.test("dates", function()
  T.eq(hippain.format_date(0), "1970-01-01")
  T.eq(hippain.format_date(-1), "1969-12-31")
  T.eq(hippain.parse_date("1970-01-01"), 0)
  T.eq(hippain.parse_date("2000-03-01"), 11017)
  for _, d in ipairs { -700000, -1, 0, 59, 60, 11016, 11017, 20788, 2932896 } do
    T.eq(hippain.parse_date(hippain.format_date(d)), d, "round trip " .. d)
  end
  T.eq(hippain.parse_date("2026-02-29"), nil)
  T.ok(hippain.parse_date("2024-02-29"))
  T.eq(hippain.parse_date("2026-13-01"), nil)
  T.eq(hippain.parse_date("26-1-1"), nil)
end)

T.test("live objects and blocks", function()
  T.full_gc()
  local n0, blocks0 = hippain.live_objects(), hippain.live_blocks()
  do
    local onto = hippain.default()
    local r = onto:assess(LATERAL)
    local p = r:plan { weeks = 1 }
    local iv = onto:interview()
    local n, by = hippain.live_objects()
    T.eq(n, n0 + 4)
    T.eq(by.ontology, 1)
    T.eq(by.result, 1)
    T.eq(by.plan, 1)
    T.eq(by.interview, 1)
    T.ok(hippain.live_blocks() > blocks0)
    onto, r, p, iv = nil, nil, nil, nil
  end
  T.full_gc()
  T.eq(hippain.live_objects(), n0)
  T.eq(hippain.live_blocks(), blocks0)
end)

T.test("presentations of a condition and of a cause", function()
  local mix = hippain.load(SRC .. "/tests/data/ontologies/mixture.xml")
  local bone = mix:condition("bone")
  T.eq(#bone.presentations, 2)
  local lower = bone.presentations[2]
  T.eq(lower.id, "lower")
  T.near(lower.share, 0.25, 1e-12)
  T.eq(lower.sources[1], "t2")
  T.eq(lower.evidence[2].finding, "buttock_pain")
  T.near(lower.evidence[2].strength, 0.9, 1e-12)
  T.eq(#mix:condition("muscle").presentations, 0)
  -- labels: English on the item (nil without one), other languages with fallback
  T.eq(lower.label, "Lower bone")
  T.eq(lower.name, "Lower bone")
  T.eq(bone.presentations[1].label, nil)
  T.eq(mix:presentation_label("bone", "lower"), "Lower bone")
  T.eq(mix:presentation_label("bone", "lower", "de"), "Unterer Knochen")
  T.eq(mix:presentation_label("bone", "lower", "de-AT"), "Unterer Knochen (AT)")
  T.eq(mix:presentation_label("bone", "lower", "de-CH"), "Unterer Knochen")
  T.eq(mix:presentation_label("bone", "lower", "fr"), "Lower bone")
  T.eq(mix:presentation_label("bone", "upper", "de"), nil)
  T.eq(mix:presentation_label("bone", "middle"), nil)
  T.eq(mix:presentation_label("groin_pain", "lower"), nil)
  T.eq(mix:presentation_label("nothing", "lower"), nil)
  -- buttock pain without groin pain points at the "lower" site (tests/test_presentations.c)
  local a = mix:assess({ findings = { groin_pain = false, buttock_pain = true } })
  local cause, muscle
  for _, c in ipairs(a.causes) do
    if c.id == "bone" then cause = c elseif c.id == "muscle" then muscle = c end
  end
  T.near(cause.presentations.upper + cause.presentations.lower, 1, 1e-12)
  T.ok(cause.presentations.lower > 0.5, "lower leads")
  local strengths = {}
  for _, e in ipairs(cause.evidence) do strengths[e.finding] = e.strength end
  T.near(strengths.buttock_pain, 0.9, 1e-12)
  T.near(strengths.groin_pain, 0.1, 1e-12)
  T.eq(next(muscle.presentations), nil)
end)

T.run()
