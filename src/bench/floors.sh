#!/usr/bin/env bash
# The floors under the cost targets still missed (README, "The floors under those misses"): what the
# JDK, the kernel or the safety rules cost before any of tempguard's own work, each beside its
# baseline in the same run.
#   1. Start-up: an agent whose premain does nothing, beside tempguard's (startup-ab.sh, N runs).
#   2. Flat cleanup and sweep: floors/unlink-floor.c unlinking 100,000 files as rm does, and with the
#      lstat per file the identity rule needs on one and on two threads, against rm -rf of an
#      identical tree (3 alternations).
#   3. Capture: io.tempguard.bench.CaptureStatFloor, the one stat before an open that may create.
#
#   src/bench/floors.sh DIR [JAVA] [N]
#   e.g. mount -t tmpfs -o size=1g floors /mnt/floors && src/bench/floors.sh /mnt/floors java 15
# DIR: an empty scratch directory on the file system to measure (CostTable's deletion rows use a
# tmpfs). Needs src/bench/target/tempguard-bench.jar and agent/target/tempguard-agent.jar
# (mvn -B package -DskipTests), the JDK's javac and jar, and a C compiler for step 2 (skipped without).
set -euo pipefail
dir=$1; java=${2:-java}; n=${3:-15}
source "$(dirname "$0")/bench-lib.sh"
here=$bench_dir; bench=$bench_jar; agent=$agent_jar
need_jars floors "$bench" "$agent"
[ -d "$dir" ] || { echo "floors: $dir is not a directory" >&2; exit 2; }
jdk_bin=$(dirname "$(readlink -f "$(command -v "$java")")")
scratch=$(mktemp -d)
trap 'rm -rf "$scratch" "$dir/floor-tree"' EXIT
echo "file system of $dir: $(stat -f -c %T "$dir"); $("$java" -version 2>&1 | head -1); $(nproc) cores"

echo "== 1. start-up: an empty agent (A) beside tempguard (B)"
mkdir -p "$scratch/empty/classes"
printf 'public class EmptyAgent { public static void premain(String a, java.lang.instrument.Instrumentation i) {} }\n' \
  > "$scratch/empty/EmptyAgent.java"
printf 'Premain-Class: EmptyAgent\n' > "$scratch/empty/manifest.txt"
"$jdk_bin/javac" --release 11 -d "$scratch/empty/classes" "$scratch/empty/EmptyAgent.java"
"$jdk_bin/jar" cfm "$scratch/empty-agent.jar" "$scratch/empty/manifest.txt" -C "$scratch/empty/classes" .
bash "$here/startup-ab.sh" "$java" "$scratch/empty-agent.jar" "$agent" '' "$n"

echo "== 2. deleting 100,000 files of one directory: unlink only, lstat + unlink (1 and 2 threads), rm -rf"
if command -v cc >/dev/null 2>&1; then
  cc -O2 -pthread -o "$scratch/unlink-floor" "$here/floors/unlink-floor.c"
  tree() { rm -rf "$dir/floor-tree"; mkdir "$dir/floor-tree"; (cd "$dir/floor-tree" && seq 0 99999 | sed 's/$/.tmp/' | xargs touch); }
  for _ in 1 2 3; do
    for run in "unlink 1" "lstat+unlink 1" "lstat+unlink 2"; do
      tree; read -r mode threads <<<"$run"; "$scratch/unlink-floor" "$dir/floor-tree" "$mode" "$threads"
    done
    tree; t0=$(date +%s%N); rm -rf "$dir/floor-tree"; echo "rm -rf: $(( ($(date +%s%N) - t0) / 1000000 )) ms"
  done
else
  echo "skipped: no C compiler (cc)"
fi

echo "== 3. capture: the stat before an open that may create"
"$java" -cp "$bench" io.tempguard.bench.CaptureStatFloor "$dir"
