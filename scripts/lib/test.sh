# The test suite behind ./flightdeck test (run_test_suite); needs every file ./flightdeck sources up front, and sources data-commands-test.sh itself.
# shellcheck shell=bash

TEST_RESULTS="$STATE_DIR/test-results"
STEPS_FILE="$TEST_RESULTS/steps.tsv"

# shellcheck source=scripts/lib/data-commands-test.sh
source "$ROOT/scripts/lib/data-commands-test.sh"

# Runs one step, records its outcome and time, and goes on whatever happened.
run_step() {
  local name="$1" started=$SECONDS status=passed
  shift
  step "$name"
  if ! "$@"; then status=failed; fi
  printf '%s\t%s\t%s\n' "$name" "$status" "$((SECONDS - started))" >>"$STEPS_FILE"
}

# The PostgreSQL server the tests use when it answers: the one POSTGRES_*
# name, unless FLIGHTDECK_TEST_POSTGRES_URL names another.
test_postgres_url() {
  if [[ -n "${FLIGHTDECK_TEST_POSTGRES_URL:-}" ]]; then
    echo "$FLIGHTDECK_TEST_POSTGRES_URL"
  else
    postgres_url
  fi
}

# Backend tests run on SQLite always, and on PostgreSQL when one answers.
detect_test_databases() {
  local url major
  url="$(test_postgres_url)"
  export FLIGHTDECK_TEST_DATABASES=SQLITE_3
  if major="$(node "$ROOT/scripts/postgres-major.mjs" "$url" 2>/dev/null)"; then
    export "BACKSTAGE_TEST_DATABASE_POSTGRES${major}_CONNECTION_STRING=$url"
    FLIGHTDECK_TEST_DATABASES="SQLITE_3,POSTGRES_${major}"
    log "Database engines for backend tests: SQLite 3 and PostgreSQL $major (${url##*@})"
  else
    log "Database engines for backend tests: SQLite 3 only (no PostgreSQL at ${url##*@})"
  fi
}

chromium_path() { echo "${CHROMIUM_PATH:-/usr/bin/chromium}"; }

# Debian's Chromium; Playwright's browser downloads cannot work here.
ensure_chromium() {
  [[ -x "$(chromium_path)" ]] && return 0
  if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null 2>&1; then
    step "Installing Chromium from Debian's packages"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null ||
      { log "could not install chromium with apt-get" >&2; return 1; }
    return 0
  fi
  log "Chromium is missing: install it (sudo apt-get install chromium) or set CHROMIUM_PATH" >&2
  return 1
}

# Build, type check, lint and test go through Turborepo: a task whose inputs
# (its package, the packages it depends on, the shared configs, yarn.lock)
# are unchanged is replayed from .turbo/cache instead of run again.
turbo_run() {
  local task=$1
  shift
  yarn turbo run "$task" --concurrency="${FLIGHTDECK_TURBO_CONCURRENCY:-2}" \
    --output-logs=errors-only --continue "$@"
}

repo_tool() { node "$ROOT/packages/repo-tools/bin/flightdeck-repo" "$@"; }

build_for_e2e() { (ensure_app_build); }

E2E_RESULTS="$TEST_RESULTS/e2e"
TEST_PORTAL=""

# The portal the security and end-to-end tests share, started once with the
# settings of playwright.config.ts's webServer (which `yarn playwright test`
# run by hand still starts): its own port, a fresh data folder, the ingest
# token, the CD system's webhook and a GitHub webhook secret. Playwright
# skips its webServer when FLIGHTDECK_E2E_PORTAL_DATA_DIR is set.
start_test_portal() {
  local port="${FLIGHTDECK_E2E_PORT:-7017}" data="$E2E_RESULTS/data" started=$SECONDS
  : "${FLIGHTDECK_INGEST_TOKEN:=$(random_secret)}"
  : "${FLIGHTDECK_LOCAL_TOKEN:=$(random_secret)}"
  : "${FLIGHTDECK_E2E_CD_PORT:=$((port + 2))}"
  : "${FLIGHTDECK_E2E_CD_SECRET:=$(random_secret)}"
  : "${FLIGHTDECK_E2E_GITHUB_SECRET:=$(random_secret)}"
  export FLIGHTDECK_E2E_PORT="$port" FLIGHTDECK_INGEST_TOKEN FLIGHTDECK_LOCAL_TOKEN FLIGHTDECK_E2E_CD_PORT \
    FLIGHTDECK_E2E_CD_SECRET FLIGHTDECK_E2E_GITHUB_SECRET
  if curl -fsS -o /dev/null "http://localhost:$port/.backstage/health/v1/readiness" 2>/dev/null; then
    log "something already answers on :$port; stop it or set FLIGHTDECK_E2E_PORT" >&2
    return 1
  fi
  mkdir -p "$E2E_RESULTS"
  rm -rf "$data"
  # A process group of its own (job control; setsid is not on macOS), so
  # that stopping it stops everything it started.
  set -m
  FLIGHTDECK_DATA_DIR="$data" FLIGHTDECK_PORT="$port" \
    APP_CONFIG_deployments_providers_webhook_url="http://127.0.0.1:$FLIGHTDECK_E2E_CD_PORT/deploy" \
    APP_CONFIG_deployments_providers_webhook_secret="$FLIGHTDECK_E2E_CD_SECRET" \
    APP_CONFIG_deployments_github_webhookSecret="$FLIGHTDECK_E2E_GITHUB_SECRET" \
    "$ROOT/flightdeck" serve >"$E2E_RESULTS/portal.log" 2>&1 &
  TEST_PORTAL=$!
  set +m
  while ((SECONDS - started < 180)); do
    if ! kill -0 "$TEST_PORTAL" 2>/dev/null; then
      log "the test portal exited; see ${E2E_RESULTS#"$ROOT"/}/portal.log" >&2
      TEST_PORTAL=""
      return 1
    fi
    if curl -fsS -o /dev/null "http://localhost:$port/.backstage/health/v1/readiness" 2>/dev/null; then
      wait_for_portal_docs "http://localhost:$port"
      export FLIGHTDECK_E2E_PORTAL_DATA_DIR="$data"
      log "Test portal ready at http://localhost:$port after $((SECONDS - started))s"
      return 0
    fi
    sleep 0.5
  done
  log "the test portal was not ready within 3 minutes; see ${E2E_RESULTS#"$ROOT"/}/portal.log" >&2
  return 1
}

