--- hippain: why runners' hips hurt and what to do about it (Lua binding of libhippain).
--
--   local hippain = require "hippain"
--   local onto = hippain.default()                  -- or hippain.load(path, {extensions})
--   for id, c in onto:conditions() do print(id, c.name) end
--   local r = onto:assess{ findings = { pain_lateral_hip = true }, runner = { weekly_km = 40 } }
--   print(r.triage.level, r.causes[1].id, r.causes[1].probability)
--   local plan = r:plan{ weeks = 8, start = "2026-12-01" }
--   print(plan.weeks[1].days[1].sessions[1].kind, plan:to_markdown())
--
-- Works unchanged on Lua 5.4, Lua 5.1 and LuaJIT. The C objects (ontology, assessment,
-- interview, plan) live in SWIG userdata of the core module hippain_core, whose __gc frees
-- them; the library counts references, so they may be collected in any order. The tables
-- of this layer hold those userdata and Lua values only: every string or number read from
-- the library is copied at once, no borrowed pointer is kept.
--
-- Errors are raised with error() and a string: the library's message, preceded by
-- "file:line:column: " (or the parts known) when the problem is in an input (an ontology
-- file, "profile" for a profile given as a table or JSON text). Mistakes in the Lua calls
-- themselves (a number where a table is expected) are reported at the caller's line.
local core = require "hippain_core"

local M = {}

local error, pairs, ipairs, next, type, tostring, tonumber, setmetatable, getmetatable, rawget, rawset =
    error, pairs, ipairs, next, type, tostring, tonumber, setmetatable, getmetatable, rawget, rawset
local format, concat, sort, floor = string.format, table.concat, table.sort, math.floor
local math_type = math.type -- nil on 5.1 and LuaJIT

M.version = core.hp_version_string()    -- version of the C library loaded
M._VERSION = "hippain " .. M.version

-- Key of the C handle (a SWIG userdata) in a wrapper table; private to this file.
local HANDLE = setmetatable({}, { __tostring = function() return "hippain.handle" end })

---------------------------------------------------------------------------------------------
-- Live wrappers (weak keys: an entry disappears when its wrapper is collected).
---------------------------------------------------------------------------------------------
local live = setmetatable({}, { __mode = "k" })

local function track(obj, kind)
  live[obj] = kind
  return obj
end

--- Counts of the wrappers (ontologies, results, interviews, plans) not yet collected:
-- returns the total and a table kind -> count. Call collectgarbage("collect") first.
function M.live_objects()
  local total, by_kind = 0, {}
  for _, kind in pairs(live) do
    total = total + 1
    by_kind[kind] = (by_kind[kind] or 0) + 1
  end
  return total, by_kind
end

--- Number of memory blocks the C library holds for everything made through this module
-- (ontologies and what was made from them). 0 once all of them are collected.
function M.live_blocks()
  return core.hpx_live_blocks()
end

---------------------------------------------------------------------------------------------
-- Errors
---------------------------------------------------------------------------------------------
local err = core.hp_error() -- reused by every call (one per Lua state; calls do not nest)

local function error_text(e)
  local where = e.file or ""
  if where ~= "" then
    local line, column = e.line, e.column
    if line > 0 then
      where = where .. format(":%d", line)
      if column > 0 then where = where .. format(":%d", column) end
    end
    where = where .. ": "
  end
  return where .. e.message
end

-- Raise the error the last call left in err (or `fallback` if it left none).
local function raise(fallback)
  local text
  if err.code ~= 0 then text = error_text(err) else text = fallback or "hippain: call failed" end
  core.hp_error_clear(err)
  error(text, 0)
end

-- Argument errors, reported at the caller of the public function.
local function argerror(fn, what, value, level)
  error(format("hippain.%s: %s, got %s", fn, what, type(value)), level or 3)
end

local STATUS = {}
for _, name in ipairs { "HP_OK", "HP_E_NOMEM", "HP_E_INVALID", "HP_E_IO", "HP_E_PARSE",
                        "HP_E_SCHEMA", "HP_E_SEMANTIC", "HP_E_DUPLICATE", "HP_E_NOT_FOUND",
                        "HP_E_LIMIT", "HP_E_FORBIDDEN", "HP_E_STATE", "HP_E_INTERNAL" } do
  STATUS[name] = core[name]
end
M.status = STATUS -- hp_status codes by name, for reference

---------------------------------------------------------------------------------------------
-- JSON encoding (profiles are handed to the library as JSON, so that its validation and
-- messages apply). Objects have their keys sorted; a table with keys 1..n is an array; an
-- empty table is an object unless made with hippain.json.array().
---------------------------------------------------------------------------------------------
local json = {}
M.json = json
local array_mt = { __jsontype = "array" }
local object_mt = { __jsontype = "object" }

--- Mark t (default {}) as a JSON array (so that an empty one encodes as []).
function json.array(t) return setmetatable(t or {}, array_mt) end
--- Mark t (default {}) as a JSON object.
function json.object(t) return setmetatable(t or {}, object_mt) end

local escapes = {
  ['"'] = '\\"', ["\\"] = "\\\\", ["\b"] = "\\b", ["\f"] = "\\f",
  ["\n"] = "\\n", ["\r"] = "\\r", ["\t"] = "\\t",
}
local function escape_char(c)
  return escapes[c] or format("\\u%04x", c:byte())
end
local function encode_string(s)
  return '"' .. (s:gsub('[%c"\\]', escape_char)) .. '"'
end

local function where(path) return path == "" and "value" or path end

local function encode_number(n, path)
  if n ~= n or n == math.huge or n == -math.huge then
    local name = n ~= n and "NaN" or (n > 0 and "inf" or "-inf")
    error(format("%s: %s cannot be written as JSON", where(path), name), 0)
  end
  if math_type and math_type(n) == "integer" then return format("%d", n) end
  -- %.17g reads back exactly; a decimal comma (a C locale set by the host) is undone.
  return (format("%.17g", n):gsub(",", "."))
end

local function table_kind(t, path)
  path = where(path)
  local mt = getmetatable(t)
  if mt and mt.__jsontype then return mt.__jsontype end
  local n, strings, numbers = 0, 0, 0
  for k in pairs(t) do
    n = n + 1
    local tk = type(k)
    if tk == "string" then
      strings = strings + 1
    elseif tk == "number" then
      numbers = numbers + 1
    else
      error(format("%s: a key of type %s cannot be written as JSON", path, tk), 0)
    end
  end
  if n == 0 then return "object" end
  if strings > 0 and numbers > 0 then
    error(format("%s: a table with both string and number keys cannot be written as JSON",
                 path), 0)
  end
  if strings > 0 then return "object" end
  for i = 1, n do
    if t[i] == nil then
      error(format("%s: an array with holes cannot be written as JSON", path), 0)
    end
  end
  return "array"
end

local encode_value

