# Bench-only programs (built, never run as benchmarks by ctest) and the
# corpus accuracy tests that reuse them.
#
# seg_eval_icu scores sentence segmentation against one-sentence-a-line
# text (see tests/bench/seg_eval_icu.c); tests/bench/seg.sh runs it for
# the figures and timings.  The tests below only check that the F1 on the
# shared corpus stays at or above 0.995; they skip (77) without the corpus.
add_executable(seg_eval_icu ${CMAKE_CURRENT_SOURCE_DIR}/bench/seg_eval_icu.c)
target_link_libraries(seg_eval_icu PRIVATE habar_static PkgConfig::ICU)

set(seg_corpus ${HABAR_SHARED_DIR}/corpus)
set(seg_ntrex_docs ${seg_corpus}/parallel-news/ntrex.document-ids.tsv)
foreach(pair "en;eng;en/ud-ewt.en.txt" "ru;rus;ru/ud-taiga.ru.txt"
             "kk;kaz;kk/ud-ktb.txt")
  list(GET pair 0 lang)
  list(GET pair 1 ntrex)
  list(GET pair 2 ud)
  add_test(NAME seg.corpus.${lang}.ntrex
    COMMAND seg_eval_icu --lang ${lang} --min-f1 0.995 --docs ${seg_ntrex_docs}
            ${seg_corpus}/parallel-news/ntrex.${ntrex}.txt)
  add_test(NAME seg.corpus.${lang}.ud
    COMMAND seg_eval_icu --lang ${lang} --min-f1 0.995 ${seg_corpus}/${ud})
  set_tests_properties(seg.corpus.${lang}.ntrex seg.corpus.${lang}.ud
    PROPERTIES ENVIRONMENT "${HABAR_TEST_ENV}" SKIP_RETURN_CODE 77)
endforeach()
