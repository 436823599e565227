# Hostile input and output targets for every program but habar-batch
# (tests/e2e/hostile.sh): -o over FIFOs, devices, links and private
# files, no temporary file left by a killed program, elements of 100,000
# attributes, messages, slide languages.  One test a section, so a
# failure names what broke.
foreach(section output tmpfile attributes messages samples slides)
  add_test(NAME e2e.hostile.${section}
    COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/e2e/hostile.sh ${section})
  set_tests_properties(e2e.hostile.${section} PROPERTIES
    ENVIRONMENT "${HABAR_TEST_ENV}" SKIP_RETURN_CODE 77 TIMEOUT 300)
endforeach()
