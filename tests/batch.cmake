# habar-batch end to end (tests/e2e/batch.sh): the sample archive, runs
# that give the same bytes, a run killed with -9 and resumed, shards
# merged by habar-tmx, hostile member names and links, a zip bomb, a
# corrupt member.  The 1,000-release benchmark is tests/bench/batch.sh,
# not run here.
add_test(NAME e2e.batch COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/e2e/batch.sh)
set_tests_properties(e2e.batch PROPERTIES ENVIRONMENT "${HABAR_TEST_ENV}"
  SKIP_RETURN_CODE 77 TIMEOUT 600)

# The reproductions of habar-batch's hardening (tests/e2e/hostile-batch.sh):
# the lock, links planted inside OUTDIR, ...
add_test(NAME e2e.hostile-batch
  COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/e2e/hostile-batch.sh)
set_tests_properties(e2e.hostile-batch PROPERTIES
  ENVIRONMENT "${HABAR_TEST_ENV}" SKIP_RETURN_CODE 77 TIMEOUT 300)
