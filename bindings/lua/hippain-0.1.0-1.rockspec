-- The Lua binding of libhippain. From this directory (bindings/lua):
--
--   luarocks --lua-version 5.4 make --local      (or 5.1; LuaJIT: a luarocks set up for it)
--
-- The build type is cmake: CMakeLists.txt here, run as a top-level project, uses an
-- installed libhippain (find_package(hippain)) when there is one, otherwise builds the
-- library of this source tree (../..) statically into the module, so the rock needs no
-- libhippain.so. Needs SWIG >= 4.0, CMake >= 3.25, libxml2 and jansson (with headers).
rockspec_format = "3.0"
package = "hippain"
version = "0.1.0-1"
source = {
  url = "git+file:///work/main", -- the rock is built from a checkout with `luarocks make`
  dir = "main/bindings/lua",
}
description = {
  summary = "Why runners' hips hurt and what to do about it (libhippain for Lua)",
  detailed = [[
    Assess a runner's hip pain from findings and training numbers (red-flag triage,
    causes ranked by probability with their evidence, training-load risks, the most
    useful next question), run a question-by-question interview, and make a phased
    prevention and rehabilitation plan exported as JSON, Markdown or iCalendar.
    Lua 5.1, 5.4 and LuaJIT.
  ]],
  labels = { "health", "running", "swig" },
}
dependencies = { "lua >= 5.1, < 5.5" }
build = {
  type = "cmake",
  variables = {
    CMAKE_BUILD_TYPE = "Release",
    CMAKE_INSTALL_PREFIX = "$(PREFIX)",
    HP_LUA_EXECUTABLE = "$(LUA)",
    HP_LUA_INCLUDE_DIR = "$(LUA_INCDIR)",
    HP_LUA_CMOD_DIR = "$(LIBDIR)",
    HP_LUA_LMOD_DIR = "$(LUADIR)",
  },
}
