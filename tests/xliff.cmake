# habar-xliff on every sample release and fixture (tests/e2e/xliff.sh):
# extract then merge gives the release back byte for byte, in XLIFF 2.0
# and 1.2; every document is valid against the OASIS XLIFF 2.0 or 1.2
# schema read in place from the shared directory (skipped without it);
# Translate Toolkit and OmegaT (each skipped when absent) read the 1.2
# documents and their targets merge back; failing runs with -o write
# nothing; the round trip also holds on every text of the shared corpus.
foreach(mode roundtrip schema toolkit omegat atomic corpus)
  add_test(NAME e2e.xliff.${mode}
    COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/e2e/xliff.sh ${mode})
  set_tests_properties(e2e.xliff.${mode} PROPERTIES
    ENVIRONMENT "${HABAR_TEST_ENV}" SKIP_RETURN_CODE 77 TIMEOUT 300)
endforeach()
