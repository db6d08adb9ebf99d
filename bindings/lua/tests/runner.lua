--- A tiny test runner for plain Lua (5.1, 5.4, LuaJIT): T.test(name, fn) registers, T.run()
-- runs them all and prints "N passed, M failed" as its last line; any failure makes the
-- script exit with status 1. A script that ends normally lets the interpreter close its
-- state, which runs every pending finalizer (part of what the tests check).
local T = {}
local tests = {}
local format = string.format

T.sanitize = os.getenv("HIPPAIN_SANITIZE") == "1"
T.source_dir = os.getenv("HIPPAIN_SOURCE_DIR") or "../.."
T.lua = os.getenv("HIPPAIN_LUA") or "lua"

function T.test(name, fn) tests[#tests + 1] = { name = name, fn = fn } end

local function fail(msg, level) error(msg, (level or 1) + 1) end

local function show(v)
  if type(v) == "string" then return format("%q", v) end
  return tostring(v)
end

function T.eq(actual, expected, what)
  if actual ~= expected then
    fail(format("%sexpected %s, got %s", what and what .. ": " or "", show(expected),
                show(actual)), 2)
  end
end

function T.ok(cond, what)
  if not cond then fail("assertion failed" .. (what and ": " .. what or ""), 2) end
  return cond
end

function T.near(actual, expected, tol, what)
  if type(actual) ~= "number" or math.abs(actual - expected) > (tol or 1e-9) then
    fail(format("%sexpected %s +- %s, got %s", what and what .. ": " or "", show(expected),
                show(tol or 1e-9), show(actual)), 2)
  end
end

-- Call fn(...) and expect an error whose message contains `plain` (plain text, not a pattern).
-- Returns the message.
function T.raises(plain, fn, ...)
  local ok, err = pcall(fn, ...)
  if ok then fail(format("expected an error containing %s, got none", show(plain)), 2) end
  local msg = tostring(err)
  if plain and not msg:find(plain, 1, true) then
    fail(format("expected an error containing %s, got %s", show(plain), show(msg)), 2)
  end
  return msg
end

--- The whole of a file (binary).
function T.read(path)
  local f = assert(io.open(path, "rb"))
  local s = f:read("*a")
  f:close()
  return s
end

--- Collect until nothing more is freed: a wrapper's finalizer can free the last reference
-- to its parent's wrapper, which is then only finalized in a later cycle, and how many
-- cycles a chain takes varies between runs under LuaJIT (at least 4, at most 100).
function T.full_gc()
  local before
  for i = 1, 100 do
    collectgarbage("collect")
    local now = collectgarbage("count")
    if i >= 4 and now >= before then break end
    before = now
  end
end

-- Write text to a new temporary file; returns its path.
function T.tmpfile(text)
  local path = os.tmpname()
  local f = assert(io.open(path, "wb"))
  f:write(text)
  f:close()
  return path
end

-- Resident set size of this process in KiB (Linux), or nil.
function T.rss_kib()
  local f = io.open("/proc/self/statm", "r")
  if not f then return nil end
  local _, resident = f:read("*n", "*n")
  f:close()
  return resident and resident * 4 or nil
end

function T.run()
  local passed, failed = 0, 0
  for _, t in ipairs(tests) do
    local t0 = os.clock()
    local ok, err = xpcall(t.fn, debug.traceback)
    if ok then
      passed = passed + 1
      print(format("ok   %s (%.2f s)", t.name, os.clock() - t0))
    else
      failed = failed + 1
      print(format("FAIL %s\n%s", t.name, tostring(err)))
    end
  end
  print(format("%d passed, %d failed", passed, failed))
  if failed > 0 then os.exit(1) end
end

return T
