-- Text intake: onto:parse_text() findings, negation, byte spans, numbers, spec for assess.
local T = require "runner"
local hippain = require "hippain"

local onto = hippain.default()

T.test("findings, negation, spans and numbers", function()
  local text = "my outer hip aches at night, no fever. 30 miles a week, 34F"
  local r = onto:parse_text(text)
  local by = {}
  for _, f in ipairs(r.findings) do by[f.id] = f end
  T.ok(by.pain_lateral_hip.present)
  T.eq(by.pain_lateral_hip.words, "outer hip")
  T.eq(text:sub(by.pain_lateral_hip.offset, by.pain_lateral_hip.offset + 8), "outer hip")
  T.ok(by.pain_at_night.present)
  T.eq(by.fever_or_chills.present, false)
  T.eq(r.spec.runner.weekly_km, 48.3)
  T.eq(r.spec.runner.age, 34)
  T.eq(r.sex, "female")
  local a = onto:assess(r.spec)
  T.ok(#a.causes > 0)
end)

T.test("German with a side; errors", function()
  local r = onto:parse_text("Linke Leiste, kein Fieber", "de")
  T.eq(r.findings[1].id, "pain_groin")
  T.eq(r.findings[1].side, "left")
  T.eq(r.findings[2].present, false)
  T.eq(r.languages[1], "de")
  local ok, msg = pcall(onto.parse_text, onto, "ok \255")
  T.ok(not ok and msg:find("invalid UTF%-8"), msg)
  ok = pcall(onto.parse_text, onto, 42)
  T.ok(not ok)
end)

T.run()
