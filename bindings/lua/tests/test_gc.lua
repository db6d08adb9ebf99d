-- Garbage collection in any order is safe: every C object is freed by the __gc of its SWIG
-- userdata and holds a counted reference to its ontology, so nothing depends on the order
-- in which Lua finalizes them.
local T = require "runner"
local hippain = require "hippain"
local core = require "hippain_core"

local PROFILE = { findings = { pain_lateral_hip = true, worse_lying_on_side = true,
                               fever_or_chills = false },
                  runner = { weekly_km = 30, previous_weekly_km = 20, cadence_spm = 160,
                             runs = { { date = "2026-11-01", km = 10 } } } }

-- All permutations of 1..n (Heap's algorithm, no goto).
local function permutations(n)
  local out, a, c = {}, {}, {}
  for i = 1, n do a[i] = i; c[i] = 1 end
  local function copy() local t = {}; for i = 1, n do t[i] = a[i] end; return t end
  out[1] = copy()
  local i = 1
  while i <= n do
    if c[i] < i then
      if i % 2 == 1 then a[1], a[i] = a[i], a[1] else a[c[i]], a[i] = a[i], a[c[i]] end
      out[#out + 1] = copy()
      c[i] = c[i] + 1
      i = 1
    else
      c[i] = 1
      i = i + 1
    end
  end
  return out
end

T.test("permutations helper", function()
  T.eq(#permutations(4), 24)
  T.eq(#permutations(5), 120)
end)

T.test("core objects freed in every order (120 orders of 5 objects)", function()
  T.full_gc()
  local blocks0 = hippain.live_blocks()
  local err = core.hp_error()
  for _, order in ipairs(permutations(5)) do
    local objs = {}
    objs[1] = core.hpx_load_default(err)
    objs[2] = core.hpx_profile_from_json(objs[1], hippain.profile_json(PROFILE), "p", err)
    objs[3] = core.hpx_assess(objs[2], err)
    objs[4] = core.hpx_plan(objs[3], 2, "2026-12-01", 0, 0, nil, 0, err)
    objs[5] = core.hpx_interview_new(objs[1], objs[2], 0, 0, 0, err)
    for i = 1, 5 do T.ok(objs[i] ~= nil, "object " .. i) end
    for k, idx in ipairs(order) do
      objs[idx] = nil
      T.full_gc()
      -- Whatever is left still works.
      if objs[3] then T.eq(core.hp_assessment_cause_count(objs[3]), 26) end
      if objs[4] then T.ok(#core.hpx_plan_to_ical(objs[4], err) > 100, "ical") end
      if objs[5] and core.hp_interview_done(objs[5]) == 0 then
        T.eq(core.hp_interview_answer(objs[5], core.HP_ANSWER_ABSENT, err), 0)
      end
      if objs[2] then T.ok(#core.hpx_profile_to_json(objs[2], err) > 10, "profile json") end
      if k == 5 then T.eq(hippain.live_blocks(), blocks0, "all freed") end
    end
  end
end)

T.test("wrappers dropped in every order (24 orders), the rest keeps working", function()
  T.full_gc()
  local blocks0, n0 = hippain.live_blocks(), hippain.live_objects()
  for _, order in ipairs(permutations(4)) do
    local objs = {}
    objs[1] = hippain.default()
    objs[2] = objs[1]:assess(PROFILE)
    objs[3] = objs[2]:plan { weeks = 2, start = "2026-12-01" }
    objs[4] = objs[1]:interview { findings = { pain_lateral_hip = true } }
    for _, idx in ipairs(order) do
      objs[idx] = nil
      T.full_gc()
      if objs[2] then
        T.eq(#objs[2].causes, 26)
        T.ok(#objs[2]:to_json() > 100)
        T.ok(#objs[2]:plan({ weeks = 1 }).weeks == 1)
      end
      if objs[3] then
        T.eq(#objs[3].weeks, 2)
        T.ok(#objs[3]:to_markdown() > 100)
      end
      if objs[4] then
        if not objs[4]:done() then objs[4]:answer(false) end
        T.eq(#objs[4]:assessment().causes, 26)
      end
    end
  end
  T.full_gc()
  T.eq(hippain.live_objects(), n0)
  T.eq(hippain.live_blocks(), blocks0)
end)

T.test("many objects dropped at once, in random subsets", function()
  T.full_gc()
  local blocks0, n0 = hippain.live_blocks(), hippain.live_objects()
  math.randomseed(42)
  local pool = {}
  local onto = hippain.default()
  for round = 1, 30 do
    for _ = 1, 10 do
      local kind = math.random(4)
      if kind == 1 then pool[#pool + 1] = hippain.default()
      elseif kind == 2 then pool[#pool + 1] = onto:assess(PROFILE)
      elseif kind == 3 then pool[#pool + 1] = onto:assess(PROFILE):plan { weeks = 1 }
      else pool[#pool + 1] = onto:interview() end
    end
    if round % 3 == 0 then onto = hippain.default() end
    for i = #pool, 1, -1 do
      if math.random(2) == 1 then table.remove(pool, i) end
    end
    T.full_gc()
    for _, o in ipairs(pool) do T.ok(#tostring(o) > 0) end
  end
  pool, onto = nil, nil
  T.full_gc()
  T.eq(hippain.live_objects(), n0)
  T.eq(hippain.live_blocks(), blocks0)
end)

T.test("lazy fields read after the ontology variable is gone", function()
  local r, p
  do
    local onto = hippain.default()
    r = onto:assess(PROFILE)
    p = r:plan { weeks = 3 }
  end
  T.full_gc()
  T.eq(r.causes[1].name, r.ontology:condition(r.causes[1].id).name)
  T.eq(#p.weeks, 3)
  T.ok(#p.advice > 0)
end)

T.test("objects in abandoned coroutines and failed calls are collected", function()
  T.full_gc()
  local blocks0, n0 = hippain.live_blocks(), hippain.live_objects()
  for _ = 1, 20 do
    local co = coroutine.create(function()
      local onto = hippain.default()
      local r = onto:assess(PROFILE)
      coroutine.yield(r)
      error("never resumed")
    end)
    coroutine.resume(co)
    pcall(function()
      local onto = hippain.default()
      onto:assess { findings = { nope = true } }
    end)
    pcall(hippain.load, "/no/such/file.xml")
  end
  T.full_gc()
  T.eq(hippain.live_objects(), n0)
  T.eq(hippain.live_blocks(), blocks0)
end)

T.test("other collector modes (5.4: generational; all: step-by-step)", function()
  local gen = pcall(collectgarbage, "generational")
  local onto = hippain.default()
  for _ = 1, 200 do
    local r = onto:assess(PROFILE)
    local _ = r:plan({ weeks = 1 }).weeks
    collectgarbage("step")
  end
  if gen then collectgarbage("incremental") end
  onto = nil
  T.full_gc()
end)

-- Left alive on purpose: lua_close finalizes these at exit, in whatever order it likes.
KEEP = {}
do
  local onto = hippain.default()
  local r = onto:assess(PROFILE)
  KEEP = { r:plan { weeks = 2 }, onto:interview(), r, onto, core.hpx_load_default(core.hp_error()) }
end

T.run()
