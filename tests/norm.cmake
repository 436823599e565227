# habar-norm: parity with `uconv -x any-nfc` (ICU's own NFC tool) on text
# of our own that no rule touches, and on the shared corpus with every rule
# off (that part is skipped when the corpus is absent; the whole test
# skips, 77, without uconv).
add_test(NAME e2e.norm-parity
  COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/e2e/norm-parity.sh)
set_tests_properties(e2e.norm-parity PROPERTIES
  ENVIRONMENT "${HABAR_TEST_ENV}" SKIP_RETURN_CODE 77 TIMEOUT 300)
