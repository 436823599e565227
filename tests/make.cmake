# habar and habar make end to end (tests/e2e/make.sh): folders of Word,
# OpenDocument and legacy text versions with a presentation into verified
# packs; dispatching to habar-* programs.
add_test(NAME e2e.make COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/e2e/make.sh)
set_tests_properties(e2e.make PROPERTIES ENVIRONMENT "${HABAR_TEST_ENV}"
  SKIP_RETURN_CODE 77 TIMEOUT 300)
