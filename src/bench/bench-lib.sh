# Shared by the benchmark scripts beside it (source it; not run on its own): where the jars are,
# one check that they were built, and the median of a list of numbers.
bench_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bench_jar="$bench_dir/target/tempguard-bench.jar"
agent_jar="$bench_dir/../../agent/target/tempguard-agent.jar"

# need_jars SCRIPT JAR...: exits 2 with the build command when one of the jars is missing.
need_jars() {
  local script=$1 jar; shift
  for jar in "$@"; do
    [ -f "$jar" ] || { echo "$script: $jar missing: run mvn -B package -DskipTests" >&2; exit 2; }
  done
}

# median NUMBER...: the middle value (the lower middle of an even count), numbers in any notation sort -g reads.
median() { printf '%s\n' "$@" | sort -g | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
