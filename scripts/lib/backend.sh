# Running the backend, in the foreground or in the background for a one-off job, and waiting until it is ready; needs log.sh, environment.sh, and ROOT, STATE_DIR, PORT.
# shellcheck shell=bash

# The configuration of a backend that ./flightdeck runs: the local overlay
# (guest sign-in, the local tools token) comes last; the container never
# loads it.
local_config_args() {
  config_args
  printf '%s\n' --config "$ROOT/app-config.localhost.yaml"
}

# Runs the backend from its TypeScript sources through Backstage's own Node
# transform, as `backstage-cli package start` does, minus the file watcher.
run_backend() {
  local configs=() transform
  mapfile -t configs < <(local_config_args)
  transform="$(node -p 'require.resolve("@backstage/cli-node/config/nodeTransform.cjs")')"
  (
    cd packages/backend || exit
    export NODE_ENV="${NODE_ENV:-development}" ESBK_TSCONFIG_PATH="$ROOT/tsconfig.json"
    exec node --enable-source-maps --require "$transform" src/index "${configs[@]}"
  )
}

wait_until_ready() {
  local url="$1" started=$SECONDS
  for _ in $(seq 1 600); do
    if curl -fsS -o /dev/null "$url/.backstage/health/v1/readiness" 2>/dev/null; then
      log ""
      log "Flightdeck is ready at $url (backend ready after $((SECONDS - started))s)"
      local now
      now="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
      log "CI systems report deployments with the ingest token, which reaches only the ingestion APIs, for example:"
      log "  curl -H \"Authorization: Bearer \$(cat .flightdeck/secrets/ingest-token)\" -H 'Content-Type: application/json' $url/api/deployments/events \\"
      log "    -d '{\"service\":\"payments-api\",\"environment\":\"staging\",\"version\":\"1.0.0\",\"status\":\"succeeded\",\"startedAt\":\"$now\",\"finishedAt\":\"$now\",\"idempotencyKey\":\"try-$now\"}'"
      return 0
    fi
    sleep 0.5
  done
  log "flightdeck: the backend did not become ready within 5 minutes" >&2
  return 1
}

# A backend for a one-off job (seeding, benchmarks), logging to
# .flightdeck/<name>-backend.log.
start_background_backend() {
  local log="$STATE_DIR/$1-backend.log"
  run_backend >"$log" 2>&1 &
  BACKGROUND_BACKEND=$!
  wait_until_ready "http://localhost:$PORT" >/dev/null ||
    fail "the backend did not start; see ${log#"$ROOT"/}"
}

stop_background_backend() {
  # The node process is a child of the background job.
  pkill -TERM -P "$BACKGROUND_BACKEND" 2>/dev/null || true
  wait "$BACKGROUND_BACKEND" 2>/dev/null || true
}
