# habar-decode on the shared corpus (skipped, 77, without it):
#   decode.corpus.legacy    every file of corpus/legacy decodes to its UTF-8
#                           original byte for byte
#   decode.corpus.snippets  a small run of the snippet benchmark
#                           (tests/bench/decode.py, which prints the full
#                           figures beside uchardet and enca)
find_program(HABAR_PYTHON3 python3)
if(HABAR_PYTHON3)
  add_test(NAME decode.corpus.legacy
    COMMAND ${HABAR_PYTHON3} ${CMAKE_CURRENT_SOURCE_DIR}/bench/decode.py
            --legacy-only --big 0 --no-others --bin ${PROJECT_BINARY_DIR}/bin)
  add_test(NAME decode.corpus.snippets
    COMMAND ${HABAR_PYTHON3} ${CMAKE_CURRENT_SOURCE_DIR}/bench/decode.py
            --n 10 --big 0 --no-others --bin ${PROJECT_BINARY_DIR}/bin)
  set_tests_properties(decode.corpus.legacy decode.corpus.snippets PROPERTIES
    ENVIRONMENT "${HABAR_TEST_ENV}" SKIP_RETURN_CODE 77 TIMEOUT 600)
endif()
