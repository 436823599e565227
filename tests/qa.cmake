# habar-qa on the first 600 NTREX triples with errors injected
# (tests/bench/qa_bench.py --quick; the full bench with pofilter beside it
# is tests/bench/qa.sh).  The floors are the figures reached less a
# margin: on the quick set the lowest recall is the names class (0.81:
# swaps inside Kazakh case endings and vowel swaps in English names are
# not found), 35 clean units in 1,000 are flagged (most of them real
# differences between the NTREX translations: converted units, changed
# figures, an untranslated sentence).  Skips (77) without the corpus.
add_test(NAME qa.ntrex-quick
  COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/bench/qa.sh --quick
          --min-recall 0.75 --max-clean 45)
set_tests_properties(qa.ntrex-quick PROPERTIES
  ENVIRONMENT "${HABAR_TEST_ENV};HABAR_BIN=${PROJECT_BINARY_DIR}/bin;POFILTER_PYTHON=none"
  SKIP_RETURN_CODE 77 TIMEOUT 120)
