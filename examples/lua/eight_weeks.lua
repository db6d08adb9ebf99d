-- A runner's 8 weeks with weekly check-ins (the Lua version of examples/eight_weeks.c).
-- The plan is made once; after every week the check-ins so far revise it (plan:revise,
-- i.e. hp_plan_revise). Prints each week's decision, why, and what the runner does next.
--
--   LUA_PATH="build/bindings/lua/?.lua" LUA_CPATH="build/bindings/lua/?.so" \
--     lua5.4 examples/lua/eight_weeks.lua
local hippain = require "hippain"

-- The runner's diary: sessions planned and done, pain during, after, next morning.
local DIARY = { { 3, 3, 3, 2, 1 }, { 3, 3, 2, 2, 0 }, { 3, 3, 2, 1, 0 }, { 3, 2, 3, 2, 1 },
                { 3, 3, 6, 5, 3 }, { 3, 3, 3, 2, 1 }, { 3, 3, 2, 1, 0 }, { 3, 3, 1, 1, 0 } }

local onto = hippain.default()
local result = onto:assess{
  findings = { pain_lateral_hip = true, worse_lying_on_side = true,
               tender_greater_trochanter = true, fever_or_chills = false },
  runner = { weekly_km = 30, longest_run_km_30d = 12, age = 41, sex = "female",
             as_of = "2026-01-04" },
}
local plan = result:plan{ weeks = 12, start = "2026-01-05" }
print(string.format("Plan of %d weeks from 2026-01-05, triage %s", #plan.weeks, plan.triage))
local checkins = {}
for week, d in ipairs(DIARY) do
  checkins[week] = { week = week, sessions_planned = d[1], sessions_done = d[2],
                     pain = { during = d[3], after = d[4], next_morning = d[5] } }
  local rev = plan:revise({ checkins = checkins }, { profile = result })
  local last = rev.decisions[#rev.decisions]
  print(string.format("week %d: %s (%s) [%s]", week, last.action, last.reason,
                      table.concat(last.sources, " ")))
  local nxt, origin = rev.plan.weeks[1], rev.weeks[1]
  if nxt then
    print(string.format("    next: %s, %.1f km running (%s)", nxt.phase, nxt.run_km,
                        origin.from_week and ("week " .. origin.from_week .. " of the plan")
                        or "a rebuilt plan"))
  else
    print("    next: no weeks left")
  end
end
