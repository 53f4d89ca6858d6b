# SPDX-License-Identifier: MIT
# Fails when docs/PARAMETERS.md differs from `circlesim params --format markdown`.
execute_process(COMMAND ${CLI} params --format markdown OUTPUT_VARIABLE generated
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "circlesim params failed (${rc})")
endif()
file(READ ${DOC} current)
if(NOT generated STREQUAL current)
  message(FATAL_ERROR "docs/PARAMETERS.md is stale: run `cmake --build BUILD --target docs`")
endif()
