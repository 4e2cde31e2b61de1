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

e2e_tests() {
  ensure_chromium || return 1
  CHROMIUM_PATH="$(chromium_path)" yarn playwright test
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
  run_step "Smoke and end-to-end tests" e2e_tests

  node "$ROOT/scripts/test-summary.mjs" "$TEST_RESULTS" "$TEST_RESULTS/e2e/playwright.json" "$((SECONDS - started))"
}
