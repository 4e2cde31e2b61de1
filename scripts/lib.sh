# Functions behind ./flightdeck. Sourced, not run; expects ROOT, STATE_DIR,
# TOOLS_DIR, STAMP_DIR, SECRETS_DIR, NODE_VERSION, YARN_VERSION and PORT.

SECONDS_AT_START=$SECONDS

log() { printf '%s\n' "$*"; }
step() { printf '\n==> %s  [%ss]\n' "$*" "$((SECONDS - SECONDS_AT_START))"; }
fail() {
  printf '\nflightdeck: error: %s\n' "$*" >&2
  exit 1
}

# --- toolchain ---------------------------------------------------------------

node_major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

node_package_name() {
  local os arch
  case "$(uname -s)" in
    Linux) os=linux ;;
    Darwin) os=darwin ;;
    *) fail "unsupported OS $(uname -s); install Node 22 or 24 yourself" ;;
  esac
  case "$(uname -m)" in
    x86_64 | amd64) arch=x64 ;;
    aarch64 | arm64) arch=arm64 ;;
    *) fail "unsupported CPU $(uname -m); install Node 22 or 24 yourself" ;;
  esac
  echo "node-$os-$arch"
}

# Node 22/24 and Yarn 4 come from the npm registry into .flightdeck/tools when
# the machine's own Node is older; native addons then build against the
# headers of that same Node (npm_config_nodedir), or they crash at load.
ensure_toolchain() {
  local want=() system_major=0 node_pkg
  node_pkg="$(node_package_name)"
  if command -v node >/dev/null 2>&1; then system_major="$(node_major node)"; fi
  local use_system_node=0
  if [[ "$system_major" -ge 22 && "$system_major" -le 24 ]]; then use_system_node=1; fi

  if [[ $use_system_node == 0 ]]; then
    local provisioned="$TOOLS_DIR/node_modules/$node_pkg/bin/node"
    if [[ ! -x "$provisioned" || "$("$provisioned" --version 2>/dev/null)" != "v$NODE_VERSION" ]]; then
      want+=("$node_pkg@$NODE_VERSION")
    fi
  fi
  if [[ ! -f "$TOOLS_DIR/node_modules/@yarnpkg/cli-dist/package.json" ]] ||
    ! grep -q "\"version\": \"$YARN_VERSION\"" "$TOOLS_DIR/node_modules/@yarnpkg/cli-dist/package.json"; then
    want+=("@yarnpkg/cli-dist@$YARN_VERSION")
  fi

  if [[ ${#want[@]} -gt 0 ]]; then
    command -v npm >/dev/null 2>&1 || fail "npm is needed once to provision ${want[*]} (install Node >= 20 with npm)"
    step "Provisioning ${want[*]} from the npm registry into .flightdeck/tools"
    mkdir -p "$TOOLS_DIR"
    # Keep what is already there: npm prunes packages missing from package.json.
    [[ -f "$TOOLS_DIR/package.json" ]] || echo '{ "private": true }' >"$TOOLS_DIR/package.json"
    npm install --prefix "$TOOLS_DIR" --no-audit --no-fund --loglevel=error "${want[@]}" ||
      fail "could not install ${want[*]} from the npm registry"
  fi

  if [[ $use_system_node == 0 ]]; then
    export PATH="$TOOLS_DIR/node_modules/$node_pkg/bin:$PATH"
    export npm_config_nodedir="$TOOLS_DIR/node_modules/$node_pkg"
  fi
  export PATH="$TOOLS_DIR/node_modules/.bin:$PATH"
  export YARN_ENABLE_TELEMETRY=0
  export TURBO_TELEMETRY_DISABLED=1 TURBO_NO_UPDATE_NOTIFIER=1
}

# --- dependencies and build --------------------------------------------------

dependency_fingerprint() {
  {
    node --version
    cat package.json yarn.lock .yarnrc.yml packages/*/package.json plugins/*/package.json 2>/dev/null
  } | sha1sum | cut -d' ' -f1
}

ensure_dependencies() {
  ensure_toolchain
  mkdir -p "$STAMP_DIR"
  local fingerprint
  fingerprint="$(dependency_fingerprint)"
  if [[ -d node_modules && "$(cat "$STAMP_DIR/install" 2>/dev/null)" == "$fingerprint" ]]; then
    return
  fi
  step "Installing dependencies with Yarn $YARN_VERSION (a cold install takes a few minutes)"
  local args=()
  if [[ -n "${CI:-}" ]]; then args+=(--immutable); fi
  yarn install "${args[@]}" || fail "yarn install failed (see the output above)"
  dependency_fingerprint >"$STAMP_DIR/install"
}

# The frontend build goes through turbo (turbo.json): it is replayed from
# .turbo/cache, dist/ included, unless the app, a package it depends on,
# app-config.yaml or yarn.lock changed.
ensure_app_build() {
  step "Building the frontend (from turbo's cache when nothing changed)"
  yarn turbo run build --filter=app --output-logs=errors-only ||
    fail "the frontend build failed (see the output above)"
}

# --- configuration and data --------------------------------------------------

config_args() {
  local args=(--config "$ROOT/app-config.yaml")
  if [[ "${FLIGHTDECK_DB:-}" == postgres ]]; then args+=(--config "$ROOT/app-config.postgres.yaml"); fi
  if uses_redis; then args+=(--config "$ROOT/app-config.redis.yaml"); fi
  printf '%s\n' "${args[@]}"
}

# Redis comes with PostgreSQL, as in production, or on its own with REDIS_URL.
uses_redis() { [[ "${FLIGHTDECK_DB:-}" == postgres || -n "${REDIS_URL:-}" ]]; }

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

ensure_ingest_token() {
  if [[ -n "${FLIGHTDECK_INGEST_TOKEN:-}" ]]; then return; fi
  local file="$SECRETS_DIR/ingest-token"
  if [[ ! -s "$file" ]]; then
    mkdir -p "$SECRETS_DIR"
    chmod 700 "$SECRETS_DIR"
    (
      umask 077
      node -e 'process.stdout.write(require("crypto").randomBytes(32).toString("base64url"))' >"$file"
    )
    log "Generated an ingest token in .flightdeck/secrets/ingest-token (mode 0600)."
  fi
  FLIGHTDECK_INGEST_TOKEN="$(cat "$file")"
  export FLIGHTDECK_INGEST_TOKEN
}

prepare_data() {
  ensure_toolchain
  mkdir -p "$FLIGHTDECK_DATA_DIR/sqlite" "$FLIGHTDECK_DATA_DIR/techdocs" "$FLIGHTDECK_DATA_DIR/scaffolder"
  ensure_ingest_token
  log "Data folder: $FLIGHTDECK_DATA_DIR"
  if [[ "$FLIGHTDECK_DB" == postgres ]]; then
    log "Database: PostgreSQL at $POSTGRES_HOST:$POSTGRES_PORT, databases ${FLIGHTDECK_DB_PREFIX:-flightdeck_}*"
  else
    log "Database: SQLite in $FLIGHTDECK_DATA_DIR/sqlite"
  fi
  # Only the host of REDIS_URL: its user:password part may be a secret.
  if uses_redis; then log "Cache: Redis at $(redis_host)"; fi
  log "Demo organisation: catalog/ (loaded into the catalog when the backend starts)"
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

# Asks the Python that runs mkdocs (Debian's /usr/bin/python3, which need
# not be the python3 on PATH) for the Material theme and pymdownx.
redis_host() {
  local url="${REDIS_URL:-redis://127.0.0.1:6379}"
  url="${url#*://}"
  echo "${url##*@}"
}

mkdocs_ready() {
  local mkdocs_bin python
  mkdocs_bin="$(command -v mkdocs 2>/dev/null)" || return 1
  python="$(sed -n '1s/^#! *//p' "$mkdocs_bin")"
  ${python:-python3} -c 'import sys, pymdownx, mkdocs.utils
sys.exit("material" not in mkdocs.utils.get_theme_names())' >/dev/null 2>&1
}

# TechDocs builds sites with MkDocs and the Material theme, which PyPI would
# provide elsewhere; here they come from Debian's packages. As root with apt,
# they are installed; otherwise the command to run is printed.
ensure_mkdocs() {
  mkdocs_ready && return 0
  if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null 2>&1; then
    step "Installing MkDocs and the Material theme from Debian's packages"
    if (apt-get update -qq &&
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq mkdocs mkdocs-material python3-pymdownx) >/dev/null; then
      return 0
    fi
  fi
  log "note: MkDocs with the Material theme is missing, so TechDocs pages cannot be built."
  log "      On Debian/Ubuntu: sudo apt-get install -y mkdocs mkdocs-material python3-pymdownx"
  return 1
}

# --- serving -----------------------------------------------------------------

wait_until_ready() {
  local url="$1" started=$SECONDS
  for _ in $(seq 1 600); do
    if curl -fsS -o /dev/null "$url/.backstage/health/v1/readiness" 2>/dev/null; then
      log ""
      log "Flightdeck is ready at $url (backend ready after $((SECONDS - started))s)"
      log "External systems authenticate with the ingest token, for example:"
      log "  curl -H \"Authorization: Bearer \$(cat .flightdeck/secrets/ingest-token)\" $url/api/catalog/entities"
      return 0
    fi
    sleep 0.5
  done
  log "flightdeck: the backend did not become ready within 5 minutes" >&2
  return 1
}

# TechDocs sites are built on first view; building Flightdeck's own docs right
# away lets the search collator index them on its first run.
build_portal_docs() {
  local url="$1"
  command -v mkdocs >/dev/null 2>&1 || return 0
  # The catalog may not have ingested the entity yet when the backend is ready.
  for _ in $(seq 1 30); do
    if curl -fsS -o /dev/null --max-time 300 \
      -H "Authorization: Bearer $FLIGHTDECK_INGEST_TOKEN" \
      "$url/api/techdocs/sync/default/component/flightdeck" 2>/dev/null; then
      return 0
    fi
    sleep 2
  done
  log "note: building Flightdeck's docs failed; they are built on first view instead"
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

after_ready() {
  local url="$1"
  wait_until_ready "$url" || return 1
  seed_demo_data "$url"
  build_portal_docs "$url"
}

# Runs the backend from its TypeScript sources through Backstage's own Node
# transform, as `backstage-cli package start` does, minus the file watcher.
run_backend() {
  local configs=() transform
  mapfile -t configs < <(config_args)
  transform="$(node -p 'require.resolve("@backstage/cli-node/config/nodeTransform.cjs")')"
  (
    cd packages/backend
    export NODE_ENV="${NODE_ENV:-development}" ESBK_TSCONFIG_PATH="$ROOT/tsconfig.json"
    exec node --enable-source-maps --require "$transform" src/index "${configs[@]}"
  )
}

serve_backend() {
  local url="http://localhost:$PORT"
  step "Starting the backend on $url"
  after_ready "$url" &
  READY_WAITER=$!
  trap 'kill "$READY_WAITER" 2>/dev/null || true' EXIT
  run_backend
}

cmd_start() {
  ensure_dependencies
  check_environment
  ensure_app_build
  prepare_data
  ensure_mkdocs || true
  serve_backend
}

cmd_serve() {
  ensure_toolchain
  check_environment
  prepare_data
  serve_backend
}

cmd_dev() {
  ensure_dependencies
  check_environment
  prepare_data
  local configs=()
  mapfile -t configs < <(config_args)
  step "Starting frontend on http://localhost:3000 and backend on :$PORT with hot reload"
  yarn backstage-cli repo start "${configs[@]}" --config "$ROOT/app-config.dev.yaml"
}

# --- benchmarks --------------------------------------------------------------

# Each benchmark runs against a portal of its own, on SQLite and, when
# PostgreSQL answers, on PostgreSQL, and prints its figure next to a baseline.
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
      node "$ROOT/scripts/postgres-major.mjs" "postgresql://postgres@127.0.0.1:5432" >/dev/null 2>&1 || continue
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
      export POSTGRES_HOST=127.0.0.1 FLIGHTDECK_DB_PREFIX=$prefix
      select_database
      if [[ $keep == fresh ]]; then node "$ROOT/scripts/reset-postgres.mjs" >/dev/null; fi
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

# --- tests -------------------------------------------------------------------

cmd_test() {
  # shellcheck source=scripts/test.sh
  source "$ROOT/scripts/test.sh"
  run_test_suite "$@"
}

# --- repository checks ---------------------------------------------------------

cmd_deps() {
  ensure_dependencies
  node "$ROOT/packages/repo-tools/bin/flightdeck-repo" deps "$@"
}
