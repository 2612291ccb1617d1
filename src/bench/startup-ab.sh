#!/usr/bin/env bash
# A/B start-up of two agent jars: N alternating runs of the bare JVM, agent A and agent B on the
# same hello world, so that drift on a noisy machine hits all three alike. Prints the medians of
# whole-process wall time (start to exit, the exit cleanup included) and of its CPU time.
#
#   src/bench/startup-ab.sh JAVA AGENT_A AGENT_B ['=options'] [N]
#   e.g. src/bench/startup-ab.sh /usr/lib/jvm/java-17-openjdk-amd64/bin/java old/tempguard-agent.jar \
#            agent/target/tempguard-agent.jar '' 41
# Needs src/bench/target/tempguard-bench.jar (mvn -B package -DskipTests).
set -euo pipefail
java=$1; a=$2; b=$3; opts=${4:-}; n=${5:-21}
source "$(dirname "$0")/bench-lib.sh"
bench=$bench_jar
need_jars startup-ab "$bench"
declare -a bare=() ra=() rb=() cbare=() ca=() cb=()
# Wall and CPU (user + system, the JVM and its threads) of one run, in ms, from bash's own `time`.
ms() { local t; t=$( { TIMEFORMAT='%R %U %S'; time "$@" >/dev/null 2>&1; } 2>&1 ); awk '{printf "%d %d\n", $1 * 1000, ($2 + $3) * 1000}' <<<"$t"; }
for _ in $(seq "$n"); do
  read -r w c < <(ms "$java" -cp "$bench" io.tempguard.bench.Hello); bare+=("$w"); cbare+=("$c")
  read -r w c < <(ms "$java" "-javaagent:$a$opts" -cp "$bench" io.tempguard.bench.Hello); ra+=("$w"); ca+=("$c")
  read -r w c < <(ms "$java" "-javaagent:$b$opts" -cp "$bench" io.tempguard.bench.Hello); rb+=("$w"); cb+=("$c")
done
echo "$java options='$opts' runs=$n: bare $(median "${bare[@]}") ms | A $(median "${ra[@]}") ms | B $(median "${rb[@]}") ms"
echo "CPU (user + system): bare $(median "${cbare[@]}") ms | A $(median "${ca[@]}") ms | B $(median "${cb[@]}") ms"
