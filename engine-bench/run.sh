#!/usr/bin/env bash
# Runs the gpjobs benchmarks in one go and writes their results into BENCHMARKS.md.
#
#   bash engine-bench/run.sh            # everything, about 45 minutes on 2 cores (LargeStoreBench about half)
#   bash engine-bench/run.sh --quick    # short iterations, 1 fork, no large-store benchmark (a smoke run)
#   bash engine-bench/run.sh --soak     # everything, then the 10-minute heap soak of the memory store (+11 min)
#   JMH_ARGS='-p system=memory' bash engine-bench/run.sh ThroughputBench   # chosen benchmarks, extra JMH options
#   EXTRA_BENCH='ScaleOutBench' bash engine-bench/run.sh  # adds benchmark classes to the 3-fork group
#
# Steps: refuses to start while the 1-minute load average is above 1.5 (BENCH_ALLOW_LOAD=1 runs anyway, and the
# report then carries a warning); builds engine-bench/target/benchmarks.jar (Maven profile 'bench', tests skipped);
# installs and starts Azurite through .ci/azurite.sh when it is not running yet (and stops it again at the end); runs
# JMH: throughput benchmarks with 3 forks (the report prints the median over forks and their spread; DiskFloorBench
# with 5 and the longer warm-up its class sets), latency and status reads with one fork; writes
# engine-bench/target/bench-results/{jmh*.json,metrics.properties,machine.txt,load.txt}; and replaces the results
# section of BENCHMARKS.md with the tables of this run (ratios against the baselines measured in the same run).
# Benchmarks never run in the normal build or test command.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
OUT="$ROOT/engine-bench/target/bench-results"
JAR="$ROOT/engine-bench/target/benchmarks.jar"

QUICK=0
SOAK=0
while [[ "${1:-}" == --* ]]; do
  case "$1" in
    --quick) QUICK=1 ;;
    --soak) SOAK=1 ;;
    *) echo "run.sh: unknown option '$1' (expected --quick or --soak)" >&2; exit 2 ;;
  esac
  shift
done
FILTER=("$@")
MAX_LOAD=1.5

log() { echo "run.sh: $*" >&2; }
load1() { cut -d' ' -f1 /proc/loadavg; }
# Busy and total jiffies of the whole machine (cpu line of /proc/stat: user nice system idle iowait irq softirq steal).
cpu_jiffies() { awk '/^cpu /{print $2+$3+$4+$7+$8+$9, $2+$3+$4+$5+$6+$7+$8+$9}' /proc/stat; }
# CPU jiffies of this script's finished children (utime/stime of waited-for descendants: cutime + cstime).
own_jiffies() { awk '{print $16+$17}' "/proc/$$/stat"; }

LOAD_START="$(load1)"
if awk -v l="$LOAD_START" -v m="$MAX_LOAD" 'BEGIN{exit !(l > m)}'; then
  if [[ "${BENCH_ALLOW_LOAD:-0}" != 1 ]]; then
    log "load average $LOAD_START is above $MAX_LOAD: other work would skew the figures; not running"
    log "(BENCH_ALLOW_LOAD=1 runs anyway and marks the report as not quiet)"
    exit 3
  fi
  log "load average $LOAD_START is above $MAX_LOAD: running anyway, the report will say so"
fi

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

# Throughput benchmarks: 3 forks (the spread between forks is what says whether a figure holds); latency and status
# reads: 1 fork of sampled operations. A fork is one JVM: its warm-up iteration also pays the class loading.
# DiskFloorBench runs apart: 5 forks, with the iterations its class sets (a longer warm-up: see its javadoc).
if [[ "$QUICK" == 1 ]]; then
  FORKED=(-f 1 -wi 1 -w 2s -i 2 -r 2s)
  SAMPLED=(-f 1 -wi 1 -w 1s -i 2 -r 2s)
  FLOOR=(-f 1 -wi 1 -w 2s -i 2 -r 2s)
else
  FORKED=(-f 3 -wi 1 -w 3s -i 3 -r 3s)
  SAMPLED=(-f 1 -wi 1 -w 2s -i 3 -r 3s)
  FLOOR=(-f 5)
