# habar-tmx end to end (tests/e2e/tmx.sh): the --pair output read by
# Translate Toolkit as English to Kazakh, habar-batch's memories obeying
# --min-confidence, and a 16 MB merge whose memory grows by less than an
# eighth of its input (not in sanitizer builds).  The 200 MB figure is tests/bench/tmx.sh, not run
# here.
if(HABAR_SANITIZE)
  set(tmx_sanitize ON)
else()
  set(tmx_sanitize OFF)
endif()
foreach(mode toolkit-pair confidence memory)
  add_test(NAME e2e.tmx.${mode}
    COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/e2e/tmx.sh ${mode})
  set_tests_properties(e2e.tmx.${mode} PROPERTIES
    ENVIRONMENT "${HABAR_TEST_ENV};HABAR_SANITIZE=${tmx_sanitize}"
    SKIP_RETURN_CODE 77 TIMEOUT 300)
endforeach()
