-- 10,000 cycles of assess + plan (an ontology loaded every 250 cycles, an interview and a
-- failed call now and then), then collectgarbage(): no wrapper and no library block is
-- left, and the resident set size has not grown.
local T = require "runner"
local hippain = require "hippain"

local CYCLES = tonumber(os.getenv("HIPPAIN_LUA_CYCLES") or "") or 10000

local function profile(i)
  return {
    findings = { pain_lateral_hip = i % 2 == 0, worse_lying_on_side = i % 3 == 0,
                 pain_groin = i % 5 == 0, fever_or_chills = false },
    runner = { weekly_km = 20 + i % 30, previous_weekly_km = 25, cadence_spm = 150 + i % 30,
               age = 20 + i % 50, sex = (i % 2 == 0) and "female" or "male",
               runs = { { date = "2026-11-01", km = 5 + i % 10, minutes = 40 },
                        { date = "2026-11-03", km = 8 } } },
  }
end

T.test(CYCLES .. " cycles leave no live library objects", function()
  T.full_gc()
  local objects0, blocks0 = hippain.live_objects(), hippain.live_blocks()
  local rss_warm
  local warm_at = math.floor(CYCLES / 10)
  local onto
  local t0 = os.clock()
  for i = 1, CYCLES do
    if i % 250 == 1 then onto = hippain.default() end
    local r = onto:assess(profile(i))
    local p = r:plan { weeks = 1 + i % 8, start = "2026-12-01" }
    if i % 100 == 0 then
      -- Touch the lazy tables and exports now and then.
      T.ok(r.causes[1].probability > 0)
      T.eq(#p.weeks, 1 + i % 8)
      T.ok(#p:to_json() > 0 and #r:to_json() > 0)
      local iv = onto:interview()
      iv:answer(false)
      local _ = iv:assessment().triage.level
      T.ok(not pcall(onto.assess, onto, { findings = { nope = true } }))
    end
    if i == warm_at then
      T.full_gc()
      rss_warm = T.rss_kib()
    end
  end
  local elapsed = os.clock() - t0
  onto = nil
  T.full_gc()
  local objects, by_kind = hippain.live_objects()
  local left = {}
  for k, n in pairs(by_kind) do left[#left + 1] = k .. "=" .. n end
  T.eq(objects, objects0, "live wrappers (" .. table.concat(left, ", ") .. ")")
  T.eq(hippain.live_blocks(), blocks0, "live library blocks")
  local rss_end = T.rss_kib()
  print(string.format("# %d cycles in %.2f s; RSS %s KiB after %d cycles, %s KiB at the end",
                      CYCLES, elapsed, tostring(rss_warm), warm_at, tostring(rss_end)))
  if rss_warm and rss_end and not T.sanitize then
    -- The ASan allocator keeps freed memory in quarantine: RSS means nothing there.
    T.ok(rss_end - rss_warm < 4096, "RSS grew by " .. (rss_end - rss_warm) .. " KiB")
  end
end)

T.run()