fi
# shellcheck disable=SC2206
FORKED_BENCH=(ThroughputBench HttpBench ScaleOutBench ${EXTRA_BENCH:-})
FLOOR_BENCH=(DiskFloorBench)
SAMPLED_BENCH=(LatencyBench StatusReadBench)
RUN_LARGE=$(( QUICK == 0 ))
if [[ ${#FILTER[@]} -gt 0 ]]; then
  FORKED_BENCH=()
  FLOOR_BENCH=()
  for b in "${FILTER[@]}"; do
    if [[ "$b" == DiskFloorBench ]]; then FLOOR_BENCH=(DiskFloorBench); else FORKED_BENCH+=("$b"); fi
  done
  SAMPLED_BENCH=()
  RUN_LARGE=0
fi

read -r BUSY0 TOTAL0 <<<"$(cpu_jiffies)"
OWN0="$(own_jiffies)"
T0=$(date +%s)

jmh() { # jmh <result name> <iteration options…> -- <benchmarks…>
  local name="$1"; shift
  local opts=()
  while [[ "$1" != "--" ]]; do opts+=("$1"); shift; done
  shift
  log "running JMH: $* (${opts[*]})"
  # -Djmh.ignoreLock: the lock only guards against two JMH hosts at once, which run.sh never starts.
  # shellcheck disable=SC2086
  java -Djmh.ignoreLock=true -jar "$JAR" "$@" -e LargeStoreBench -e HeapSoakBench "${opts[@]}" ${JMH_ARGS:-} \
    -jvmArgsAppend "-Dbench.metrics=$OUT/metrics.properties" \
    -rf json -rff "$OUT/$name.json" | tee "$OUT/$name.log"
}
if [[ ${#FORKED_BENCH[@]} -gt 0 ]]; then
  jmh jmh "${FORKED[@]}" -- "${FORKED_BENCH[@]}"
fi
if [[ ${#FLOOR_BENCH[@]} -gt 0 ]]; then
  jmh jmh-floor "${FLOOR[@]}" -- "${FLOOR_BENCH[@]}"
fi
if [[ ${#SAMPLED_BENCH[@]} -gt 0 ]]; then
  jmh jmh-sampled "${SAMPLED[@]}" -- "${SAMPLED_BENCH[@]}"
fi

if [[ "$RUN_LARGE" == 1 ]]; then
  # 1,000,000 jobs on the disk store and a janitor run over 100,000 expired ones. Its iterations are fixed in the
  # class; pass e.g. LARGE_ARGS='-p jobs=100000' for a smaller store. Filling the 1M-job store takes 15-25 minutes
  # and is not what is measured (the restart over it is): the filled store is kept in LARGE_STORE (default
  # engine-bench/target/large-store) and reused by the next run, which then takes a few minutes.
  LARGE_STORE="${LARGE_STORE:-$ROOT/engine-bench/target/large-store}"
  log "running JMH: LargeStoreBench (store kept in $LARGE_STORE)"
  # shellcheck disable=SC2086
  java -Djmh.ignoreLock=true -jar "$JAR" LargeStoreBench ${LARGE_ARGS:-} \
    -jvmArgsAppend "-Dbench.metrics=$OUT/metrics.properties -Dbench.largeStore=$LARGE_STORE" \
    -rf json -rff "$OUT/jmh-large.json" | tee "$OUT/jmh-large.log"
fi

if [[ "$SOAK" == 1 ]]; then
  # 10 minutes of memory-store batches, used heap after GC sampled every minute (first vs last in the report).
  log "running JMH: HeapSoakBench (10 minutes)"
  java -Djmh.ignoreLock=true -jar "$JAR" HeapSoakBench -jvmArgsAppend "-Dbench.metrics=$OUT/metrics.properties" \
    -rf json -rff "$OUT/jmh-soak.json" | tee "$OUT/jmh-soak.log"
fi

read -r BUSY1 TOTAL1 <<<"$(cpu_jiffies)"
OWN1="$(own_jiffies)"
T1=$(date +%s)
# Jiffies of the whole machine not spent by this run, over the elapsed time: the cores other processes used.
HZ="$(getconf CLK_TCK)"
{
  echo "loadStart=$LOAD_START"
  echo "loadEnd=$(load1)"
  awk -v b=$((BUSY1 - BUSY0)) -v o=$((OWN1 - OWN0)) -v t=$((T1 - T0)) -v hz="$HZ" \
    'BEGIN{ if (t > 0) { x = (b - o) / hz / t; if (x < 0) x = 0; printf "otherCores=%.2f\n", x } }'
  echo "seconds=$((T1 - T0))"
} >"$OUT/load.txt"
log "load: $(tr '\n' ' ' <"$OUT/load.txt")"

java -cp "$JAR" io.gpjobs.bench.Report "$OUT" "$ROOT/BENCHMARKS.md"
log "results written to BENCHMARKS.md and $OUT"
