# The man pages format without a warning (tests/e2e/man-pages.sh).
add_test(NAME e2e.man-pages
  COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/e2e/man-pages.sh)
set_tests_properties(e2e.man-pages PROPERTIES
  ENVIRONMENT "${HABAR_TEST_ENV}" SKIP_RETURN_CODE 77 TIMEOUT 60)
