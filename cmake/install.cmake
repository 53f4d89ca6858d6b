# SPDX-License-Identifier: MIT
# What `cmake --install` puts under the prefix: the libraries and public
# headers, pkg-config and CMake package files, the shipped scenarios, the
# docs and the licence. The programs install themselves (apps/), as do the
# man pages and completions where they are made.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(CS_LIB_TARGETS circlesim_engine)
if(TARGET circlesim_shared)
  list(APPEND CS_LIB_TARGETS circlesim_shared)
endif()
install(TARGETS ${CS_LIB_TARGETS} EXPORT circlesimTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY include/circlesim DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
  FILES_MATCHING PATTERN "*.h")
install(EXPORT circlesimTargets NAMESPACE circlesim::
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/circlesim)
configure_package_config_file(cmake/circlesimConfig.cmake.in
  ${CMAKE_BINARY_DIR}/circlesimConfig.cmake
  INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/circlesim)
# Versions agree within a major version (the soname's number).
write_basic_package_version_file(${CMAKE_BINARY_DIR}/circlesimConfigVersion.cmake
  COMPATIBILITY SameMajorVersion)
install(FILES ${CMAKE_BINARY_DIR}/circlesimConfig.cmake
  ${CMAKE_BINARY_DIR}/circlesimConfigVersion.cmake
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/circlesim)

# pkg-config: the file finds the prefix from where it lies, so that
# `cmake --install --prefix DIR` (which may differ from the configured
# prefix) and a moved tree both work.
# A libdir given as an absolute path says where the files go for good:
# the prefix is then written as configured.
if(IS_ABSOLUTE "${CMAKE_INSTALL_LIBDIR}")
  set(CS_PC_PREFIX "${CMAKE_INSTALL_PREFIX}")
else()
  file(RELATIVE_PATH CS_PC_UP "/p/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/p")
  string(REGEX REPLACE "/$" "" CS_PC_UP "${CS_PC_UP}")
  set(CS_PC_PREFIX "\${pcfiledir}/${CS_PC_UP}")
endif()
foreach(dir LIBDIR INCLUDEDIR)
  if(IS_ABSOLUTE "${CMAKE_INSTALL_${dir}}")
    set(CS_PC_${dir} "${CMAKE_INSTALL_${dir}}")
  else()
    set(CS_PC_${dir} "\${prefix}/${CMAKE_INSTALL_${dir}}")
  endif()
endforeach()
configure_file(cmake/circlesim.pc.in ${CMAKE_BINARY_DIR}/circlesim.pc @ONLY)
install(FILES ${CMAKE_BINARY_DIR}/circlesim.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)

# The shipped scenarios (lessons, what-if pairs, the validation suite) and
# what a reader needs beside the man pages.
install(DIRECTORY scenarios/ DESTINATION ${CMAKE_INSTALL_DATADIR}/circlesim/scenarios)
install(FILES README.md LICENSE DESTINATION ${CMAKE_INSTALL_DOCDIR})
# summary.json's JSON Schema, where programs that read run folders find it
# (tests/summary_schema.py checks it against every model's summary).
install(FILES docs/summary.schema.json DESTINATION ${CMAKE_INSTALL_DATADIR}/circlesim)
install(DIRECTORY docs/ DESTINATION ${CMAKE_INSTALL_DOCDIR})
