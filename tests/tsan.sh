#!/bin/sh
# tsan.sh: the tests of the threaded code under ThreadSanitizer: the batch
# workers (habar-batch), the spell-checker pool (habar-spell) and the
# aligner's threads (habar-align).  Builds BUILD (default build-tsan) with
# clang and -DHABAR_SANITIZE=thread, then runs those tests; any data race
# or lock-order report stops the program (halt_on_error) and fails its
# test.  Run from the source tree; ./bootstrap test runs it too.
#
#   tests/tsan.sh [BUILD]
set -eu

build=${1:-build-tsan}
jobs=${JOBS:-$(nproc 2>/dev/null || echo 2)}
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DHABAR_SANITIZE=thread -DCMAKE_C_COMPILER=clang >/dev/null
cmake --build "$build" -j "$jobs"
cd "$build"
ctest --output-on-failure -j "$jobs" -R \
    '^(unit\.test_(batch|batch_input|spell|align)|cli\.habar-(batch|spell|align)\..*|e2e\.batch)$'
