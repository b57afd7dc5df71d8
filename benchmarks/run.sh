#!/usr/bin/env bash
# Runs the themis4j JMH suite and writes a Markdown report of themis4j against the raw JDK primitives.
#
#   benchmarks/run.sh              short mode (default): under 10 minutes on 2 cores
#   benchmarks/run.sh --full       2 forks, longer iterations (about an hour)
#   benchmarks/run.sh --smoke      one 100 ms iteration per benchmark: checks that everything runs
#   benchmarks/run.sh SecureCell   only the benchmarks whose name matches the regular expression(s)
#   benchmarks/run.sh --out DIR    where the JSON and Markdown results go (default benchmarks/results)
#
# Builds benchmarks/target/benchmarks.jar first (skipping tests) unless THEMIS4J_BENCH_NO_BUILD=1.
# For anything else, the jar is the plain JMH command line: java -jar benchmarks/target/benchmarks.jar -h
# Measure on an idle machine: other load on the cores makes the ratios meaningless.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ "${THEMIS4J_BENCH_NO_BUILD:-0}" != 1 ]]; then
  mvn -B -q -ntp -pl benchmarks -am package -DskipTests
fi

exec java -Dthemis4j.bench.command="benchmarks/run.sh $*" \
  -cp benchmarks/target/benchmarks.jar io.github.themis4j.benchmarks.Suite "$@"
