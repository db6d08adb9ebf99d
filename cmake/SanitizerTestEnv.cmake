# hp_sanitizer_test_env(VAR): with HP_SANITIZE, append to the list VAR the environment that
# the bindings' tests need. The interpreters (Python, Lua) are not instrumented: the ASan
# runtime must be preloaded before them, and their own allocations at exit are not leaks
# worth reporting (the C tests check leaks; the binding tests count live objects).
function(hp_sanitizer_test_env var)
  if(HP_SANITIZE)
    execute_process(COMMAND ${CMAKE_C_COMPILER} -print-file-name=libasan.so
                    OUTPUT_VARIABLE libasan OUTPUT_STRIP_TRAILING_WHITESPACE)
    set(${var} ${${var}} "LD_PRELOAD=${libasan}" "ASAN_OPTIONS=detect_leaks=0" PARENT_SCOPE)
  endif()
endfunction()
