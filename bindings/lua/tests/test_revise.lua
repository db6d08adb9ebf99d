-- Plans revised from their check-ins (plan:revise, hp_plan_revise).
local T = require "runner"
local hippain = require "hippain"

local read = T.read
local EIGHT_WEEKS = read(T.source_dir .. "/examples/checkins/eight_weeks.json")

local function made(onto)
  local r = onto:assess{ findings = { pain_lateral_hip = true, worse_lying_on_side = true,
                                      fever_or_chills = false },
                         runner = { weekly_km = 30, longest_run_km_30d = 12, as_of = "2026-01-04" } }
  return r, r:plan{ weeks = 12, start = "2026-01-05" }
end

local function good(week, extra)
  local c = { week = week, sessions_planned = 3, sessions_done = 3,
              pain = { during = 2, after = 1, next_morning = 0 } }
  for k, v in pairs(extra or {}) do c[k] = v end
  return c
end

T.test("eight weeks: a decision per check-in, the weeks ahead, exports", function()
  local onto = hippain.default()
  local r, plan = made(onto)
  local rev = plan:revise(EIGHT_WEEKS, { profile = r })
  local cs = onto:checkins(EIGHT_WEEKS)
  T.eq(#rev.decisions, #cs)
  for i, d in ipairs(rev.decisions) do
    T.eq(d.week, cs[i].week)
    T.eq(d.action, cs:decide(i).action, "the pain-monitoring decision of week " .. i)
    T.ok(d.reason ~= "" and #d.sources > 0)
  end
  T.eq(#rev.weeks, #rev.plan.weeks)
  T.eq(rev.plan.weeks[1].days[1].date, "2026-03-02") -- the day after week 8
  T.ok(rev:to_markdown():find("# What changed and why", 1, true))
  T.ok(rev:to_ical():find("BEGIN:VCALENDAR", 1, true))
  T.eq(plan:revise(cs, { profile = r }):to_json(), rev:to_json(), "deterministic")
  T.ok(tostring(rev):find("8 check-ins", 1, true), tostring(rev))
end)

T.test("progress moves on; a red flag in week 3 stops the running", function()
  local onto = hippain.default()
  local r, plan = made(onto)
  local rev = plan:revise({ checkins = { good(1), good(2) } }, { profile = r })
  T.eq(rev.decisions[2].next_week, 3)
  T.eq(rev.weeks[1].from_week, 3)
  rev = plan:revise({ checkins = { good(1), good(2), good(3, { new_findings = { "fever_or_chills" } }) } },
                    { profile = r })
  local last = rev.decisions[3]
  T.eq(last.action, "reassess")
  T.eq(last.triage, "urgent")
  T.eq(last.next_week, nil)
  T.eq(rev.plan.triage, "urgent")
  T.eq(#rev.plan.weeks, 0)
  local none = plan:revise({ checkins = hippain.json.array() })
  T.eq(#none.decisions, 0)
  T.eq(none.weeks[1].from_week, 1)
end)

T.test("errors and lifetime", function()
  local onto = hippain.default()
  local r, plan = made(onto)
  T.raises("hippain.revise: expected check-ins", plan.revise, plan, 42)
  T.raises("checkins[0].pain.during", plan.revise, plan, { checkins = { { week = 1, pain = { during = 12 } } } })
  T.raises("unknown option", plan.revise, plan, EIGHT_WEEKS, { weeks = 3 })
  T.raises("no_such", plan.revise, plan, EIGHT_WEEKS, { profile = { findings = { no_such = true } } })
  T.full_gc()
  local blocks = hippain.live_blocks()
  do
    local p = plan:revise(EIGHT_WEEKS, { profile = r }).plan
    T.full_gc()
    T.ok(#p.weeks > 0 and p:to_markdown() ~= "", "the plan outlives its revision table")
  end
  T.full_gc()
  T.eq(hippain.live_blocks(), blocks)
end)

T.test("the eight-weeks example runs", function()
  local cmd = "'" .. T.lua .. "' '" .. T.source_dir .. "/examples/lua/eight_weeks.lua' 2>&1"
  local p = assert(io.popen(cmd))
  local out = p:read("*a")
  p:close()
  local n = 0
  for _ in out:gmatch("\nweek %d+: ") do n = n + 1 end
  T.eq(n, 8, out)
  T.ok(out:find("week 5: step_back", 1, true), out)
  T.ok(out:find("week 8: progress", 1, true), out)
end)

T.run()
