#!/usr/bin/env bash
# A/B of the agent's hot path on a file system of your choice (a tmpfs: ext4 churn is too noisy):
# N alternating runs of HotPathLoop bare, with agent A and with agent B; prints the medians of the
# wall time per create+delete pair (per thread, like JMH) and of the host threads' CPU time per pair.
#
#   src/bench/hotpath-ab.sh JAVA DIR AGENT_A AGENT_B [THREADS] [N] [OPS]
#   e.g. mount -t tmpfs -o size=1g hot /mnt/hot
#        src/bench/hotpath-ab.sh java /mnt/hot old/tempguard-agent.jar agent/target/tempguard-agent.jar 2 5
# Needs src/bench/target/tempguard-bench.jar (mvn -B package -DskipTests).
set -euo pipefail
java=$1; dir=$2; a=$3; b=$4; threads=${5:-1}; n=${6:-5}; ops=${7:-30000}
source "$(dirname "$0")/bench-lib.sh"
bench=$bench_jar
need_jars hotpath-ab "$bench"
declare -a wb=() wa=() wbb=() cb=() ca=() cbb=()
run() { "$java" "$@" -cp "$bench" io.tempguard.bench.HotPathLoop "$dir" "$ops" "$threads"; }
for _ in $(seq "$n"); do
  read -r w c < <(run); wb+=("$w"); cb+=("$c")
  read -r w c < <(run "-Djava.io.tmpdir=$dir" "-javaagent:$a"); wa+=("$w"); ca+=("$c")
  read -r w c < <(run "-Djava.io.tmpdir=$dir" "-javaagent:$b"); wbb+=("$w"); cbb+=("$c")
done
echo "$java dir=$dir threads=$threads runs=$n ops=$ops (µs per create+delete pair)"
echo "wall: bare $(median "${wb[@]}") | A $(median "${wa[@]}") | B $(median "${wbb[@]}")"
echo "CPU:  bare $(median "${cb[@]}") | A $(median "${ca[@]}") | B $(median "${cbb[@]}")"
