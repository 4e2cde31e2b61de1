# The portal's local data, its tokens, and the seed and reset commands; needs log.sh, toolchain.sh, environment.sh, backend.sh, and ROOT, SECRETS_DIR, PORT, FLIGHTDECK_DATA_DIR.
# shellcheck shell=bash

# A fresh random token: 32 bytes, base64url.
random_secret() {
  node -e 'process.stdout.write(require("crypto").randomBytes(32).toString("base64url"))'
}

# ensure_token <variable> <file name> <what it is>: the variable's value, or
# the token in .flightdeck/secrets/<file name>, generated the first time.
ensure_token() {
  local variable=$1 file="$SECRETS_DIR/$2"
  if [[ -n "${!variable:-}" ]]; then return; fi
  if [[ ! -s "$file" ]]; then
    mkdir -p "$SECRETS_DIR"
    chmod 700 "$SECRETS_DIR"
    (
      umask 077
      random_secret >"$file"
    )
    log "Generated $3 in .flightdeck/secrets/$2 (mode 0600)."
  fi
  printf -v "$variable" '%s' "$(cat "$file")"
  export "${variable?}"
}

# The ingest token reaches the ingestion APIs only; the local tools token,
# which app-config.localhost.yaml alone accepts, lets ./flightdeck build the
# portal's docs and read the catalog to seed.
ensure_tokens() {
  ensure_token FLIGHTDECK_INGEST_TOKEN ingest-token "an ingest token"
  ensure_token FLIGHTDECK_LOCAL_TOKEN local-token "a token for ./flightdeck's own tools"
}

prepare_data() {
  ensure_toolchain
  mkdir -p "$FLIGHTDECK_DATA_DIR/sqlite" "$FLIGHTDECK_DATA_DIR/techdocs" "$FLIGHTDECK_DATA_DIR/scaffolder"
  ensure_tokens
  log "Data folder: $FLIGHTDECK_DATA_DIR"
  if [[ "$FLIGHTDECK_DB" == postgres ]]; then
    log "Database: PostgreSQL at $POSTGRES_HOST:$POSTGRES_PORT, databases ${FLIGHTDECK_DB_PREFIX:-flightdeck_}*"
  else
    log "Database: SQLite in $FLIGHTDECK_DATA_DIR/sqlite"
  fi
  if uses_redis; then log "Cache: Redis at $(redis_host)"; fi
  log "Demo organisation: catalog/ (loaded into the catalog when the backend starts)"
}

# Demo history goes in once per data folder, through the real API.
seed_demo_data() {
  local url="$1" marker="$FLIGHTDECK_DATA_DIR/.demo-data-seeded"
  [[ -f "$marker" ]] && return 0
  if node "$ROOT/scripts/seed-deployments.mjs" "$url"; then
    touch "$marker"
  else
    log "note: seeding demo deployments failed; run ./flightdeck seed to retry"
  fi
}

# Prepares the data folder, then sends the demo history to the portal: to the
# running one, or to one started for the purpose and stopped afterwards.
cmd_seed() {
  local url="http://localhost:$PORT"
  ensure_dependencies
  check_environment
  prepare_data
  rm -f "$FLIGHTDECK_DATA_DIR/.demo-data-seeded"
  if curl -fsS -o /dev/null "$url/.backstage/health/v1/readiness" 2>/dev/null; then
    seed_demo_data "$url"
    return
  fi
  step "Starting the backend to send the demo history"
  start_background_backend seed
  seed_demo_data "$url"
  stop_background_backend
}

cmd_reset() {
  ensure_dependencies
  check_environment
  step "Wiping local data in $FLIGHTDECK_DATA_DIR"
  rm -rf "$FLIGHTDECK_DATA_DIR"
  if [[ "$FLIGHTDECK_DB" == postgres ]]; then
    node "$ROOT/scripts/reset-postgres.mjs" || fail "could not drop the PostgreSQL databases"
  fi
  cmd_seed
}
