# The seed and reset check of ./flightdeck test (data_commands_test); sourced by test.sh, whose TEST_RESULTS and test_postgres_url it uses, after the files ./flightdeck sources up front.
# shellcheck shell=bash

# `./flightdeck seed` and `./flightdeck reset` on SQLite and, when PostgreSQL
# answers, on PostgreSQL. Each engine gets a portal of its own (port, data
# folder, database prefix), so that a developer's portal and data are never
# touched. Checked through the real API: after seed the demo deployments are
# there; after reset a deployment sent by hand in between is gone and the demo
# ones are back.

DATA_COMMANDS_PREFIX=flightdeck_datatest_
DATA_COMMANDS_CANARY_QUERY='entityRef=component:default/payments-api&environment=production&status=started'
DATA_COMMANDS_HAND_VERSION=0.0.0-sent-by-hand

data_commands_test() {
  local url engines=(sqlite) engine failed=0 started=$SECONDS
  url="$(test_postgres_url)"
  if node "$ROOT/scripts/postgres-major.mjs" "$url" >/dev/null 2>&1; then
    engines+=(postgres)
    log "Seed and reset on SQLite and on PostgreSQL (${url##*@})"
  else
    log "Seed and reset on SQLite only (no PostgreSQL at ${url##*@})"
  fi
  # Side by side: each waits on its backend and catalog most of the time.
  local -A pids
  for engine in "${engines[@]}"; do
    data_commands_on "$engine" "$url" >"$TEST_RESULTS/data-commands-$engine.log" 2>&1 &
    pids[$engine]=$!
  done
  for engine in "${engines[@]}"; do
    local log_file="$TEST_RESULTS/data-commands-$engine.log"
    if wait "${pids[$engine]}"; then
      grep -E '^ok ' "$log_file" | sed "s/^/  $engine: /"
    else
      failed=1
      log "  $engine: FAILED; the end of ${log_file#"$ROOT"/}:"
      tail -n 15 "$log_file" | sed 's/^/    /'
    fi
  done
  log "Seed and reset checked in $((SECONDS - started))s"
  return $failed
}

# data_commands_on <sqlite|postgres> <postgres url>
data_commands_on() (
  set -euo pipefail
  local engine=$1 port=7071
  export FLIGHTDECK_DB=$engine FLIGHTDECK_DB_PREFIX=$DATA_COMMANDS_PREFIX
  export FLIGHTDECK_DATA_DIR="$TEST_RESULTS/data-commands-$engine"
  if [[ $engine == postgres ]]; then
    port=7072
    export_postgres_variables "$2"
  fi
  export FLIGHTDECK_PORT=$port
  PORT=$port
  export FLIGHTDECK_INGEST_TOKEN="${FLIGHTDECK_INGEST_TOKEN:-$(random_secret)}"
  if curl -fsS -o /dev/null "http://localhost:$port/.backstage/health/v1/readiness" 2>/dev/null; then
    echo "FAILED something already listens on :$port"
    return 1
  fi

  # From nothing, like a new clone.
  rm -rf "$FLIGHTDECK_DATA_DIR"
  if [[ $engine == postgres ]]; then node "$ROOT/scripts/reset-postgres.mjs"; fi

  # seed, into a running portal that has no deployments yet.
  prepare_data
  trap 'if [[ -n "${BACKGROUND_BACKEND:-}" ]]; then stop_background_backend; fi' EXIT
  start_background_backend "data-commands-$engine"
  expect_count 0 "$DATA_COMMANDS_CANARY_QUERY" "before seed, no demo deployments"
  "$ROOT/flightdeck" seed
  expect_count 1 "$DATA_COMMANDS_CANARY_QUERY" "after seed, the demo deployments (payments-api's canary in flight)"
  send_deployment_by_hand
  expect_count 1 "environment=development&entityRef=component:default/payments-api" \
    "the deployment sent by hand" "$DATA_COMMANDS_HAND_VERSION"
  stop_background_backend
  BACKGROUND_BACKEND=

  # reset, with no portal running: it starts its own to seed.
  "$ROOT/flightdeck" reset
  start_background_backend "data-commands-$engine"
  expect_count 1 "$DATA_COMMANDS_CANARY_QUERY" "after reset, the demo deployments again"
  expect_count 0 "environment=development&entityRef=component:default/payments-api" \
    "after reset, the deployment sent by hand is gone" "$DATA_COMMANDS_HAND_VERSION"
  stop_background_backend
)

# The POSTGRES_* variables of a postgresql:// URL.
export_postgres_variables() {
  local name value
  while IFS='=' read -r name value; do
    export "$name=$value"
  done < <(node -e '
    const url = new URL(process.argv[1]);
    // A socket folder comes percent-encoded, an IPv6 address in brackets.
    console.log(`POSTGRES_HOST=${decodeURIComponent(url.hostname).replace(/^\[(.*)\]$/, "$1")}`);
    console.log(`POSTGRES_PORT=${url.port || 5432}`);
    console.log(`POSTGRES_USER=${decodeURIComponent(url.username) || "postgres"}`);
    console.log(`POSTGRES_PASSWORD=${decodeURIComponent(url.password)}`);' "$1")
}

# expect_count <n> <query> <what> [version]: the number of deployments the
# API lists for the query (only those of the version, when given) is n.
expect_count() {
  local want=$1 query=$2 what=$3 version=${4:-} got
  got="$(curl -fsS -H "Authorization: Bearer $FLIGHTDECK_INGEST_TOKEN" \
    "http://localhost:$PORT/api/deployments/deployments?limit=200&$query" |
    node -e '
      let body = "";
      process.stdin.on("data", chunk => (body += chunk)).on("end", () => {
        const items = JSON.parse(body).items;
        const version = process.argv[1];
        console.log(items.filter(d => !version || d.version === version).length);
      });' "$version")" || got="no answer"
  if [[ "$got" == "$want" ]]; then
    echo "ok $what"
  else
    echo "FAILED $what: expected $want deployment(s), the API listed $got"
    return 1
  fi
}

send_deployment_by_hand() {
  local now
  now="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  curl -fsS -o /dev/null -X POST -H "Authorization: Bearer $FLIGHTDECK_INGEST_TOKEN" \
    -H 'Content-Type: application/json' \
    "http://localhost:$PORT/api/deployments/events" \
    --data "{\"entityRef\":\"component:default/payments-api\",\"environment\":\"development\",
      \"version\":\"$DATA_COMMANDS_HAND_VERSION\",\"status\":\"succeeded\",\"startedAt\":\"$now\",
      \"finishedAt\":\"$now\",\"idempotencyKey\":\"data-commands-test:$now\"}"
}
