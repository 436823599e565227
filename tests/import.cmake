# habar-import end to end (tests/e2e/import.sh): Word and OpenDocument
# files written at test time in Word's and LibreOffice's manner
# (tests/import/make-word.py), by pandoc and by LibreOffice where
# installed; damaged and hostile documents.
add_test(NAME e2e.import COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/e2e/import.sh)
set_tests_properties(e2e.import PROPERTIES ENVIRONMENT "${HABAR_TEST_ENV}"
  SKIP_RETURN_CODE 77 TIMEOUT 300)
