# Which database and cache the portal uses, the PostgreSQL URL, and the checks of the environment before anything starts; needs log.sh and ROOT.
# shellcheck shell=bash

# FLIGHTDECK_DB=postgres means the PostgreSQL of docker-compose.yml (or the
# machine's) unless POSTGRES_* say otherwise. Setting POSTGRES_HOST alone
# selected PostgreSQL before FLIGHTDECK_DB existed, and still does.
select_database() {
  if [[ -z "${FLIGHTDECK_DB:-}" && -n "${POSTGRES_HOST:-}" ]]; then FLIGHTDECK_DB=postgres; fi
  export FLIGHTDECK_DB="${FLIGHTDECK_DB:-sqlite}"
  if [[ "$FLIGHTDECK_DB" == postgres ]]; then
    export POSTGRES_HOST="${POSTGRES_HOST:-127.0.0.1}" POSTGRES_PORT="${POSTGRES_PORT:-5432}" \
      POSTGRES_USER="${POSTGRES_USER:-postgres}"
  fi
}

# The server the POSTGRES_* variables name, as a postgresql:// URL with the
# password URL-encoded. scripts/postgres-url.mjs builds it, for the shell and
# for the .mjs scripts alike, so that there is one way to spell it.
postgres_url() { node "$ROOT/scripts/postgres-url.mjs"; }

# Redis comes with PostgreSQL, as in production, or on its own with REDIS_URL.
uses_redis() { [[ "${FLIGHTDECK_DB:-}" == postgres || -n "${REDIS_URL:-}" ]]; }

# Only the host of REDIS_URL: its user:password part may be a secret.
redis_host() {
  local url="${REDIS_URL:-redis://127.0.0.1:6379}"
  url="${url#*://}"
  echo "${url##*@}"
}

config_args() {
  local args=(--config "$ROOT/app-config.yaml")
  if [[ "${FLIGHTDECK_DB:-}" == postgres ]]; then args+=(--config "$ROOT/app-config.postgres.yaml"); fi
  if uses_redis; then args+=(--config "$ROOT/app-config.redis.yaml"); fi
  printf '%s\n' "${args[@]}"
}

# Every variable against .env.example's list, then the services they name,
# before anything starts or is wiped; needs the installed dependencies. Once
# per run: reset calls seed.
check_environment() {
  [[ -z "${ENVIRONMENT_CHECKED:-}" ]] || return 0
  node "$ROOT/packages/repo-tools/bin/flightdeck-repo" env >/dev/null ||
    fail "fix the environment variables above (each is described in .env.example)"
  check_services
  ENVIRONMENT_CHECKED=1
}

# answers <host> <port>: something accepts connections there within 2s.
answers() {
  node -e 'require("net").connect(+process.argv[2], process.argv[1])
    .on("connect", () => process.exit(0)).on("error", () => process.exit(1))
    .setTimeout(2000, () => process.exit(1))' "$1" "$2"
}

# Without PostgreSQL the backend retries forever and never becomes ready;
# without Redis it runs, minus the cache.
check_services() {
  if [[ "$FLIGHTDECK_DB" == postgres && "$POSTGRES_HOST" != /* ]] &&
    ! answers "$POSTGRES_HOST" "$POSTGRES_PORT"; then
    fail "PostgreSQL does not answer at $POSTGRES_HOST:$POSTGRES_PORT; start it (docker compose up -d --wait) or set POSTGRES_HOST and POSTGRES_PORT"
  fi
  if uses_redis; then
    local address="${REDIS_URL:-redis://127.0.0.1:6379}" host port=6379
    address="${address#*://}" && address="${address##*@}" && address="${address%%/*}"
    host="${address%:*}"
    if [[ "$address" == *:* ]]; then port="${address##*:}"; fi
    host="${host#[}" && host="${host%]}"
    answers "$host" "$port" ||
      log "note: Redis does not answer at $host:$port, so the cache fails until it does (docker compose up -d --wait)"
  fi
}
