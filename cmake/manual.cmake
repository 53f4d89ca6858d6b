# SPDX-License-Identifier: MIT
# cmake -DPROGRAM=EXE -DNAME=circlesim -DMAN_DIR=DIR [-DCOMMANDS=run,resume,...]
#       [-DCOMPLETION_DIR=DIR] -P manual.cmake
# Writes NAME.1 (and NAME-COMMAND.1 for each command) with `EXE --man
# [COMMAND]`, and the bash completion NAME with `EXE --completion bash`: the
# program's own tables are the only source. The build lists the pages in
# advance (to install them by name), so the list given must be the program's
# commands: a command added to the program and not to apps/CMakeLists.txt
# stops the build here rather than go without a page.
foreach(v PROGRAM NAME MAN_DIR)
  if(NOT ${v})
    message(FATAL_ERROR "manual.cmake: ${v} not given")
  endif()
endforeach()
string(REPLACE "," ";" commands "${COMMANDS}")

function(cs_write out)
  execute_process(COMMAND ${PROGRAM} ${ARGN} OUTPUT_FILE ${out}.tmp
    RESULT_VARIABLE rc ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    file(REMOVE ${out}.tmp)
    string(REPLACE ";" " " args "${ARGN}")
    message(FATAL_ERROR "${NAME} ${args} failed (${rc}): ${err}")
  endif()
  file(RENAME ${out}.tmp ${out})
endfunction()

if(commands)
  execute_process(COMMAND ${PROGRAM} --help OUTPUT_VARIABLE help RESULT_VARIABLE rc)
  string(REGEX MATCHALL "\n  [a-z]+ " lines "${help}")
  set(listed "")
  foreach(l ${lines})
    string(STRIP "${l}" l)
    list(APPEND listed ${l})
  endforeach()
  if(NOT rc EQUAL 0 OR NOT "${listed}" STREQUAL "${commands}")
    message(FATAL_ERROR "${NAME}'s commands are '${listed}' but apps/CMakeLists.txt "
      "(CS_MAN_COMMANDS) lists '${commands}': make them the same")
  endif()
endif()

file(MAKE_DIRECTORY ${MAN_DIR})
cs_write(${MAN_DIR}/${NAME}.1 --man)
foreach(c ${commands})
  cs_write(${MAN_DIR}/${NAME}-${c}.1 --man ${c})
endforeach()
if(COMPLETION_DIR)
  file(MAKE_DIRECTORY ${COMPLETION_DIR})
  cs_write(${COMPLETION_DIR}/${NAME} --completion bash)
endif()
