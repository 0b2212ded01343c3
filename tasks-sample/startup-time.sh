#!/usr/bin/env bash
# Start-up time of the command line: `gpjobs tasks` and `gpjobs --help` (and `gpjobs jobs`, which opens a jobs
# directory), each run N times (default 10) through the launcher script with and without the class-data-sharing
# archive; prints the median wall time and the median CPU time (user + sys) in milliseconds.
# Build first, from the repository root: mvn -q -B package -DskipTests -pl tasks-sample -am
# Usage: tasks-sample/startup-time.sh [runs]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
runs=${1:-10}
jobs=$(mktemp -d)
trap 'rm -rf "$jobs"' EXIT
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
measure() { # label, then the command
  local label=$1; shift
  local samples=()
  local TIMEFORMAT='%3R %3U %3S'
  for ((i = 0; i < runs; i++)); do
    samples+=("$( { time "$@" >/dev/null 2>&1; } 2>&1 )")
  done
  local wall cpu
  wall=$(printf '%s\n' "${samples[@]}" | awk '{print int($1 * 1000)}' | median)
  cpu=$(printf '%s\n' "${samples[@]}" | awk '{print int(($2 + $3) * 1000)}' | median)
  printf '%-28s wall %6s ms   cpu %6s ms   (median of %s)\n' "$label" "$wall" "$cpu" "$runs"
}
echo "$(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
for cmd in tasks --help jobs; do
  GPJOBS_CDS=off measure "gpjobs $cmd, no archive" "$here/gpjobs" --jobs-dir "$jobs" "$cmd"
  measure "gpjobs $cmd, CDS archive" "$here/gpjobs" --jobs-dir "$jobs" "$cmd"
done
