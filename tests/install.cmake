# The installed tree: `cmake --install` into a temporary prefix, then every
# program runs from there and finds libhabar and its data there, and the
# headers, man pages, libraries and habar.pc are in place (tests/e2e/install.sh).
if(HABAR_SANITIZE)
  set(HABAR_INSTALL_TEST_CFLAGS "-fsanitize=address,undefined")
else()
  set(HABAR_INSTALL_TEST_CFLAGS "")
endif()
add_test(NAME e2e.install
  COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/e2e/install.sh ${PROJECT_BINARY_DIR}
          ${CMAKE_COMMAND} ${CMAKE_C_COMPILER} "${HABAR_INSTALL_TEST_CFLAGS}")
set_tests_properties(e2e.install PROPERTIES ENVIRONMENT "${HABAR_TEST_ENV}"
  TIMEOUT 300)
