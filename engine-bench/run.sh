#!/usr/bin/env bash
# Runs the gpjobs benchmarks in one go and writes their results into BENCHMARKS.md.
#
#   bash engine-bench/run.sh            # everything, about 15 minutes on 2 cores
#   bash engine-bench/run.sh --quick    # short iterations, no large-store benchmark (a smoke run, a few minutes)
#   JMH_ARGS='-p system=memory' bash engine-bench/run.sh ThroughputBench   # one benchmark, extra JMH options
#
# Steps: builds engine-bench/target/benchmarks.jar (Maven profile 'bench', tests skipped); installs and starts
# Azurite through .ci/azurite.sh when it is not running yet (and stops it again at the end); runs JMH with one
# fork per benchmark; writes engine-bench/target/bench-results/{jmh.json,metrics.properties,machine.txt}; and
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
stop_azurite() {
  if [[ "$STARTED_AZURITE" == 1 ]]; then
    log "stopping Azurite"
    bash .ci/azurite.sh stop || true
  fi
}
trap stop_azurite EXIT
if [[ -f .ci/azurite.sh ]]; then
  if ! bash .ci/azurite.sh status >/dev/null 2>&1; then
    bash .ci/azurite.sh install
    bash .ci/azurite.sh start
    STARTED_AZURITE=1
  fi
  set -a; source .ci/.azurite.env; set +a
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
  EXCLUDE=(-e LargeStoreBench)
else
  ITER=(-f 1 -wi 2 -w 3s -i 3 -r 5s)
  EXCLUDE=()
fi
[[ ${#FILTER[@]} -eq 0 ]] && FILTER=(ThroughputBench LatencyBench StatusReadBench AzureRequestsBench LargeStoreBench)

log "running JMH: ${FILTER[*]}"
# shellcheck disable=SC2086
java -jar "$JAR" "${FILTER[@]}" "${ITER[@]}" "${EXCLUDE[@]}" ${JMH_ARGS:-} \
  -jvmArgsAppend "-Dbench.metrics=$OUT/metrics.properties" \
  -rf json -rff "$OUT/jmh.json" | tee "$OUT/jmh.log"

java -cp "$JAR" io.gpjobs.bench.Report "$OUT/jmh.json" "$OUT/metrics.properties" "$OUT/machine.txt" \
  "$ROOT/BENCHMARKS.md"
log "results written to BENCHMARKS.md and $OUT"