local function encode_table(t, path, seen, out)
  if seen[t] then error(format("%s: a table that contains itself cannot be written as JSON",
                               where(path)), 0) end
  seen[t] = true
  if table_kind(t, path) == "array" then
    out[#out + 1] = "["
    for i = 1, #t do
      if i > 1 then out[#out + 1] = "," end
      encode_value(t[i], format("%s[%d]", where(path), i - 1), seen, out)
    end
    out[#out + 1] = "]"
  else
    local keys = {}
    for k in pairs(t) do
      if type(k) ~= "string" then
        error(format("%s: a key of type %s cannot be written as JSON", where(path), type(k)), 0)
      end
      keys[#keys + 1] = k
    end
    sort(keys)
    out[#out + 1] = "{"
    for i, k in ipairs(keys) do
      if i > 1 then out[#out + 1] = "," end
      out[#out + 1] = encode_string(k)
      out[#out + 1] = ":"
      encode_value(t[k], path == "" and k or path .. "." .. k, seen, out)
    end
    out[#out + 1] = "}"
  end
  seen[t] = nil
end

encode_value = function(v, path, seen, out)
  local tv = type(v)
  if tv == "string" then
    out[#out + 1] = encode_string(v)
  elseif tv == "number" then
    out[#out + 1] = encode_number(v, path)
  elseif tv == "boolean" then
    out[#out + 1] = v and "true" or "false"
  elseif v == json.null then
    out[#out + 1] = "null"
  elseif tv == "table" then
    encode_table(v, path, seen, out)
  else
    error(format("%s: a %s cannot be written as JSON", where(path), tv), 0)
  end
end

--- A sentinel encoded as JSON null.
json.null = setmetatable({}, { __tostring = function() return "hippain.json.null" end })

--- Encode a Lua value as JSON text (compact, object keys sorted).
function json.encode(v)
  local out = {}
  encode_value(v, "", {}, out)
  return concat(out)
end

---------------------------------------------------------------------------------------------
-- Small helpers
---------------------------------------------------------------------------------------------
local function enum_name(etype, value)
  return core.hp_enum_name(etype, value)
end

local function words(s)
  local t = {}
  if s then for w in s:gmatch("%S+") do t[#t + 1] = w end end
  return t
end

-- Days since 1970-01-01 -> "YYYY-MM-DD" (proleptic Gregorian; H. Hinnant's algorithm).
local function format_date(days)
  local z = days + 719468
  local era = floor(z / 146097)
  local doe = z - era * 146097
  local yoe = floor((doe - floor(doe / 1460) + floor(doe / 36524) - floor(doe / 146096)) / 365)
  local y = yoe + era * 400
  local doy = doe - (365 * yoe + floor(yoe / 4) - floor(yoe / 100))
  local mp = floor((5 * doy + 2) / 153)
  local d = doy - floor((153 * mp + 2) / 5) + 1
  local m = mp < 10 and mp + 3 or mp - 9
  if m <= 2 then y = y + 1 end
  return format("%04d-%02d-%02d", y, m, d)
end
M.format_date = format_date

--- "YYYY-MM-DD" -> days since 1970-01-01, or nil and a message for a malformed date.
local MONTH_DAYS = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 }
function M.parse_date(text)
  local y, m, d = tostring(text):match("^(%d%d%d%d)%-(%d%d)%-(%d%d)$")
  if not y then return nil, format("%s is not a date (YYYY-MM-DD)", tostring(text)) end
  y, m, d = tonumber(y), tonumber(m), tonumber(d)
  local leap = (y % 4 == 0 and y % 100 ~= 0) or y % 400 == 0
  if m < 1 or m > 12 or d < 1 or d > ((m == 2 and leap) and 29 or MONTH_DAYS[m]) then
    return nil, format("%s is not a valid date", text)
  end
  if m <= 2 then y = y - 1 end
  local era = floor(y / 400)
  local yoe = y - era * 400
  local mp = m > 2 and m - 3 or m + 9
  local doy = floor((153 * mp + 2) / 5) + d - 1
  local doe = yoe * 365 + floor(yoe / 4) - floor(yoe / 100) + doy
  return era * 146097 + doe - 719468
end

local function fmt_prob(p) return format("%.2f", p) end

-- Records are plain tables with a metatable that only gives them a __tostring.
local function record_mt(kind, describe)
  return { __tostring = function(t) return format("hippain.%s(%s)", kind, describe(t)) end,
           __name = "hippain." .. kind }
end

local condition_mt = record_mt("Condition", function(c)
  return format("%s: %s, prior %.3f, %s", c.id, c.name or c.id, c.prior, c.seriousness)
end)
local finding_mt = record_mt("Finding", function(f)
  return format("%s: %s, %s", f.id, f.name or f.id, f.kind)
end)
local cause_mt = record_mt("Cause", function(c)
  return format("%s %s, %d evidence", c.id, fmt_prob(c.probability), #c.evidence)
end)
local evidence_mt = record_mt("Evidence", function(e)
  return format("%s %s, weight %+.2f", e.finding, e.answer, e.weight)
end)
local reason_mt = record_mt("Reason", function(r)
  return format("%s: %s", r.level, r.text or "")
end)
local dont_miss_mt = record_mt("DontMiss", function(d)
  return format("%s %s, ranked %d, %s", d.id, fmt_prob(d.probability), d.rank, d.level)
end)
local risk_mt = record_mt("Risk", function(r)
  return format("%s: %s", r.id, r.text or "")
end)
local week_mt = record_mt("Week", function(w)
  return format("week %d, %s, %.1f km, %d days", w.index, w.phase, w.run_km, #w.days)
end)
local day_mt = record_mt("Day", function(d)
  local kinds = {}
  for i, s in ipairs(d.sessions) do kinds[i] = s.kind end
  return format("%s: %s", d.date, concat(kinds, ", "))
end)
local session_mt = record_mt("Session", function(s)
  if s.km and s.km > 0 then return format("%s %.1f km", s.kind, s.km) end
  return format("%s, %d items", s.kind, #s.items)
end)
local item_mt = record_mt("Item", function(i)
  local dose
  if i.reps > 0 then dose = format("%d x %d", i.sets, i.reps)
  elseif i.hold_seconds > 0 then dose = format("%d x %d s", i.sets, i.hold_seconds)
  elseif i.minutes > 0 then dose = format("%d min", i.minutes)
  else dose = format("%d sets", i.sets) end
  return format("%s %s", i.id, dose)
end)
local advice_mt = record_mt("Advice", function(a)
  return format("%s: %s", a.id, a.text or "")
end)

---------------------------------------------------------------------------------------------
-- Ontology
---------------------------------------------------------------------------------------------
local Ontology = {}
Ontology.__index = Ontology
Ontology.__name = "hippain.Ontology"
M.Ontology = Ontology

local function wrap_ontology(handle)
  local self = setmetatable({ [HANDLE] = handle }, Ontology)
  self.name = core.hp_ontology_name(handle)
  self.version = core.hp_ontology_version(handle)
  return track(self, "ontology")
end

function Ontology:__tostring()
  local h = self[HANDLE]
  return format("hippain.Ontology(%s %s: %d conditions, %d findings)", self.name or "?",
                self.version or "?", core.hp_ontology_count(h, core.HP_ENTITY_CONDITION),
                core.hp_ontology_count(h, core.HP_ENTITY_FINDING))
end

local function is_ontology(o)
  return type(o) == "table" and getmetatable(o) == Ontology
end

--- The embedded default ontology.
function M.default()
  local h = core.hpx_load_default(err)
  if h == nil then raise("hippain.default: loading failed") end
  return wrap_ontology(h)
end

local LOAD_OPTIONS = { with_default = true, skip_schema = true, max_input_bytes = true,
                       extensions = true }

local function load(fn, first, opts)
  if opts ~= nil and type(opts) ~= "table" then
    argerror(fn, "options must be a table of extension files and options", opts, 4)
  end
  opts = opts or {}
  for k in pairs(opts) do
    if type(k) ~= "number" and not LOAD_OPTIONS[k] then
      error(format("hippain.%s: unknown option %s", fn, tostring(k)), 3)
    end
  end
  local flags = 0
  if opts.with_default then flags = flags + core.HP_LOAD_WITH_DEFAULT end
  if opts.skip_schema then flags = flags + core.HP_LOAD_SKIP_SCHEMA end
  local loader = core.hpx_loader_new(flags, opts.max_input_bytes or 0)
  if first(loader) ~= 0 then raise() end
  local exts = {}
  for _, p in ipairs(opts) do exts[#exts + 1] = p end
  for _, p in ipairs(opts.extensions or {}) do exts[#exts + 1] = p end
  for _, p in ipairs(exts) do
    if type(p) ~= "string" then argerror(fn, "extensions must be file paths", p, 4) end
    if core.hpx_loader_add_file(loader, p, err) ~= 0 then raise() end
  end
  local h = core.hpx_loader_load(loader, err)
  if h == nil then raise("hippain." .. fn .. ": loading failed") end
  return wrap_ontology(h)
end

--- Load an ontology file, then each extension file on top of it (each adds entries).
-- opts: an array of extension paths, plus optional keys with_default (put the embedded
-- default ontology below), skip_schema, max_input_bytes, extensions (more paths).
function M.load(path, opts)
  if type(path) ~= "string" then argerror("load", "path must be a string", path) end
  local onto = load("load", function(l) return core.hpx_loader_add_file(l, path, err) end, opts)
  return onto -- not a tail call: argument errors are reported at the caller's line
end

--- Load an ontology from XML text; name is used in error messages (default "string").
function M.load_string(xml, name, opts)
  if type(xml) ~= "string" then argerror("load_string", "xml must be a string", xml) end
  if name ~= nil and type(name) ~= "string" then
    argerror("load_string", "name must be a string", name)
  end
  local onto = load("load_string", function(l)
    return core.hpx_loader_add_memory(l, name or "string", xml, err)
  end, opts)
  return onto
end

local function text(h, kind, index, field, lang)
  return core.hp_ontology_text(h, kind, index, field, lang)
end

-- A finding link (hpx_condition_evidence, hpx_presentation_evidence) as a table.
local function evidence_link(h, link)
  if err.code ~= 0 then raise() end
  return {
    finding = core.hp_ontology_id(h, core.HP_ENTITY_FINDING, link.finding),
    strength = link.strength,
    sources = words(link.sources),
  }
end

local function build_conditions(self)
  local h = self[HANDLE]
  local list, by_id = {}, {}
  for i = 0, core.hp_ontology_count(h, core.HP_ENTITY_CONDITION) - 1 do
    local info = core.hpx_ontology_condition(h, i, err)
    if err.code ~= 0 then raise() end
    local c = setmetatable({
      id = info.id,
      index = i + 1,
      name = text(h, core.HP_ENTITY_CONDITION, i, core.HP_TEXT_LABEL, nil),
      description = text(h, core.HP_ENTITY_CONDITION, i, core.HP_TEXT_DESCRIPTION, nil),
      prior = info.prior,
      seriousness = enum_name(core.HP_ENUM_SERIOUSNESS, info.seriousness),
      suspect_at = info.suspect_at,
      sources = words(info.sources),
      evidence = {},
    }, condition_mt)
    for j = 0, info.n_evidence - 1 do
      c.evidence[j + 1] = evidence_link(h, core.hpx_condition_evidence(h, i, j, err))
    end
    -- sites or forms with evidence of their own, scored as a mixture (most have none)
    c.presentations = {}
    for k = 0, core.hp_condition_presentation_count(h, i) - 1 do
      local p = core.hpx_condition_presentation(h, i, k, err)
      if err.code ~= 0 then raise() end
      -- label: English, or nil without one (other languages: Ontology:presentation_label)
      local label = core.hp_presentation_label(h, i, k, nil)
      local pres = { id = p.id, label = label, name = label, share = p.share,
                     sources = words(p.sources), evidence = {} }
      for j = 0, p.n_evidence - 1 do
        pres.evidence[j + 1] = evidence_link(h, core.hpx_presentation_evidence(h, i, k, j, err))
      end
      c.presentations[k + 1] = pres
    end
    list[i + 1] = c
    by_id[c.id] = c
  end
  rawset(self, "_conditions", list)
  rawset(self, "_condition_by_id", by_id)
end

local function build_findings(self)
  local h = self[HANDLE]
  local list, by_id = {}, {}
  for i = 0, core.hp_ontology_count(h, core.HP_ENTITY_FINDING) - 1 do
    local info = core.hpx_ontology_finding(h, i, err)
    if err.code ~= 0 then raise() end
    local f = setmetatable({
      id = info.id,
      index = i + 1,
      name = text(h, core.HP_ENTITY_FINDING, i, core.HP_TEXT_LABEL, nil),
      question = text(h, core.HP_ENTITY_FINDING, i, core.HP_TEXT_QUESTION, nil),
      kind = enum_name(core.HP_ENUM_FINDING_KIND, info.kind),
      group = enum_name(core.HP_ENUM_FINDING_GROUP, info.group),
      base_rate = info.base_rate,
      sources = words(info.sources),
    }, finding_mt)
    list[i + 1] = f
    by_id[f.id] = f
  end
  rawset(self, "_findings", list)
  rawset(self, "_finding_by_id", by_id)
end

local function iterate(list)
  local i = 0
  return function()
    i = i + 1
    local x = list[i]
    if x ~= nil then return x.id, x end
  end
end

--- Iterate over the conditions in ontology order: for id, c in onto:conditions() do ... end.
-- Each c is a table {id, index, name, description, prior, seriousness, suspect_at,
-- sources, evidence = {{finding, strength, sources}...}, presentations = {{id, label (also
-- name; nil without one), share, sources, evidence}...}} (shared: do not modify).
function Ontology:conditions()
  if not rawget(self, "_conditions") then build_conditions(self) end
  return iterate(self._conditions)
end

--- The condition with this id, or nil.
function Ontology:condition(id)
  if type(id) ~= "string" then argerror("condition", "id must be a string", id) end
  if not rawget(self, "_conditions") then build_conditions(self) end
  return self._condition_by_id[id]
end

--- Iterate over the findings (symptoms, signs, history, risk factors) in ontology order:
-- for id, f in onto:findings() do ... end; f = {id, index, name, question, kind, group,
-- base_rate, sources}.
function Ontology:findings()
  if not rawget(self, "_findings") then build_findings(self) end
  return iterate(self._findings)
end

--- The finding with this id, or nil.
function Ontology:finding(id)
  if type(id) ~= "string" then argerror("finding", "id must be a string", id) end
  if not rawget(self, "_findings") then build_findings(self) end
  return self._finding_by_id[id]
end

--- The label of any entry (condition, finding, exercise, advice...) by id, or nil.
function Ontology:label(id, lang)
  local h = self[HANDLE]
  local kind = core.hpx_ontology_kind_of(h, id)
  if kind < 0 then return nil end
  local index = core.hp_ontology_index(h, kind, id)
  return text(h, kind, index, core.HP_TEXT_LABEL, lang)
end

--- The label of presentation pid of condition cid in lang (fallback "de-AT", "de", English),
-- or nil when it has none or either id is unknown.
function Ontology:presentation_label(cid, pid, lang)
  if type(cid) ~= "string" then argerror("presentation_label", "condition must be a string", cid) end
  if type(pid) ~= "string" then argerror("presentation_label", "presentation must be a string", pid) end
  if lang ~= nil and type(lang) ~= "string" then
    argerror("presentation_label", "expected a language", lang)
  end
  local h = self[HANDLE]
  local n = core.hp_ontology_count(h, core.HP_ENTITY_CONDITION)
  local i = core.hp_ontology_index(h, core.HP_ENTITY_CONDITION, cid)
  if i < 0 or i >= n then return nil end
  for k = 0, core.hp_condition_presentation_count(h, i) - 1 do
    local p = core.hpx_condition_presentation(h, i, k, err)
    if err.code ~= 0 then raise() end
    if p.id == pid then return core.hp_presentation_label(h, i, k, lang) end
  end
  return nil
end

-- The JSON text of a profile given as a table {findings = ..., runner = ...}.
-- findings may also be an array of the ids of the findings that are present.
local function profile_json(spec)
  local t = {}
  for k, v in pairs(spec) do t[k] = v end
  local f = t.findings
  if type(f) == "table" and getmetatable(f) == nil and f[1] ~= nil then
    local map = {}
    for _, id in ipairs(f) do
      if type(id) ~= "string" then
        error("profile: findings: a list of findings must hold finding ids (strings)", 0)
      end
      map[id] = true
    end
    for k in pairs(f) do
      if type(k) ~= "number" then
        error("profile: findings: either a list of ids or a table id = true/false", 0)
      end
    end
    t.findings = map
  end
  local r = t.runner
  if type(r) == "table" and type(r.runs) == "table" and next(r.runs) == nil
     and getmetatable(r.runs) == nil then
    local copy = {}
    for k, v in pairs(r) do copy[k] = v end
    copy.runs = json.array()
    t.runner = copy
  end
  local ok, text_or_err = pcall(json.encode, t)
  if not ok then error("profile: " .. tostring(text_or_err), 0) end
  return text_or_err
end
M.profile_json = profile_json

-- A new hp_profile userdata from a table or JSON text.
local function make_profile(self, fn, spec, name)
  local text_, pname
  if type(spec) == "table" then
    text_, pname = profile_json(spec), "profile"
  elseif type(spec) == "string" then
    text_, pname = spec, name or "profile"
  else
    argerror(fn, "expected a profile table {findings = ..., runner = ...} or JSON text", spec, 4)
  end
  local p = core.hpx_profile_from_json(self[HANDLE], text_, pname, err)
  if p == nil then raise("profile: invalid") end
  return p
end

local Result -- below

--- Assess a profile: onto:assess{ findings = {...}, runner = {...} } (or JSON text and an
-- optional name for its errors). Returns a result (see Result).
function Ontology:assess(spec, name)
  local p = make_profile(self, "assess", spec, name)
  local a = core.hpx_assess(p, err)
  if a == nil then raise("assess failed") end
  return Result.new(self, a)
end

local Interview -- below

local INTERVIEW_OPTIONS = { findings = true, runner = true, stop_probability = true,
                            min_gain = true, max_questions = true }

--- Start an interview: onto:interview{ findings = ..., runner = ..., stop_probability = 0.8,
-- min_gain = 0.02, max_questions = 25 } (every key optional).
function Ontology:interview(opts)
  if opts ~= nil and type(opts) ~= "table" then argerror("interview", "expected a table", opts) end
  opts = opts or {}
  local spec, has_profile = {}, false
  for k, v in pairs(opts) do
    if not INTERVIEW_OPTIONS[k] then
      error(format("hippain.interview: unknown option %s", tostring(k)), 2)
    end
    if k == "findings" or k == "runner" then spec[k] = v; has_profile = true end
  end
  local p = has_profile and make_profile(self, "interview", spec) or nil
  local iv = core.hpx_interview_new(self[HANDLE], p, opts.stop_probability or 0,
                                    opts.min_gain or 0, opts.max_questions or 0, err)
  if iv == nil then raise("interview failed") end
  return Interview.new(self, iv)
end

local Plan -- below
local plan_args

--- A plan for explicit conditions (e.g. a clinician's diagnosis), without an assessment:
-- onto:plan_for({ "gluteal_tendinopathy" }, { weeks = 8, start = "2026-12-01",
-- findings = ..., runner = ... }).
function Ontology:plan_for(conditions, opts)
  if type(conditions) == "string" then conditions = { conditions } end
  if type(conditions) ~= "table" then
    argerror("plan_for", "expected a list of condition ids", conditions)
  end
  for _, id in ipairs(conditions) do
    if type(id) ~= "string" or id:find("%s") then
      error("hippain.plan_for: condition ids must be strings without spaces", 2)
    end
  end
  opts = opts or {}
  local spec, has_profile, rest = {}, false, {}
  for k, v in pairs(opts) do
    if k == "findings" or k == "runner" then spec[k] = v; has_profile = true else rest[k] = v end
  end
  local p = has_profile and make_profile(self, "plan_for", spec) or nil
  local weeks, start, run_days, km, lang, cp = plan_args("plan_for", rest)
  local h = core.hpx_plan_for_conditions(self[HANDLE], concat(conditions, " "), p, weeks, start,
                                         run_days, km, lang, cp, err)
  if h == nil then raise("plan failed") end
  return Plan.new(self, h)
end

---------------------------------------------------------------------------------------------
-- Result (an assessment)
---------------------------------------------------------------------------------------------
Result = {}
M.Result = Result
Result.__name = "hippain.Result"
local result_lazy = {}

-- Fields computed on first access (then stored in the table as plain values).
function Result.__index(self, k)
  local f = result_lazy[k]
  if f then
    local v = f(self)
    rawset(self, k, v)
    return v
  end
  return Result[k]
end

function Result.new(onto, handle)
  local self = setmetatable({ [HANDLE] = handle, ontology = onto }, Result)
  self.next_question = core.hp_assessment_next_question(handle)
  self.next_question_gain = core.hp_assessment_next_question_gain(handle)
  return track(self, "result")
end

-- A triage reason record from the C struct.
local function reason_record(r)
  return setmetatable({
    level = enum_name(core.HP_ENUM_TRIAGE, r.level),
    rule = r.rule,
    condition = r.condition,
    findings = words(r.findings),
    text = r.text,
    sources = words(r.sources),
  }, reason_mt)
end

function result_lazy.triage(self)
  local h = self[HANDLE]
  local reasons = {}
  for i = 0, core.hp_assessment_reason_count(h) - 1 do
    local r = core.hpx_assessment_reason(h, i, err)
    if err.code ~= 0 then raise() end
    reasons[i + 1] = reason_record(r)
  end
  return { level = enum_name(core.HP_ENUM_TRIAGE, core.hp_assessment_triage(h)),
           reasons = reasons }
end

-- The serious conditions not to miss, the most urgent first: { id, name, rank (its
-- position in result.causes, from 1), probability, level, reasons }.
function result_lazy.dont_miss(self)
  local h, oh = self[HANDLE], self.ontology[HANDLE]
  local list = {}
  for i = 0, core.hp_assessment_dont_miss_count(h) - 1 do
    local d = core.hpx_assessment_dont_miss(h, i, err)
    if err.code ~= 0 then raise() end
    local reasons = {}
    for j = 0, d.n_reasons - 1 do
      local r = core.hpx_assessment_dont_miss_reason(h, i, j, err)
      if err.code ~= 0 then raise() end
      reasons[j + 1] = reason_record(r)
    end
    list[i + 1] = setmetatable({
      id = d.id,
      name = core.hp_ontology_text(oh, core.HP_ENTITY_CONDITION, d.condition,
                                   core.HP_TEXT_LABEL, nil),
      rank = d.rank + 1,
      probability = d.probability,
      level = enum_name(core.HP_ENUM_TRIAGE, d.level),
      reasons = reasons,
    }, dont_miss_mt)
  end
  return list
end

function result_lazy.causes(self)
  local h, oh = self[HANDLE], self.ontology[HANDLE]
  local causes = {}
  for i = 0, core.hp_assessment_cause_count(h) - 1 do
    local c = core.hpx_assessment_cause(h, i, err)
    if err.code ~= 0 then raise() end
    local evidence = {}
    for j = 0, c.n_evidence - 1 do
      local e = core.hpx_assessment_evidence(h, i, j, err)
      if err.code ~= 0 then raise() end
      evidence[j + 1] = setmetatable({
        finding = e.finding,
        answer = enum_name(core.HP_ENUM_ANSWER, e.answer),
        present = e.answer == core.HP_ANSWER_PRESENT,
        derived = e.derived ~= 0,
        weight = e.weight,
        strength = e.strength,
        sources = words(e.sources),
      }, evidence_mt)
    end
    -- presentation id -> its probability given this cause (the evidence is the most
    -- probable one's); empty for a condition without presentations
    local presentations = {}
    for k = 0, core.hp_condition_presentation_count(oh, c.condition) - 1 do
      local p = core.hpx_condition_presentation(oh, c.condition, k, err)
      if err.code ~= 0 then raise() end
      presentations[p.id] = core.hp_assessment_presentation_probability(h, c.condition, k)
    end
    causes[i + 1] = setmetatable({
      id = c.id,
      name = text(oh, core.HP_ENTITY_CONDITION, c.condition, core.HP_TEXT_LABEL, nil),
      probability = c.probability,
      prior = c.prior,
      score = c.score,
      suspected = c.suspected ~= 0,
      evidence = evidence,
      presentations = presentations,
    }, cause_mt)
  end
  return causes
end

function result_lazy.risk_factors(self)
  local h, oh = self[HANDLE], self.ontology[HANDLE]
  local risks = {}
  for i = 0, core.hp_assessment_risk_count(h) - 1 do
    local r = core.hpx_assessment_risk(h, i, err)
    if err.code ~= 0 then raise() end
    local fi = core.hp_ontology_index(oh, core.HP_ENTITY_FINDING, r.finding)
    risks[i + 1] = setmetatable({
      id = r.finding,
      name = text(oh, core.HP_ENTITY_FINDING, fi, core.HP_TEXT_LABEL, nil),
      rule = r.rule,
      metric = enum_name(core.HP_ENUM_METRIC, r.metric),
      value = r.value,
      op = enum_name(core.HP_ENUM_COMPARE, r.op),
      threshold = r.threshold,
      text = r.text,
      sources = words(r.sources),
    }, risk_mt)
  end
  return risks
end

function Result:__tostring()
  local h = self[HANDLE]
  local top = {}
  local n = core.hp_assessment_cause_count(h)
  for i = 0, (n < 3 and n or 3) - 1 do
    local c = core.hpx_assessment_cause(h, i, err)
    top[#top + 1] = format("%s %s", c.id, fmt_prob(c.probability))
  end
  core.hp_error_clear(err)
  return format("hippain.Result(%s; %s)",
                enum_name(core.HP_ENUM_TRIAGE, core.hp_assessment_triage(h)), concat(top, ", "))
end

--- The value of a runner metric ("weekly_increase_pct", "acute_chronic_ratio", "age", ...)
-- computed from the profile, or nil when the profile lacks what it needs.
function Result:metric(name)
  local v = core.hpx_enum_parse(core.HP_ENUM_METRIC, name, err)
  if err.code ~= 0 then
    core.hp_error_clear(err)
    error(format("hippain.metric: no metric named %s", tostring(name)), 2)
  end
  local x = core.hpx_assessment_metric(self[HANDLE], v, err)
  if err.code ~= 0 then core.hp_error_clear(err); return nil end
  return x
end

--- The assessment as JSON text; opts: pretty (boolean), lang (e.g. "de").
function Result:to_json(opts)
  opts = opts or {}
  local s = core.hpx_assessment_to_json(self[HANDLE], opts.lang,
                                        opts.pretty and core.HP_JSON_PRETTY or 0, err)
  if s == nil then raise("to_json failed") end
  return s
end

--- The profile as assessed (derived findings applied), as JSON text.
function Result:profile_json()
  local p = core.hpx_assessment_profile(self[HANDLE], err)
  if p == nil then raise("profile failed") end
  local s = core.hpx_profile_to_json(p, err)
  if s == nil then raise("profile failed") end
  return s
end

local PLAN_OPTIONS = { weeks = true, start = true, start_date = true, run_days = true,
                       target_weekly_km = true, lang = true,
                       contraindication_probability = true }

local function want_int(fn, k, v)
  if v == nil then return 0 end
  if type(v) ~= "number" or v ~= floor(v) then
    error(format("hippain.%s: %s must be a whole number, got %s", fn, k, tostring(v)), 4)
  end
  return v
end
local function want_num(fn, k, v)
  if v == nil then return 0 end
  if type(v) ~= "number" then
    error(format("hippain.%s: %s must be a number, got %s", fn, k, type(v)), 4)
  end
  return v
end
local function want_str(fn, k, v)
  if v == nil then return nil end
  if type(v) ~= "string" then
    error(format("hippain.%s: %s must be a string, got %s", fn, k, type(v)), 4)
  end
  return v
end

plan_args = function(fn, opts)
  if opts ~= nil and type(opts) ~= "table" then argerror(fn, "expected a table", opts, 4) end
  opts = opts or {}
  for k in pairs(opts) do
    if not PLAN_OPTIONS[k] then
      error(format("hippain.%s: unknown option %s", fn, tostring(k)), 3)
    end
  end
  return want_int(fn, "weeks", opts.weeks),
         want_str(fn, "start", opts.start or opts.start_date),
         want_int(fn, "run_days", opts.run_days),
         want_num(fn, "target_weekly_km", opts.target_weekly_km),
         want_str(fn, "lang", opts.lang),
         want_num(fn, "contraindication_probability", opts.contraindication_probability)
end

--- A plan from this assessment: result:plan{ weeks = 8, start = "2026-12-01", run_days = 3,
-- target_weekly_km = 30, lang = "en", contraindication_probability = 0.1 } (all optional).
function Result:plan(opts)
  local weeks, start, run_days, km, lang, cp = plan_args("plan", opts)
  local h = core.hpx_plan(self[HANDLE], weeks, start, run_days, km, lang, cp, err)
  if h == nil then raise("plan failed") end
  return Plan.new(self.ontology, h)
end

---------------------------------------------------------------------------------------------
-- Interview
---------------------------------------------------------------------------------------------
Interview = {}
Interview.__index = Interview
Interview.__name = "hippain.Interview"
M.Interview = Interview

function Interview.new(onto, handle)
  return track(setmetatable({ [HANDLE] = handle, ontology = onto }, Interview), "interview")
end

function Interview:__tostring()
  local h = self[HANDLE]
  return format("hippain.Interview(%d answered, %s)", core.hp_interview_answered(h),
                core.hp_interview_done(h) ~= 0 and "done"
                or "next: " .. tostring(core.hp_interview_question(h)))
end

--- The question to ask now: the finding id and the question's text, or nil when done.
function Interview:question(lang)
  local id = core.hp_interview_question(self[HANDLE])
  if id == nil then return nil end
  local oh = self.ontology[HANDLE]
  local i = core.hp_ontology_index(oh, core.HP_ENTITY_FINDING, id)
  return id, text(oh, core.HP_ENTITY_FINDING, i, core.HP_TEXT_QUESTION, lang)
end

local ANSWERS = { present = true, yes = true, absent = false, no = false }

--- Answer the current question: true (yes), false (no) or nil ("don't know"; the strings
-- "present"/"yes", "absent"/"no" and "unknown" are accepted too).
function Interview:answer(value)
  local a
  if value == true then a = core.HP_ANSWER_PRESENT
  elseif value == false then a = core.HP_ANSWER_ABSENT
  elseif value == nil or value == "unknown" then a = core.HP_ANSWER_UNKNOWN
  elseif type(value) == "string" and ANSWERS[value] ~= nil then
    a = ANSWERS[value] and core.HP_ANSWER_PRESENT or core.HP_ANSWER_ABSENT
  else
    argerror("answer", "expected true, false or nil", value)
  end
  if core.hp_interview_answer(self[HANDLE], a, err) ~= 0 then raise() end
  return self
end

--- Undo the last answer.
function Interview:back()
  if core.hp_interview_back(self[HANDLE], err) ~= 0 then raise() end
  return self
end

--- true when the interview should stop.
function Interview:done()
  return core.hp_interview_done(self[HANDLE]) ~= 0
end

--- The number of questions answered so far.
function Interview:answered()
  return core.hp_interview_answered(self[HANDLE])
end

--- The assessment of the answers so far (a new Result).
function Interview:assessment()
  local a = core.hpx_interview_assessment(self[HANDLE], err)
  if a == nil then raise("assessment failed") end
  return Result.new(self.ontology, a)
end

---------------------------------------------------------------------------------------------
-- Plan
---------------------------------------------------------------------------------------------
Plan = {}
M.Plan = Plan
Plan.__name = "hippain.Plan"
local plan_lazy = {}

function Plan.__index(self, k)
  local f = plan_lazy[k]
  if f then
    local v = f(self)
    rawset(self, k, v)
    return v
  end
  return Plan[k]
end

function Plan.new(onto, handle)
  local self = setmetatable({ [HANDLE] = handle, ontology = onto }, Plan)
  self.triage = enum_name(core.HP_ENUM_TRIAGE, core.hp_plan_triage(handle))
  return track(self, "plan")
end

local function nonzero(x)
  if x == 0 then return nil end
  return x
end

function plan_lazy.weeks(self)
  local h, oh = self[HANDLE], self.ontology[HANDLE]
  local weeks = {}
  for w = 0, core.hp_plan_week_count(h) - 1 do
    local wk = core.hpx_plan_week(h, w, err)
    if err.code ~= 0 then raise() end
    local days = {}
    for d = 0, wk.n_days - 1 do
      local day = core.hpx_plan_day(h, w, d, err)
      if err.code ~= 0 then raise() end
      local sessions = {}
      for s = 0, day.n_sessions - 1 do
        local se = core.hpx_plan_session(h, w, d, s, err)
        if err.code ~= 0 then raise() end
        local items = {}
        for i = 0, se.n_items - 1 do
          local it = core.hpx_plan_item(h, w, d, s, i, err)
          if err.code ~= 0 then raise() end
          local ei = core.hp_ontology_index(oh, core.HP_ENTITY_EXERCISE, it.id)
          items[i + 1] = setmetatable({
            id = it.id,
            name = text(oh, core.HP_ENTITY_EXERCISE, ei, core.HP_TEXT_LABEL, nil),
            sets = it.sets,
            reps = it.reps,
            hold_seconds = it.hold_seconds,
            minutes = it.minutes,
            effort = enum_name(core.HP_ENUM_EFFORT, it.effort),
            why = words(it.why),
            sources = words(it.sources),
          }, item_mt)
        end
        sessions[s + 1] = setmetatable({
          kind = enum_name(core.HP_ENUM_SESSION_KIND, se.kind),
          km = se.km,
          minutes = se.minutes,
          cadence_spm = nonzero(se.cadence_spm),
          walk_minutes = nonzero(se.walk_minutes),
          run_minutes = nonzero(se.run_minutes),
          repeats = nonzero(se.repeats),
          cue = se.cue,
          notes = se.notes,
          items = items,
        }, session_mt)
      end
      days[d + 1] = setmetatable({ date = format_date(day.date), day = day.date,
                                   sessions = sessions }, day_mt)
    end
    weeks[w + 1] = setmetatable({
      index = wk.index,
      phase = enum_name(core.HP_ENUM_PHASE, wk.phase),
      run_km = wk.run_km,
      walk_run_stage = wk.walk_run_stage,
      cadence_spm = wk.cadence_spm,
      days = days,
    }, week_mt)
  end
  return weeks
end

function plan_lazy.advice(self)
  local h, oh = self[HANDLE], self.ontology[HANDLE]
  local advice = {}
  for i = 0, core.hp_plan_advice_count(h) - 1 do
    local a = core.hpx_plan_advice(h, i, err)
    if err.code ~= 0 then raise() end
    local ai = core.hp_ontology_index(oh, core.HP_ENTITY_ADVICE, a.id)
    advice[i + 1] = setmetatable({
      id = a.id,
      name = text(oh, core.HP_ENTITY_ADVICE, ai, core.HP_TEXT_LABEL, nil),
      text = text(oh, core.HP_ENTITY_ADVICE, ai, core.HP_TEXT_TEXT, nil),
      why = words(a.why),
      sources = words(a.sources),
    }, advice_mt)
  end
  return advice
end

function Plan:__tostring()
  local h = self[HANDLE]
  local n = core.hp_plan_week_count(h)
  local first = ""
  if n > 0 then
    local day = core.hpx_plan_day(h, 0, 0, err)
    if err.code == 0 then first = " from " .. format_date(day.date) end
    core.hp_error_clear(err)
  end
  return format("hippain.Plan(%d weeks%s, triage %s)", n, first, self.triage)
end

--- The plan as JSON text; opts: pretty (boolean).
function Plan:to_json(opts)
  opts = opts or {}
  local s = core.hpx_plan_to_json(self[HANDLE], opts.pretty and core.HP_JSON_PRETTY or 0, err)
  if s == nil then raise("to_json failed") end
  return s
end

--- The plan as Markdown for a person to read.
--- "bone" when a bone stress injury is among the plan's likely causes (check-ins then move
-- on only pain-free), else "soft_tissue".
function Plan:pain_model()
  return core.hp_plan_pain_model(self[HANDLE]) == 1 and "bone" or "soft_tissue"
end

function Plan:to_markdown()
  local s = core.hpx_plan_to_markdown(self[HANDLE], err)
  if s == nil then raise("to_markdown failed") end
  return s
end

--- The plan as an RFC 5545 iCalendar (one event per session).
function Plan:to_ical()
  local s = core.hpx_plan_to_ical(self[HANDLE], err)
  if s == nil then raise("to_ical failed") end
  return s
end

---------------------------------------------------------------------------------------------
-- Text intake (issue 19)
---------------------------------------------------------------------------------------------
local SIDES = { [core.HP_SIDE_LEFT] = "left", [core.HP_SIDE_RIGHT] = "right",
                [core.HP_SIDE_BOTH] = "both" }
local SEXES = { [core.HP_SEX_FEMALE] = "female", [core.HP_SEX_MALE] = "male",
                [core.HP_SEX_OTHER] = "other" }

--- What a runner's description says: onto:parse_text(text [, lang]) (lang "en", "de",
-- "es", ...; nil detects it). Returns a table: findings (in text order: id, present,
-- offset (1-based byte), length (bytes), words, confidence, side = "left"/"right"/"both"
-- or nil), numbers (field, value, words), sex, languages (a list) and spec, a profile
-- table {findings = ..., runner = ...} for onto:assess(result.spec).
function Ontology:parse_text(text_, lang)
  if type(text_) ~= "string" then argerror("parse_text", "expected a string", text_) end
  if lang ~= nil and type(lang) ~= "string" then argerror("parse_text", "expected a language", lang) end
  local h = self[HANDLE]
  local r = core.hpx_text_parse(h, text_, lang or "", err)
  if r == nil then raise("parse_text failed") end
  local out = { findings = {}, numbers = {}, languages = {},
                spec = { findings = {}, runner = {} } }
  for i = 0, core.hp_text_result_finding_count(r) - 1 do
    local f = core.hpx_text_result_get_finding(r, i, err)
    if err.code ~= 0 then raise() end
    local id = core.hp_ontology_id(h, core.HP_ENTITY_FINDING, f.finding)
    local present = f.answer == core.HP_ANSWER_PRESENT
    out.findings[#out.findings + 1] = {
      id = id, present = present, offset = f.offset + 1, length = f.length,
      words = text_:sub(f.offset + 1, f.offset + f.length), confidence = f.confidence,
      side = SIDES[f.side] }
    out.spec.findings[id] = present
  end
  for i = 0, core.hp_text_result_number_count(r) - 1 do
    local n = core.hpx_text_result_get_number(r, i, err)
    if err.code ~= 0 then raise() end
    local field = core.hp_runner_field_name(n.field)
    out.numbers[#out.numbers + 1] = { field = field, value = n.value,
                                      words = text_:sub(n.offset + 1, n.offset + n.length) }
    out.spec.runner[field] = n.value
  end
  out.sex = SEXES[core.hp_text_result_sex(r)]
  out.spec.runner.sex = out.sex
  for l in core.hp_text_result_languages(r):gmatch("[^,]+") do out.languages[#out.languages + 1] = l end
  return out
end

-- Watch files (GPX 1.1, TCX) and check-ins
---------------------------------------------------------------------------------------------
local run_mt = record_mt("Run", function(r)
  return format("%s %.2f km%s", r.date, r.km, r.minutes and format(", %.1f min", r.minutes) or "")
end)
local checkin_mt = record_mt("Checkin", function(c)
  return format("week %d, %d/%d sessions", c.week, c.sessions_done, c.sessions_planned)
end)
local decision_mt = record_mt("Decision", function(d)
  return format("week %d: %s (%s)", d.week, d.action, d.reason)
end)

-- The run log of an hp_profile as a JSON array of run records, the shape of runner.runs.
local function run_records(p)
  local runs = json.array()
  for i = 0, core.hp_profile_run_count(p) - 1 do
    local r = core.hpx_profile_run(p, i, err)
    if err.code ~= 0 then raise() end
    local d = core.hpx_profile_run_details(p, i, err)
    if err.code ~= 0 then raise() end
    runs[i + 1] = setmetatable({
      date = format_date(r.date), km = r.km, minutes = nonzero(r.minutes),
      effort = nonzero(r.effort), cadence_spm = nonzero(d.cadence_spm),
      elevation_gain_m = nonzero(d.elevation_gain_m),
    }, run_mt)
  end
  return runs
end

local function import_runs(self, fn, call, ...)
  local p = core.hpx_profile_new(self[HANDLE], err)
  if p == nil then raise("profile failed") end
  local st = call(p, ...)
  if st ~= 0 then raise(fn .. " failed") end
  return run_records(p)
end

--- The runs of a GPX 1.1 or TCX watch file: a list of run tables { date = "YYYY-MM-DD",
-- km = ..., minutes, effort, cadence_spm, elevation_gain_m (nil when not known) }, ready
-- for runner.runs. A broken or hostile file raises "path:line: message".
function Ontology:read_runs(path)
  if type(path) ~= "string" then argerror("read_runs", "path must be a string", path) end
  return import_runs(self, "read_runs", function(p)
    return core.hp_profile_import_runs_file(p, path, err)
  end)
end

--- read_runs on the file's contents; name (default "runs") is used in errors.
function Ontology:read_runs_string(data, name)
  if type(data) ~= "string" then argerror("read_runs_string", "data must be a string", data) end
  if name ~= nil and type(name) ~= "string" then
    argerror("read_runs_string", "name must be a string", name)
  end
  return import_runs(self, "read_runs_string", function(p)
    return core.hp_profile_import_runs(p, data, name or "runs", err)
  end)
end

--- The run log of the profile as assessed (the same records as read_runs gives).
function result_lazy.runs(self)
  local p = core.hpx_assessment_profile(self[HANDLE], err)
  if p == nil then raise("profile failed") end
  return run_records(p)
end

local Checkins = {}
M.Checkins = Checkins
Checkins.__index = Checkins
Checkins.__name = "hippain.Checkins"

local function pain(v)
  if v ~= core.HP_PAIN_UNKNOWN then return v end
end

-- Check-ins given as a table: encoded as JSON, with empty new_findings lists as arrays.
local function checkins_json(t)
  local list = t.checkins
  if type(list) == "table" then
    local copy = {}
    for k, v in pairs(t) do copy[k] = v end
    copy.checkins = json.array()
    for i, c in ipairs(list) do
      if type(c) == "table" and type(c.new_findings) == "table" and next(c.new_findings) == nil
         and getmetatable(c.new_findings) == nil then
        local cc = {}
        for k, v in pairs(c) do cc[k] = v end
        cc.new_findings = json.array()
        c = cc
      end
      copy.checkins[i] = c
    end
    t = copy
  end
  local ok, text_or_err = pcall(json.encode, t)
  if not ok then error("checkins: " .. tostring(text_or_err), 0) end
  return text_or_err
end

--- Check-ins from JSON text ({"checkins": [...]}, see the README) or the same as a table:
-- a list of check-in records (week, sessions_planned, sessions_done, pain_during,
-- pain_after, pain_next_morning (nil when not given), new_findings) with :decide(i).
-- Errors name the key: "checkins: checkins[2].pain.next_morning: ...".
function Ontology:checkins(spec, name)
  local text_
  if type(spec) == "table" then
    text_ = checkins_json(spec)
  elseif type(spec) == "string" then
    text_ = spec
  else
    argerror("checkins", "expected check-ins as JSON text or a table {checkins = {...}}", spec)
  end
  if name ~= nil and type(name) ~= "string" then
    argerror("checkins", "name must be a string", name)
  end
  local h = core.hpx_checkins_from_json(self[HANDLE], text_, name or "checkins", err)
  if h == nil then raise("checkins failed") end
  local self_ = setmetatable({ [HANDLE] = h, ontology = self }, Checkins)
  for i = 0, core.hp_checkins_count(h) - 1 do
    local c = core.hpx_checkins_get(h, i, err)
    if err.code ~= 0 then raise() end
    local found = {}
    for j = 0, c.n_new_findings - 1 do found[j + 1] = core.hp_checkins_new_finding(h, i, j) end
    self_[i + 1] = setmetatable({
      week = c.week, sessions_planned = c.sessions_planned, sessions_done = c.sessions_done,
      pain_during = pain(c.pain_during), pain_after = pain(c.pain_after),
      pain_next_morning = pain(c.pain_next_morning), new_findings = found,
    }, checkin_mt)
  end
  return track(self_, "checkins")
end

local pain_models = { soft_tissue = 0, bone = 1 }

--- The pain-monitoring decision after check-in i (1-based): { week, action ("progress",
-- "hold", "step_back" or "reassess"), reason, sources }. model is "soft_tissue" (the
-- default: pain up to 5/10 acceptable if settled by the next morning) or "bone" (a return
-- from a bone stress injury moves on only pain-free); a plan's is plan:pain_model().
function Checkins:decide(i, model)
  if type(i) ~= "number" or i % 1 ~= 0 or i < 1 or i > #self then
    error(format("hippain.decide: no check-in %s (there are %d)", tostring(i), #self), 2)
  end
  local m = pain_models[model or "soft_tissue"]
  if m == nil then
    error(format("hippain.decide: model must be soft_tissue or bone, not %s", tostring(model)), 2)
  end
  local d = core.hpx_checkins_decide_model(self[HANDLE], i - 1, m, err)
  if err.code ~= 0 then raise() end
  return setmetatable({ week = self[i].week,
                        action = enum_name(core.HP_ENUM_CHECKIN_ACTION, d.action),
                        reason = d.reason, sources = words(d.sources) }, decision_mt)
end

--- The decisions after every check-in, in order.
function Checkins:decisions(model)
  local out = {}
  for i = 1, #self do out[i] = self:decide(i, model) end
  return out
end

--- The check-ins as JSON, in the form onto:checkins() reads.
function Checkins:to_json()
  local s = core.hpx_checkins_to_json(self[HANDLE], err)
  if s == nil then raise("to_json failed") end
  return s
end

function Checkins:__tostring()
  return format("hippain.Checkins(%d)", #self)
end

---------------------------------------------------------------------------------------------
-- Plans revised from their check-ins (hp_plan_revise)
---------------------------------------------------------------------------------------------
local Revision = {}
M.Revision = Revision
Revision.__index = Revision
Revision.__name = "hippain.Revision"
local revision_decision_mt = record_mt("RevisionDecision", function(d)
  return format("week %d: %s, triage %s, next %s", d.week, d.action, d.triage,
                d.next_week and format("week %d", d.next_week) or "none")
end)
local revision_week_mt = record_mt("RevisionWeek", function(w)
  return format("%s, %d run(s) shortened%s",
                w.from_week and format("week %d of the plan", w.from_week) or "rebuilt",
                w.runs_shortened, w.cadence_held and ", cadence held" or "")
end)
local REVISE_OPTIONS = { profile = true, run_days = true, target_weekly_km = true, lang = true,
                         contraindication_probability = true }

local function revise_number(k, v, whole)
  if v == nil then return 0 end
  if type(v) ~= "number" or (whole and v ~= floor(v)) then
    error(format("hippain.revise: %s must be a %s, got %s", k, whole and "whole number" or
                 "number", tostring(v)), 4)
  end
  return v
end

--- Revise the plan from its check-ins so far: plan:revise(checkins, { profile = ...,
-- run_days, target_weekly_km, lang, contraindication_probability }). checkins: the result
-- of onto:checkins, JSON text or a table { checkins = {...} }; profile: the profile the plan
-- was made for (a result, a profile table or JSON text; its run log is the runner's history)
-- or nil; the other options are those of a plan rebuilt after a raised triage. Returns a
-- revision: .plan (the weeks still to do), .decisions, .weeks, :to_json(), :to_markdown(),
-- :to_ical().
function Plan:revise(checkins, opts)
  if opts ~= nil and type(opts) ~= "table" then argerror("revise", "expected a table", opts) end
  opts = opts or {}
  for k in pairs(opts) do
    if not REVISE_OPTIONS[k] then
      error(format("hippain.revise: unknown option %s", tostring(k)), 2)
    end
  end
  local onto = self.ontology
  local cs = checkins
  if getmetatable(cs) ~= Checkins then
    if type(cs) ~= "string" and type(cs) ~= "table" then
      argerror("revise", "expected check-ins (onto:checkins, JSON text or a table)", cs)
    end
    cs = onto:checkins(cs)
  end
  local prof, spec = nil, opts.profile
  if getmetatable(spec) == Result then
    prof = core.hpx_assessment_profile(spec[HANDLE], err)
    if prof == nil then raise("profile failed") end
  elseif spec ~= nil then
    prof = make_profile(onto, "revise", spec, "profile")
  end
  if opts.lang ~= nil and type(opts.lang) ~= "string" then
    argerror("revise", "lang must be a string", opts.lang)
  end
  local h = core.hpx_plan_revise(self[HANDLE], prof, cs[HANDLE],
                                 revise_number("run_days", opts.run_days, true),
                                 revise_number("target_weekly_km", opts.target_weekly_km),
                                 opts.lang, revise_number("contraindication_probability",
                                                          opts.contraindication_probability),
                                 err)
  if h == nil then raise("revise failed") end
  local rev = setmetatable({ [HANDLE] = h, ontology = onto }, Revision)
  -- a reference of its own (hp_plan_ref): the plan outlives the revision
  local plan = Plan.new(onto, core.hpx_revision_plan(h))
  rev.plan = plan
  local decisions = {}
  for i = 0, core.hp_revision_decision_count(h) - 1 do
    local d = core.hpx_revision_get(h, i, err)
    if err.code ~= 0 then raise() end
    decisions[i + 1] = setmetatable({
      week = d.week, action = enum_name(core.HP_ENUM_CHECKIN_ACTION, d.action),
      triage = enum_name(core.HP_ENUM_TRIAGE, d.triage), next_week = nonzero(d.next_week),
      replanned = d.replanned ~= 0, reason = d.reason, sources = words(d.sources),
    }, revision_decision_mt)
  end
  rev.decisions = decisions
  local weeks = {}
  for k = 0, core.hp_plan_week_count(plan[HANDLE]) - 1 do
    local w = core.hpx_revision_week_info(h, k, err)
    if err.code ~= 0 then raise() end
    weeks[k + 1] = setmetatable({ from_week = nonzero(w.from_week),
                                  runs_shortened = w.runs_shortened,
                                  cadence_held = w.cadence_held ~= 0 }, revision_week_mt)
  end
  rev.weeks = weeks
  return track(rev, "revision")
end

--- The revision as JSON: {"decisions": [...], "weeks": [...], "plan": {...}}.
function Revision:to_json()
  local s = core.hpx_revision_to_json(self[HANDLE], err)
  if s == nil then raise("to_json failed") end
  return s
end

--- What changed and why, then the revised plan, as Markdown.
function Revision:to_markdown()
  local s = core.hpx_revision_to_markdown(self[HANDLE], err)
  if s == nil then raise("to_markdown failed") end
  return s
end

--- The revised plan as iCalendar (each week's first event says why).
function Revision:to_ical()
  local s = core.hpx_revision_to_ical(self[HANDLE], err)
  if s == nil then raise("to_ical failed") end
  return s
end

function Revision:__tostring()
  local last = self.decisions[#self.decisions]
  return format("hippain.Revision(%d check-ins, last %s, %d weeks left)", #self.decisions,
                last and last.action or "none", #self.weeks)
end

return M