# The portal builds its own docs right after start (serve_backend). That
# build walks the whole repository, test outputs included, and fails if a
# folder vanishes under it, as Playwright's do; so the tests start once it is
# done. It is also what the search tests find once the collator has run.
wait_for_portal_docs() {
  local url="$1"
  mkdocs_ready || return 0
  for _ in $(seq 1 240); do
    if curl -fsS -o /dev/null -H "Authorization: Bearer $FLIGHTDECK_LOCAL_TOKEN" \
      "$url/api/techdocs/metadata/techdocs/default/component/flightdeck" 2>/dev/null; then
      return 0
    fi
    sleep 0.5
  done
  log "note: the test portal had not built its own docs after 2 minutes; going on"
}

stop_test_portal() {
  [[ -n "$TEST_PORTAL" ]] || return 0
  kill -TERM -- "-$TEST_PORTAL" 2>/dev/null || true
  for _ in $(seq 1 20); do
    kill -0 -- "-$TEST_PORTAL" 2>/dev/null || break
    sleep 0.5
  done
  kill -KILL -- "-$TEST_PORTAL" 2>/dev/null || true
  wait "$TEST_PORTAL" 2>/dev/null || true
  TEST_PORTAL=""
  unset FLIGHTDECK_E2E_PORTAL_DATA_DIR
}

test_portal_ready() {
  [[ -n "${FLIGHTDECK_E2E_PORTAL_DATA_DIR:-}" ]] && return 0
  log "no test portal is running (see the step before)" >&2
  return 1
}

# Who may call which route, signatures, body limits and path tricks, over
# HTTP (e2e/security); Playwright's report of it is kept as security.json.
security_tests() {
  local status=0
  test_portal_ready || return 1
  yarn playwright test --project=security || status=$?
  if [[ -f "$E2E_RESULTS/playwright.json" ]]; then
    mv -f "$E2E_RESULTS/playwright.json" "$E2E_RESULTS/security.json"
  fi
  return "$status"
}

e2e_tests() {
  test_portal_ready || return 1
  ensure_chromium || return 1
  CHROMIUM_PATH="$(chromium_path)" yarn playwright test --project=e2e
}

# Every TechDocs site: nav, links, anchors, runbook sections, a strict build.
docs_check() {
  node "$ROOT/packages/docs-check/bin/flightdeck-docs-check"
}

# Each package's Jest run writes its results and coverage into its own
# coverage/ folder (a turbo output, so a cached run restores them); the
# thresholds are in each package.json's jest.coverageThreshold.
unit_tests() {
  rm -rf "$ROOT"/packages/*/coverage "$ROOT"/plugins/*/coverage
  turbo_run test -- --ci --watchAll=false --coverage \
    --coverageReporters=json-summary --coverageReporters=lcov --coverageReporters=text-summary \
    --json --outputFile=coverage/jest-results.json
}

run_test_suite() {
  local started=$SECONDS
  rm -rf "$TEST_RESULTS" "$ROOT/e2e/screenshots"
  mkdir -p "$TEST_RESULTS" "$ROOT/e2e/screenshots"
  : >"$STEPS_FILE"

  ensure_dependencies
  ensure_mkdocs || true
  detect_test_databases

  run_step "Dependency rules" repo_tool deps --check
  run_step "Workflows" repo_tool workflows
  run_step "Formatting" yarn prettier --check --loglevel warn .
  run_step "Type check" turbo_run typecheck
  run_step "Lint" turbo_run lint
  run_step "Unit and backend tests" unit_tests
  run_step "Seed and reset, both engines" data_commands_test
  run_step "TechDocs sites" docs_check
  run_step "Frontend build" build_for_e2e
  # The portal runs in a session of its own, which an interrupt does not reach.
  trap stop_test_portal EXIT
  trap 'stop_test_portal; exit 130' INT TERM
  run_step "Test portal" start_test_portal
  run_step "Security" security_tests
  run_step "Smoke and end-to-end tests" e2e_tests
  stop_test_portal
  trap - EXIT INT TERM

  node "$ROOT/scripts/test-summary.mjs" "$TEST_RESULTS" "$((SECONDS - started))"
}
