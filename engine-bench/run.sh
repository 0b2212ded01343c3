#!/usr/bin/env bash
# Runs the gpjobs benchmarks in one go and writes their results into BENCHMARKS.md.
#
#   bash engine-bench/run.sh            # everything, about 30 minutes on 2 cores (half of it LargeStoreBench)
#   bash engine-bench/run.sh --quick    # short iterations, no large-store benchmark (a smoke run)
#   JMH_ARGS='-p system=memory' bash engine-bench/run.sh ThroughputBench   # chosen benchmarks, extra JMH options
#
# Steps: builds engine-bench/target/benchmarks.jar (Maven profile 'bench', tests skipped); installs and starts
# Azurite through .ci/azurite.sh when it is not running yet (and stops it again at the end); runs JMH with one
# fork per benchmark; writes engine-bench/target/bench-results/{jmh*.json,metrics.properties,machine.txt}; and
# replaces the results section of BENCHMARKS.md with the tables of this run (ratios against the baselines
# measured in the same run). Benchmarks never run in the normal build or test command.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
OUT="$ROOT/engine-bench/target/bench-results"
JAR="$ROOT/engine-bench/target/benchmarks.jar"

QUICK=0
if [[ "${1:-}" == "--quick" ]]; then QUICK=1; shift; fi
FILTER=("$@")

log() { echo "run.sh: $*" >&2; }

log "building $JAR"
mvn -q ${MVN_ARGS:-} -Pbench -DskipTests -pl engine-bench -am package

STARTED_AZURITE=0
stop_emulator() {
  if [[ "$STARTED_AZURITE" == 1 ]]; then
    log "stopping Azurite"
    bash .ci/azurite.sh stop || true
  fi
}
trap stop_emulator EXIT
if [[ -f .ci/azurite.sh ]]; then
  if ! bash .ci/azurite.sh status >/dev/null 2>&1; then
    bash .ci/azurite.sh install
    bash .ci/azurite.sh start
    STARTED_AZURITE=1
  fi
  # The value holds ';': read it from the file rather than sourcing it.
  GPJOBS_AZURITE_CONNECTION_STRING="$(sed -n 's/^GPJOBS_AZURITE_CONNECTION_STRING=//p' .ci/.azurite.env)"
  export GPJOBS_AZURITE_CONNECTION_STRING
else
  log "no .ci/azurite.sh: the Azure store benchmarks will report 'not measured'"
fi

rm -rf "$OUT" && mkdir -p "$OUT"
{
  echo "$(nproc) cores ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1))"
  echo "$(( $(sed -n 's/^MemTotal: *\([0-9]*\) kB/\1/p' /proc/meminfo) / 1024 / 1024 )) GiB RAM"
  java -version 2>&1 | head -2 | tr '\n' ' ' | sed 's/  */ /g'; echo
  echo "$(uname -s) $(uname -r)"
} >"$OUT/machine.txt"

if [[ "$QUICK" == 1 ]]; then
  ITER=(-f 1 -wi 1 -w 2s -i 2 -r 3s)
else
  ITER=(-f 1 -wi 2 -w 3s -i 3 -r 5s)
fi
MAIN=(ThroughputBench LatencyBench StatusReadBench HttpBench)
RUN_LARGE=$(( QUICK == 0 ))
if [[ ${#FILTER[@]} -gt 0 ]]; then
  MAIN=("${FILTER[@]}")
  RUN_LARGE=0
fi

log "running JMH: ${MAIN[*]}"
# shellcheck disable=SC2086
java -jar "$JAR" "${MAIN[@]}" -e LargeStoreBench "${ITER[@]}" ${JMH_ARGS:-} \
  -jvmArgsAppend "-Dbench.metrics=$OUT/metrics.properties" \
  -rf json -rff "$OUT/jmh.json" | tee "$OUT/jmh.log"

if [[ "$RUN_LARGE" == 1 ]]; then
  # Long (about 15 minutes): 1,000,000 jobs on the disk store and a janitor run over 100,000 expired ones.
  # Its iterations are fixed in the class; pass e.g. LARGE_ARGS='-p jobs=100000' for a smaller store.
  log "running JMH: LargeStoreBench"
  # shellcheck disable=SC2086
  java -jar "$JAR" LargeStoreBench ${LARGE_ARGS:-} \
    -jvmArgsAppend "-Dbench.metrics=$OUT/metrics.properties" \
    -rf json -rff "$OUT/jmh-large.json" | tee "$OUT/jmh-large.log"
fi

java -cp "$JAR" io.gpjobs.bench.Report "$OUT" "$ROOT/BENCHMARKS.md"
log "results written to BENCHMARKS.md and $OUT"
