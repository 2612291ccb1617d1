#!/usr/bin/env bash
# A/B start-up of two agent jars: N alternating runs of the bare JVM, agent A and agent B on the
# same hello world, so that drift on a noisy machine hits all three alike. Prints the medians of
# whole-process wall time (start to exit, the exit cleanup included).
#
#   src/bench/startup-ab.sh JAVA AGENT_A AGENT_B ['=options'] [N]
#   e.g. src/bench/startup-ab.sh /usr/lib/jvm/java-17-openjdk-amd64/bin/java old/tempguard-agent.jar \
#            agent/target/tempguard-agent.jar '' 41
# Needs src/bench/target/tempguard-bench.jar (mvn -B package -DskipTests).
set -euo pipefail
java=$1; a=$2; b=$3; opts=${4:-}; n=${5:-21}
bench="$(cd "$(dirname "$0")" && pwd)/target/tempguard-bench.jar"
[ -f "$bench" ] || { echo "startup-ab: $bench missing: run mvn -B package -DskipTests" >&2; exit 2; }
declare -a bare=() ra=() rb=()
ms() { local t0 t1; t0=$(date +%s%N); "$@" >/dev/null 2>&1; t1=$(date +%s%N); echo $(( (t1 - t0) / 1000000 )); }
for _ in $(seq "$n"); do
  bare+=("$(ms "$java" -cp "$bench" io.tempguard.bench.Hello)")
  ra+=("$(ms "$java" "-javaagent:$a$opts" -cp "$bench" io.tempguard.bench.Hello)")
  rb+=("$(ms "$java" "-javaagent:$b$opts" -cp "$bench" io.tempguard.bench.Hello)")
done
median() { printf '%s\n' "$@" | sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
echo "$java options='$opts' runs=$n: bare $(median "${bare[@]}") ms | A $(median "${ra[@]}") ms | B $(median "${rb[@]}") ms"
