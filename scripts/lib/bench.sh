# The benchmarks behind ./flightdeck bench (cmd_bench); needs log.sh, toolchain.sh, environment.sh, backend.sh, data.sh, and ROOT, STATE_DIR.
# shellcheck shell=bash

# Each benchmark runs against a portal of its own, on SQLite and, when the
# PostgreSQL of POSTGRES_* answers, on PostgreSQL, and prints its figure next
# to a baseline.
#   ./flightdeck bench [events]              both; events for the ingest one
#   ./flightdeck bench ingest [events]       ingestion throughput (20,000 events)
#   ./flightdeck bench read [deployments]    read latency (1,000,000 deployments)
cmd_bench() {
  ensure_dependencies
  local which=all engine read_args=()
  case "${1:-}" in
    ingest | read | all)
      which=$1
      shift
      ;;
  esac
  if [[ $which == read && -n "${1:-}" ]]; then read_args=("$1"); fi
  for engine in sqlite postgres; do
    if [[ $engine == postgres ]]; then
      node "$ROOT/scripts/postgres-major.mjs" "$(postgres_url)" >/dev/null 2>&1 || continue
    fi
    if [[ $which != read ]]; then
      # From nothing every time, in databases of their own, so the benchmark
      # never touches a local portal's.
      bench_on "$engine" ingest 7067 flightdeck_bench_ fresh \
        "$ROOT/bench/deployments-ingest.mjs" "${1:-20000}"
    fi
    if [[ $which != ingest ]]; then
      # Kept between runs: filling a million deployments takes minutes, and
      # the benchmark fills again only when its marker or the counts differ.
      bench_on "$engine" read 7068 flightdeck_benchread_ kept \
        "$ROOT/bench/deployments-read.mjs" "${read_args[@]}"
    fi
  done
}

# bench_on <engine> <name> <port> <db prefix> fresh|kept <script> [args]:
# runs the script against a portal started for it, with its data in
# .flightdeck/bench/<name>-<engine> (or PostgreSQL databases with the prefix).
bench_on() {
  local engine=$1 name=$2 port=$3 prefix=$4 keep=$5 script=$6
  shift 6
  (
    export FLIGHTDECK_DB=$engine
    if [[ $engine == postgres ]]; then
      export FLIGHTDECK_DB_PREFIX=$prefix
      select_database
      if [[ $keep == fresh ]]; then node "$ROOT/scripts/reset-postgres.mjs" >/dev/null; fi
    else
      # The bench scripts take a set POSTGRES_HOST to mean PostgreSQL, and
      # would write their baseline rows into the developer's own database.
      unset POSTGRES_HOST
    fi
    export FLIGHTDECK_DATA_DIR="$STATE_DIR/bench/$name-$engine" FLIGHTDECK_PORT=$port PORT=$port
    if [[ $keep == fresh ]]; then rm -rf "$FLIGHTDECK_DATA_DIR"; fi
    prepare_data >/dev/null
    touch "$FLIGHTDECK_DATA_DIR/.demo-data-seeded"
    step "Benchmark $name on $engine"
    start_background_backend "bench-$name-$engine"
    node "$script" "http://localhost:$port" "$@" || true
    stop_background_backend
  )
}
