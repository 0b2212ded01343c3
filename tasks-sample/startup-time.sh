#!/bin/sh
# Measures the wall time of `gpjobs tasks` and `gpjobs --help` (median of N runs, default 10) through the launcher
# script, with and without the class-data-sharing archive. Build first: mvn -q -B package -DskipTests -pl tasks-sample -am
# Usage: tasks-sample/startup-time.sh [runs]
here=$(cd "$(dirname "$0")" && pwd)
runs=${1:-10}
jobs=$(mktemp -d)
trap 'rm -rf "$jobs"' EXIT
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
measure() { # label, then the command
  label=$1; shift
  m=$(i=0; while [ "$i" -lt "$runs" ]; do
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1
    end=$(date +%s%N)
    echo $(( (end - start) / 1000000 ))
    i=$((i + 1))
  done | median)
  printf '%-36s median %s ms over %s runs\n' "$label" "$m" "$runs"
}
for cmd in tasks --help; do
  GPJOBS_CDS=off measure "gpjobs $cmd (no CDS archive)" "$here/gpjobs" --jobs-dir "$jobs" $cmd
  measure "gpjobs $cmd (launcher default)" "$here/gpjobs" --jobs-dir "$jobs" $cmd
done
