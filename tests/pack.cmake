# Release packs end to end with the programs (tests/e2e/pack.sh): every
# format, reproducibility, unzip -t and bsdtar -t, verification and its
# findings, and the bad inputs that must leave no archive behind.  The
# pages of a pack are opened in headless Chromium (tests/e2e/pack-html.sh).
add_test(NAME e2e.pack COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/e2e/pack.sh)
add_test(NAME e2e.pack-html COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/e2e/pack-html.sh)
# Their structure without a browser, their labels and dates per language,
# and the marks of doubtful and unlinked sentences under --min-confidence
# (tests/e2e/pack-pages.sh, with pack-pages.py).
add_test(NAME e2e.pack-pages COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/e2e/pack-pages.sh)
set_tests_properties(e2e.pack e2e.pack-html e2e.pack-pages PROPERTIES
  ENVIRONMENT "${HABAR_TEST_ENV}" SKIP_RETURN_CODE 77 TIMEOUT 600)
# The Word version of each language in a pack (tests/e2e/docx.sh): read
# back by pandoc, LibreOffice where installed, and habar-import.
add_test(NAME e2e.docx COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/e2e/docx.sh)
set_tests_properties(e2e.docx PROPERTIES ENVIRONMENT "${HABAR_TEST_ENV}"
  SKIP_RETURN_CODE 77 TIMEOUT 300)
