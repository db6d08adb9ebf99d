/*
 * hippain_lua.i - the Lua module hippain_core (luaopen_hippain_core), used by hippain.lua.
 *
 * Everything language-neutral comes from ../hippain.i (objects owned by their proxies,
 * hpx_* helpers turning out-parameters into return values, the counting allocator); this
 * file only adds what Lua needs on top. Generate with
 *
 *   swig -lua -nomoduleglobal -no-old-metatable-bindings -I<include dirs> hippain_lua.i
 *
 * Every C object the library allocates lives in a SWIG userdata whose __gc frees it (the
 * library counts references, so they may be collected in any order). Userdata have __gc on
 * Lua 5.1 and LuaJIT too; the thin layer's tables never hold a C pointer of their own.
 */
%module hippain_core

/*
 * Whole numbers (counts, indices, ints of structs, enums, statuses) as Lua integers, so that
 * Lua 5.4 shows 3, not 3.0 (lua_pushinteger exists on 5.1 and LuaJIT too, where it pushes a
 * number). (size_t)-1 ("none") becomes -1.
 */
%typemap(out) int, short, long, long long, signed char, unsigned int, unsigned short,
              unsigned long, unsigned long long, unsigned char, size_t
  %{ lua_pushinteger(L, (lua_Integer)$1); SWIG_arg++; %}
%typemap(out) enum SWIGTYPE %{ lua_pushinteger(L, (lua_Integer)(int)$1); SWIG_arg++; %}

%include "../hippain.i"

%inline %{
/* The Lua version the module was compiled for: 501 (also LuaJIT), 502, 503 or 504. */
int hpx_lua_version_num(void) { return LUA_VERSION_NUM; }
%}
