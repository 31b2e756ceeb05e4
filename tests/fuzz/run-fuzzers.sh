#!/bin/sh
# Builds the libFuzzer targets (clang-14, ASan + UBSan) in build-fuzz/ and runs each for
# SECONDS (default 420), one after the other. Findings land in build-fuzz/tests/fuzz/artifacts/.
# Needs: apt-get install -y clang libclang-rt-14-dev. Usage: tests/fuzz/run-fuzzers.sh [SECONDS]
set -eu
seconds=${1:-420}
root=$(cd "$(dirname "$0")/../.." && pwd)
build="$root/build-fuzz"

cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_COMPILER=clang++-14 -DCREDITDESK_FUZZ=ON -DBUILD_TESTING=OFF \
    -DCMAKE_CXX_FLAGS="-fsanitize=address,undefined -fsanitize=fuzzer-no-link"
cmake --build "$build" --target fuzz_scenario fuzz_snapshot

cd "$build/tests/fuzz"
mkdir -p artifacts work/scenario work/snapshot
export ASAN_OPTIONS=detect_leaks=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
export LSAN_OPTIONS=suppressions=$PWD/lsan.supp

# -fork=1 -ignore_timeouts=1: a slow input (decades of daily refreshes) is kept as a
# timeout-* artifact and fuzzing goes on; a crash, leak or UB report stops the run.
for target in scenario snapshot; do
    ./fuzz_$target -fork=1 -ignore_timeouts=1 -max_total_time="$seconds" -timeout=5 \
        -rss_limit_mb=2048 -dict=$target.dict -artifact_prefix=artifacts/ \
        work/$target corpus/$target 2>&1 | tee fuzz_$target.log | grep -E '^#|ERROR|INFO: exiting'
done
ls -l artifacts
