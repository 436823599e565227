# Release front matter as pandoc and YAML-aware editors write it goes
# through every program (tests/e2e/front-matter.sh; skipped without pandoc).
add_test(NAME e2e.front-matter
  COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/e2e/front-matter.sh)
set_tests_properties(e2e.front-matter PROPERTIES
  ENVIRONMENT "${HABAR_TEST_ENV}" SKIP_RETURN_CODE 77 TIMEOUT 300)
