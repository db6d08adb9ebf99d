# Writes HP_PC_OUT from HP_PC_IN (pkgconfig/hippain.pc.in) for the prefix in
# CMAKE_INSTALL_PREFIX. Included by the top-level CMakeLists.txt at configure time and by
# the install script at install time, where CMAKE_INSTALL_PREFIX is the prefix actually
# installed to (e.g. `cmake --install build --prefix /tmp/p`). The directories are made
# absolute the way GNUInstallDirs makes CMAKE_INSTALL_FULL_<dir>.
foreach(dir LIBDIR INCLUDEDIR PKGDATADIR)
  if(IS_ABSOLUTE "${HP_PC_${dir}}")
    set(HP_PC_FULL_${dir} "${HP_PC_${dir}}")
  else()
    set(HP_PC_FULL_${dir} "${CMAKE_INSTALL_PREFIX}/${HP_PC_${dir}}")
  endif()
endforeach()
set(HP_PC_PREFIX "${CMAKE_INSTALL_PREFIX}")
configure_file("${HP_PC_IN}" "${HP_PC_OUT}" @ONLY)
