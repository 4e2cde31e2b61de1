# The frontend build and the commands that serve the portal (start, serve, dev); needs log.sh, toolchain.sh, environment.sh, backend.sh, data.sh, techdocs.sh, and ROOT, PORT.
# shellcheck shell=bash

# The frontend build goes through turbo (turbo.json): it is replayed from
# .turbo/cache, dist/ included, unless the app, a package it depends on,
# app-config.yaml or yarn.lock changed.
ensure_app_build() {
  step "Building the frontend (from turbo's cache when nothing changed)"
  yarn turbo run build --filter=app --output-logs=errors-only ||
    fail "the frontend build failed (see the output above)"
}

after_ready() {
  local url="$1"
  wait_until_ready "$url" || return 1
  seed_demo_data "$url"
  build_portal_docs "$url"
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
  mapfile -t configs < <(local_config_args)
  step "Starting frontend on http://localhost:3000 and backend on :$PORT with hot reload"
  yarn backstage-cli repo start "${configs[@]}" --config "$ROOT/app-config.dev.yaml"
}
