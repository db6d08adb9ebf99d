-- Errors are raised with error() and a string: the library's message, with
-- "file:line:column: " in front when the problem is in an input.
local T = require "runner"
local hippain = require "hippain"

local SRC = T.source_dir
local MINI = SRC .. "/tests/data/ontologies/mini.xml"
local HOSTILE = SRC .. "/tests/data/hostile/"

-- "path:line:column: message" (column > 0 required unless line_only) with line > 0.
local function located(msg, path, line_only)
  local p = path:gsub("%p", "%%%0")
  local line, col, rest = msg:match("^" .. p .. ":(%d+):(%d+): (.+)$")
  if not line and line_only then
    line, rest = msg:match("^" .. p .. ":(%d+): (.+)$")
    col = "0"
  end
  T.ok(line, "location in " .. msg)
  T.ok(tonumber(line) > 0 and (line_only or tonumber(col) > 0), msg)
  return tonumber(line), tonumber(col), rest
end

T.test("malformed ontology file: file:line:column: message", function()
  -- Line 4 has an unclosed attribute value.
  local path = T.tmpfile('<?xml version="1.0" encoding="UTF-8"?>\n'
    .. '<ontology xmlns="urn:x-hippain:ontology:1" format="1" name="bad" version="0.1">\n'
    .. '  <sources>\n'
    .. '    <source id="x>A</source>\n'
    .. '  </sources>\n'
    .. '</ontology>\n')
  local msg = T.raises(path, hippain.load, path)
  local line = located(msg, path)
  T.ok(line >= 4, msg)
  os.remove(path)
  local truncated = HOSTILE .. "truncated.xml"
  located(T.raises(truncated, hippain.load, truncated), truncated)
end)

T.test("schema and semantic errors name the place", function()
  -- An evidence link to a finding that does not exist (line 5).
  local path = T.tmpfile([[<?xml version="1.0" encoding="UTF-8"?>
<ontology xmlns="urn:x-hippain:ontology:1" format="1" name="ext" version="0.1" xml:lang="en">
  <conditions>
    <condition id="extra_thing" prior="0.2" seriousness="mild" src="t1">
      <label>Extra thing</label><evidence finding="no_such_finding" strength="0.5" src="t1"/>
    </condition>
  </conditions>
</ontology>
]])
  local msg = T.raises("no_such_finding", hippain.load, MINI, { path })
  local line = located(msg, path, true)
  T.eq(line, 5, msg)
  -- A clash of ids names the input it is in.
  local dup = T.tmpfile(([[<?xml version="1.0" encoding="UTF-8"?>
<ontology xmlns="urn:x-hippain:ontology:1" format="1" name="dup" version="0.1" xml:lang="en">
  <conditions>
    <condition id="side_thing" prior="0.2" seriousness="mild" src="t1">
      <label>Again</label>
      <evidence finding="side_pain" strength="0.5" src="t1"/>
    </condition>
  </conditions>
</ontology>
]]))
  msg = T.raises("side_thing", hippain.load, MINI, { dup })
  T.ok(msg:find(dup, 1, true), msg)
  os.remove(path)
  os.remove(dup)
end)

T.test("hostile inputs are refused with a location", function()
  for _, name in ipairs { "billion_laughs.xml", "external_dtd.xml", "wrong_root.xml",
                          "wrong_namespace.xml", "invalid_utf8.xml" } do
    local path = HOSTILE .. name
    local msg = T.raises(path, hippain.load, path)
    T.ok(#msg > #path + 2, msg)
  end
end)

T.test("missing file", function()
  local msg = T.raises("/no/such/dir/onto.xml: ", hippain.load, "/no/such/dir/onto.xml")
  T.ok(msg:find("open", 1, true) or msg:find("No such", 1, true), msg)
end)

T.test("load_string: the name is the file in errors", function()
  local msg = T.raises("inline.xml:", hippain.load_string, "<ontology", "inline.xml")
  located(msg, "inline.xml")
  T.raises("xml must be a string", hippain.load_string, nil)
end)

T.test("profile errors are the library's, naming the key", function()
  local onto = hippain.default()
  T.eq(T.raises("profile: ", onto.assess, onto, { findings = { no_such = true } }),
       "profile: findings.no_such: no such finding")
  T.raises("profile: findings.gluteal_tendinopathy: is a condition, not a finding",
           onto.assess, onto, { findings = { gluteal_tendinopathy = true } })
  T.raises("profile: runner.weekly_km: ", onto.assess, onto, { runner = { weekly_km = -1 } })
  T.raises("profile: runner.weekly_km: expected a number, got a string", onto.assess, onto,
           { runner = { weekly_km = "lots" } })
  T.raises("profile: runner.runs[1].date: ", onto.assess, onto,
           { runner = { runs = { { date = "2026-01-01", km = 1 }, { date = "2026-02-30", km = 1 } } } })
  T.raises("profile: runner.sex: ", onto.assess, onto, { runner = { sex = "robot" } })
  T.raises("profile: bogus: ", onto.assess, onto, { bogus = 1 })
  T.raises("profile: findings.pain_lateral_hip: expected true, false or null", onto.assess,
           onto, { findings = { pain_lateral_hip = "yes" } })
  T.raises("profile: findings: a list of findings must hold finding ids", onto.assess, onto,
           { findings = { 1, 2 } })
end)

T.test("JSON text errors carry line and column", function()
  local onto = hippain.default()
  local msg = T.raises("week.json:", onto.assess, onto, '{\n  "findings": {\n    "x": tru\n}', "week.json")
  local line = located(msg, "week.json")
  T.eq(line, 3, msg)
  T.raises("profile:", onto.assess, onto, "[1, 2]")
end)

T.test("plan and interview errors", function()
  local onto = hippain.default()
  local r = onto:assess { findings = { pain_lateral_hip = true } }
  T.raises("week", r.plan, r, { weeks = 100 })
  T.raises("start", r.plan, r, { start = "2026-02-30" })
  local iv = onto:interview()
  local msg = T.raises("", iv.back, iv)
  T.ok(#msg > 0 and not msg:find("^%S+%.lua:%d+:"), "library message, not a Lua position: " .. msg)
end)

T.test("argument errors point at the caller", function()
  local onto = hippain.default()
  local msg = T.raises("hippain.assess: expected a profile table", onto.assess, onto, 42)
  -- pcall calls assess directly, so the position is absent or names this file.
  T.ok(not msg:find("hippain.lua", 1, true), msg)
  local ok, e = pcall(function() local r = onto:assess(true); return r end)
  T.ok(not ok and tostring(e):find("test_errors.lua:%d+: hippain.assess"), tostring(e))
  ok, e = pcall(function() local o = hippain.load(MINI, { bogus = 1 }); return o end)
  T.ok(not ok and tostring(e):find("test_errors.lua:%d+: hippain.load: unknown option bogus"),
       tostring(e))
  ok, e = pcall(function() local p = onto:assess({}):plan { weeks = "8" }; return p end)
  T.ok(not ok and tostring(e):find("test_errors.lua:%d+: hippain.plan: weeks must be"),
       tostring(e))
end)

T.test("an error leaves the module usable", function()
  local onto = hippain.default()
  for _ = 1, 3 do
    pcall(onto.assess, onto, { findings = { nope = true } })
    pcall(hippain.load, "/no/such.xml")
  end
  T.eq(onto:assess({ findings = { pain_lateral_hip = true } }).triage.level, "self_care")
end)

T.run()
