# Bench-only programs (built, never run as benchmarks by ctest) and the
# corpus accuracy tests that reuse them.
#
# seg_eval_icu scores sentence segmentation against one-sentence-a-line
# text (see tests/bench/seg_eval_icu.c); tests/bench/seg.sh runs it for
# the figures and timings.  The tests below check the F1 on the shared
# corpus so that regressions show; they skip (77) without the corpus.
#
# The goal is 0.995.  Where the gold itself keeps it out of reach, the
# floor is the figure reached less a small margin, and says why:
#   ntrex ru, kk: the translations join two sentences on one gold line in
#     about 50 places each ("...решение. Напомним, что..."); every correct
#     boundary there counts as a false positive (see docs/habar-seg.md):
#     of the 50 (ru) and 61 (kk) gold lines habar splits, 47 and 58 are
#     the translation of a single English sentence habar leaves whole.
#   ud en, ru: web forums, e-mail and verse: sentences without final
#     punctuation or capitals, signatures, emoji lines.
add_executable(seg_eval_icu ${CMAKE_CURRENT_SOURCE_DIR}/bench/seg_eval_icu.c)
target_link_libraries(seg_eval_icu PRIVATE habar_static PkgConfig::ICU)

set(seg_corpus ${HABAR_SHARED_DIR}/corpus)
set(seg_ntrex_docs ${seg_corpus}/parallel-news/ntrex.document-ids.tsv)
# language, NTREX file, its floor, UD file, its floor
foreach(row "en;eng;0.995;en/ud-ewt.en.txt;0.986"
            "ru;rus;0.979;ru/ud-taiga.ru.txt;0.974"
            "kk;kaz;0.975;kk/ud-ktb.txt;0.995")
  list(GET row 0 lang)
  list(GET row 1 ntrex)
  list(GET row 2 ntrex_floor)
  list(GET row 3 ud)
  list(GET row 4 ud_floor)
  add_test(NAME seg.corpus.${lang}.ntrex
    COMMAND seg_eval_icu --lang ${lang} --min-f1 ${ntrex_floor}
            --docs ${seg_ntrex_docs} ${seg_corpus}/parallel-news/ntrex.${ntrex}.txt)
  add_test(NAME seg.corpus.${lang}.ud
    COMMAND seg_eval_icu --lang ${lang} --min-f1 ${ud_floor} ${seg_corpus}/${ud})
  set_tests_properties(seg.corpus.${lang}.ntrex seg.corpus.${lang}.ud
    PROPERTIES ENVIRONMENT "${HABAR_TEST_ENV}" SKIP_RETURN_CODE 77)
endforeach()

# Kazakh text the rules were not tuned on (KazNERD's test sentences).
add_test(NAME seg.corpus.kk.kaznerd
  COMMAND seg_eval_icu --lang kk --min-f1 0.995 ${seg_corpus}/kk/kaznerd-test.txt)
set_tests_properties(seg.corpus.kk.kaznerd
  PROPERTIES ENVIRONMENT "${HABAR_TEST_ENV}" SKIP_RETURN_CODE 77)
