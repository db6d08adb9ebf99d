# cmake -DCMD=<program> -DARGS=<a;b> -DEXIT=<n> -DSTDERR=<regex> -P expect_exit.cmake:
# runs the program and fails unless it exits with status EXIT and its standard error
# matches STDERR (PASS_REGULAR_EXPRESSION alone would ignore the exit status).
execute_process(COMMAND ${CMD} ${ARGS} RESULT_VARIABLE rc OUTPUT_VARIABLE out
                ERROR_VARIABLE err)
if(NOT rc STREQUAL EXIT)
  message(FATAL_ERROR "${CMD} exited ${rc}, not ${EXIT}\n${out}${err}")
endif()
if(NOT err MATCHES "${STDERR}")
  message(FATAL_ERROR "standard error does not match '${STDERR}':\n${err}")
endif()
