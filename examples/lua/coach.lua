#!/usr/bin/env lua
--[[
coach.lua - a small running coach on top of hippain.

Reads a week of runs and a few symptoms (see week.txt for the format), prints the warnings
(triage, red flags, training-load risks, likely causes) and the sessions of next week.

  lua coach.lua [--start YYYY-MM-DD] [--weeks N] [--ical FILE] WEEK_FILE

--start: first day of the plan (default: the day after the last run); --weeks: length of
the plan written with --ical (default 8; only next week is printed). Exit status: 0, 2 for
bad input (a message naming the file and line), 1 for other failures.
Runs unchanged on Lua 5.4, Lua 5.1 and LuaJIT.
]]
local hippain = require "hippain"

local format = string.format
local WEEKDAYS = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" }

local function die(status, msg)
  io.stderr:write("coach: ", msg, "\n")
  os.exit(status)
end

local function usage()
  die(2, "usage: coach.lua [--start YYYY-MM-DD] [--weeks N] [--ical FILE] WEEK_FILE")
end

-- Command line.
local opts = { weeks = 8 }
local path
do
  local i = 1
  while i <= #arg do
    local a = arg[i]
    if a == "--start" or a == "--weeks" or a == "--ical" then
      if not arg[i + 1] then usage() end
      opts[a:sub(3)] = arg[i + 1]
      i = i + 2
    elseif a:sub(1, 1) == "-" or path then
      usage()
    else
      path = a
      i = i + 1
    end
  end
end
if not path then usage() end
opts.weeks = tonumber(opts.weeks)
if not opts.weeks then usage() end

-- The week file: "runner k=v ...", "run DATE KM [MIN [EFFORT]]", "yes ID", "no ID".
local function read_week(file)
  local f, err = io.open(file, "r")
  if not f then die(2, err) end
  local findings, runner, runs = {}, {}, {}
  local n = 0
  for line in f:lines() do
    n = n + 1
    local function bad(msg) die(2, format("%s:%d: %s", file, n, msg)) end
    line = line:gsub("#.*", "")
    local words = {}
    for w in line:gmatch("%S+") do words[#words + 1] = w end
    local what = words[1]
    if what == nil then
      -- blank or comment
    elseif what == "yes" or what == "no" then
      if #words ~= 2 then bad(what .. ": expected one finding id") end
      findings[words[2]] = what == "yes"
    elseif what == "run" then
      local date, km = words[2], tonumber(words[3] or "")
      if not date or not hippain.parse_date(date) then bad("run: expected a date YYYY-MM-DD") end
      if not km then bad("run: expected a distance in km") end
      runs[#runs + 1] = { date = date, km = km, minutes = tonumber(words[4] or ""),
                          effort = tonumber(words[5] or "") }
    elseif what == "runner" then
      for j = 2, #words do
        local k, v = words[j]:match("^([%w_]+)=(.+)$")
        if not k then bad("runner: expected KEY=VALUE, got " .. words[j]) end
        runner[k] = tonumber(v) or v
      end
    else
      bad("unknown line (expected runner, run, yes or no): " .. what)
    end
  end
  f:close()
  if #runs == 0 then die(2, file .. ": no runs") end
  table.sort(runs, function(a, b) return a.date < b.date end)
  return findings, runner, runs
end

local findings, runner, runs = read_week(path)

-- This week's numbers, unless the file gives them.
local last = hippain.parse_date(runs[#runs].date)
local week_km, days = 0, {}
for _, r in ipairs(runs) do
  if last - hippain.parse_date(r.date) < 7 then
    week_km = week_km + r.km
    days[r.date] = true
  end
end
local n_days = 0
for _ in pairs(days) do n_days = n_days + 1 end
runner.weekly_km = runner.weekly_km or week_km
runner.run_days_per_week = runner.run_days_per_week or n_days
runner.as_of = runner.as_of or runs[#runs].date
runner.runs = runs

local function main()
  local onto = hippain.default()
  local result = onto:assess { findings = findings, runner = runner }
  local start = opts.start or hippain.format_date(last + 1)

  print(format("Week to %s: %d runs on %d days, %.1f km", runner.as_of, #runs, n_days,
               runner.weekly_km))
  print()
  local level = result.triage.level
  local banner = { self_care = "Self-care: you can manage this with training changes.",
                   see_clinician = "See a clinician (physiotherapist or doctor) within days.",
                   urgent = "URGENT: seek medical care today. Do not run." }
  print("Triage: " .. (banner[level] or level))
  print()
  print("Warnings:")
  local n = 0
  for _, reason in ipairs(result.triage.reasons) do
    n = n + 1
    print("  ! " .. reason.text)
  end
  for _, risk in ipairs(result.risk_factors) do
    n = n + 1
    print("  ! " .. risk.text)
  end
  if n == 0 then print("  (none)") end
  print()
  print("Most likely causes:")
  for i = 1, 3 do
    local c = result.causes[i]
    if c then print(format("  %d. %-60s %3.0f%%", i, c.name, 100 * c.probability)) end
  end
  if result.next_question then
    local f = onto:finding(result.next_question)
    print(format("  (to tell them apart: %s)", f and f.question or result.next_question))
  end
  print()

  local plan = result:plan { weeks = opts.weeks, start = start }
  if opts.ical then
    local out = assert(io.open(opts.ical, "w"))
    out:write(plan:to_ical())
    out:close()
  end
  local week = plan.weeks[1]
  if not week then
    print("Next week: no training until you have been seen.")
    return
  end
  print(format("Next week (%s phase, %.1f km of running):", week.phase, week.run_km))
  for _, day in ipairs(week.days) do
    local parts = {}
    for _, s in ipairs(day.sessions) do
      local p = s.kind:gsub("_", " ")
      if s.kind == "run" then
        p = format("run %.1f km", s.km)
        if s.cadence_spm then p = p .. format(" at %d spm", s.cadence_spm) end
      elseif s.kind == "walk_run" then
        p = format("walk-run %dx(%d min walk + %d min run)", s.repeats or 0,
                   s.walk_minutes or 0, s.run_minutes or 0)
      elseif #s.items > 0 then
        local items = {}
        for _, it in ipairs(s.items) do
          local dose
          if it.reps > 0 and it.hold_seconds > 0 then
            dose = format("%dx%d, hold %ds", it.sets, it.reps, it.hold_seconds)
          elseif it.reps > 0 then dose = format("%dx%d", it.sets, it.reps)
          elseif it.hold_seconds > 0 then dose = format("%dx%ds", it.sets, it.hold_seconds)
          elseif it.minutes > 0 then dose = format("%d min", it.minutes)
          else dose = format("%d sets", it.sets) end
          items[#items + 1] = format("%s %s", it.name or it.id, dose)
        end
        p = p .. ": " .. table.concat(items, ", ")
      end
      parts[#parts + 1] = p
    end
    local wd = WEEKDAYS[(day.day + 3) % 7 + 1]
    print(format("  %s %s  %s", wd, day.date, table.concat(parts, "; ")))
  end
  if #plan.advice > 0 then
    print()
    print("Keep in mind:")
    for i = 1, math.min(3, #plan.advice) do print("  - " .. plan.advice[i].text) end
  end
end

local ok, err = pcall(main)
if not ok then
  -- Errors of hippain name the problem (and the input); they are input errors here.
  die(tostring(err):find("^profile: ") and 2 or 1, tostring(err))
end
