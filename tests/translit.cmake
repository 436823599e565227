# habar-translit: the round-trip rate on the Kazakh corpus (skipped when
# the shared corpus is absent).
add_test(NAME e2e.translit-roundtrip
  COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/e2e/translit-roundtrip.sh)
set_tests_properties(e2e.translit-roundtrip PROPERTIES
  ENVIRONMENT "${HABAR_TEST_ENV}" SKIP_RETURN_CODE 77 TIMEOUT 300)
