# The tours of README.md run as written (tests/e2e/readme-tours.sh).
add_test(NAME e2e.readme-tours
  COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/e2e/readme-tours.sh)
set_tests_properties(e2e.readme-tours PROPERTIES
  ENVIRONMENT "${HABAR_TEST_ENV}" TIMEOUT 120)
