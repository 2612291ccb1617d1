#!/usr/bin/env bash
# Issue 11's capture cost rows by thread CPU time: N alternating runs of io.tempguard.bench.CaptureCpuLoop
# without and with the agent (journal and JMX off, as in CaptureCost; ROOT its only root), so that
# drift on a noisy machine hits both alike. Prints each run and, per mode, the median of the
# per-pair ratios (agent / bare). CPU time, not wall time: ext4 with discard makes wall time of
# file creation vary by ±30% here; the thread's CPU time includes the kernel's work for its calls.
#
#   src/bench/capture-cpu-ab.sh ROOT OUTSIDE [N] [SECONDS] [JAVA]
#   e.g. src/bench/capture-cpu-ab.sh /tmp/cap-root /tmp/cap-outside 5 6     (ext4 /tmp here)
#   MODES="fos" src/bench/capture-cpu-ab.sh ...   measures only the modes named (default: nos mkdirs fos)
# ROOT and OUTSIDE must be directories on the file system to measure, OUTSIDE not inside ROOT.
# Needs agent/target/tempguard-agent.jar and src/bench/target/tempguard-bench.jar
# (mvn -B package -DskipTests -pl src/bench -am).
set -euo pipefail
root=$1; outside=$2; n=${3:-5}; seconds=${4:-6}; java=${5:-java}
source "$(dirname "$0")/bench-lib.sh"
bench=$bench_jar; agent=$agent_jar
need_jars capture-cpu-ab "$bench" "$agent"
for dir in "$root" "$outside"; do
  [ -d "$dir" ] || { echo "capture-cpu-ab: $dir is not a directory" >&2; exit 2; }
done
echo "file system of ROOT: $(stat -f -c %T "$root"), of OUTSIDE: $(stat -f -c %T "$outside"); $("$java" -version 2>&1 | head -1)"
opts="=jmx=false,sweepOnStart=false,journal=false,roots=$root"
us() { "$java" "$@" -cp "$bench" io.tempguard.bench.CaptureCpuLoop "$root" "$outside" "$mode" "$seconds" | awk '{print $2}'; }
for mode in ${MODES:-nos mkdirs fos}; do
  ratios=()
  for i in $(seq "$n"); do
    bare=$(us)
    with=$(us "-javaagent:$agent$opts")
    ratio=$(awk -v a="$with" -v b="$bare" 'BEGIN {printf "%.3f", a / b}')
    ratios+=("$ratio")
    echo "$mode run $i: bare $bare us, agent $with us, ratio $ratio"
  done
  echo "$mode: median ratio $(median "${ratios[@]}") over $n pairs"
done
