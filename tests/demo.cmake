# The main job end to end: scripts/demo.sh on samples/ into a temporary
# directory, checking each built stage's outputs (tests/e2e/demo.sh).
add_test(NAME e2e.demo COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/e2e/demo.sh)
set_tests_properties(e2e.demo PROPERTIES ENVIRONMENT "${HABAR_TEST_ENV}"
  SKIP_RETURN_CODE 77 TIMEOUT 600)
