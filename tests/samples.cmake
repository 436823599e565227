# samples/ against the release format and scripts/make-samples.sh's promises
# (tests/e2e/samples.sh): pandoc reads every release as it is (skipped when
# pandoc is missing), names and fields agree, attachments and legacy copies
# are what they claim.
foreach(mode format files)
  add_test(NAME e2e.samples.${mode}
    COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/e2e/samples.sh ${mode})
  set_tests_properties(e2e.samples.${mode} PROPERTIES
    ENVIRONMENT "${HABAR_TEST_ENV}" SKIP_RETURN_CODE 77)
endforeach()
