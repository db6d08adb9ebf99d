-- The coach example (examples/lua/coach.lua) run as a user would, with this interpreter.
local T = require "runner"

local COACH = T.source_dir .. "/examples/lua/coach.lua"
local WEEK = T.source_dir .. "/examples/lua/week.txt"

local function sh_quote(s) return "'" .. s:gsub("'", "'\\''") .. "'" end

-- Run the coach; returns stdout+stderr and the exit status (portable to 5.1: via echo).
local function coach(...)
  local args = {}
  for i = 1, select("#", ...) do args[#args + 1] = sh_quote(select(i, ...)) end
  local cmd = table.concat({ sh_quote(T.lua), sh_quote(COACH), table.concat(args, " ") }, " ")
  local p = assert(io.popen(cmd .. " 2>&1; echo \"EXIT=$?\""))
  local out = p:read("*a")
  p:close()
  local status = tonumber(out:match("EXIT=(%d+)%s*$"))
  return out:gsub("EXIT=%d+%s*$", ""), status
end

T.test("coach prints warnings and next week's sessions", function()
  local out, status = coach(WEEK)
  T.eq(status, 0, out)
  T.ok(out:find("Triage: ", 1, true), out)
  T.ok(out:find("Warnings:", 1, true), out)
  T.ok(out:find("Weekly distance rose 35%", 1, true), out)
  T.ok(out:find("Cadence 162", 1, true), out)
  T.ok(out:find("Gluteal tendinopathy", 1, true), out)
  T.ok(out:find("Next week", 1, true), out)
  T.ok(out:find("Mon 2026-11-16", 1, true), "plan starts the day after the last run")
  T.ok(out:find("Sun 2026-11-22", 1, true), out)
end)

T.test("coach --start and --ical", function()
  local ics = os.tmpname()
  local out, status = coach("--start", "2026-12-01", "--weeks", "2", "--ical", ics, WEEK)
  T.eq(status, 0, out)
  T.ok(out:find("Tue 2026-12-01", 1, true), out)
  local f = assert(io.open(ics))
  local text = f:read("*a")
  f:close()
  os.remove(ics)
  T.ok(text:find("BEGIN:VCALENDAR", 1, true), "iCalendar written")
end)

T.test("coach: red flags make it urgent", function()
  local path = T.tmpfile("run 2026-11-15 5\nyes fever_or_chills\nyes pain_groin\n"
                         .. "yes unable_to_bear_weight\n")
  local out, status = coach(path)
  os.remove(path)
  T.eq(status, 0, out)
  T.ok(out:find("URGENT", 1, true), out)
  T.ok(out:find("no training", 1, true), out)
end)

T.test("coach: bad input names the file and line", function()
  local path = T.tmpfile("run 2026-11-15 5\nrun yesterday 5\n")
  local out, status = coach(path)
  T.eq(status, 2, out)
  T.ok(out:find(path .. ":2: run: expected a date", 1, true), out)
  os.remove(path)
  path = T.tmpfile("run 2026-11-15 5\nyes sore_everything\n")
  out, status = coach(path)
  os.remove(path)
  T.eq(status, 2, out)
  T.ok(out:find("coach: profile: findings.sore_everything: no such finding", 1, true), out)
  out, status = coach()
  T.eq(status, 2, out)
  T.ok(out:find("usage", 1, true), out)
end)

T.run()
