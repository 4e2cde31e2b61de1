# ./flightdeck upgrade-backstage (cmd_upgrade_backstage); needs log.sh, toolchain.sh, environment.sh, backend.sh, data.sh, and ROOT, STATE_DIR, STAMP_DIR.
# shellcheck shell=bash

# Moves every Backstage package to one release together, then proves that the
# result installs, type checks and boots, or puts the repository back as it was.

UPGRADE_DIR="$STATE_DIR/upgrade-check"
UPGRADE_BACKUP="$UPGRADE_DIR/backup"
# A port and a data folder of its own, so that the check runs next to a portal
# already serving, and never migrates that portal's database.
UPGRADE_PORT="${FLIGHTDECK_UPGRADE_PORT:-7077}"
UPGRADE_FAILURE=""
BACKGROUND_BACKEND=""

cmd_upgrade_backstage() {
  ensure_dependencies
  rm -rf "$UPGRADE_BACKUP"
  step "Planning the move to one Backstage release"
  if ! node "$ROOT/packages/repo-tools/bin/flightdeck-repo" backstage-sync --backup-dir "$UPGRADE_BACKUP" "$@"; then
    # A sync that stopped half-way may have written some files already.
    if [[ -d "$UPGRADE_BACKUP" ]]; then restore_upgrade_backup files-only; fi
    fail "the version sync failed (see above); no file was changed"
  fi
  # The sync backs files up only when it writes them: without a backup, this
  # was a dry run or there was nothing to change.
  [[ -d "$UPGRADE_BACKUP" ]] || return 0

  trap upgrade_interrupted INT TERM
  if ! verify_upgrade; then
    trap - INT TERM
    restore_upgrade_backup
    fail "$UPGRADE_FAILURE. The upgrade is undone: every file is back as it was."
  fi
  trap - INT TERM
  dependency_fingerprint >"$STAMP_DIR/install"
  rm -rf "$UPGRADE_BACKUP"
  log ""
  log "Backstage $(node -p 'require("./backstage.json").version') installs, type checks and boots."
  log "Next: review git diff, run ./flightdeck test, and ./flightdeck start to rebuild the app."
}

verify_upgrade() {
  step "Installing the new versions"
  yarn install || {
    UPGRADE_FAILURE="yarn install failed (see the output above)"
    return 1
  }
  # Upstream packages that lag a release pull in a second copy of a
  # Backstage package; the dependency rules refuse that.
  step "Checking that the install holds one version of each Backstage package"
  node "$ROOT/packages/repo-tools/bin/flightdeck-repo" deps --check || {
    UPGRADE_FAILURE="the dependency rules failed (see above; a second copy usually needs a resolutions entry)"
    return 1
  }
  step "Type checking against the new versions"
  yarn tsc || {
    UPGRADE_FAILURE="the type check failed (see the output above)"
    return 1
  }
  step "Starting the backend on :$UPGRADE_PORT to check that it boots"
  check_backend_boots
}

# Packages of two releases load side by side without complaint and break only
# when the backend wires its plugins, so the backend is started for real.
check_backend_boots() {
  local url="http://localhost:$UPGRADE_PORT" log="$UPGRADE_DIR/backend.log" ready=0 started=$SECONDS
  if curl -fsS -o /dev/null "$url/.backstage/health/v1/readiness" 2>/dev/null; then
    UPGRADE_FAILURE="something already answers on port $UPGRADE_PORT; stop it or set FLIGHTDECK_UPGRADE_PORT"
    return 1
  fi
  mkdir -p "$UPGRADE_DIR"
  (
    # Always a fresh SQLite database and no shared cache: the new versions'
    # migrations must not touch a database the previous versions keep using.
    unset POSTGRES_HOST REDIS_URL
    export FLIGHTDECK_DB=sqlite FLIGHTDECK_PORT=$UPGRADE_PORT FLIGHTDECK_DATA_DIR="$UPGRADE_DIR/data"
    rm -rf "$FLIGHTDECK_DATA_DIR"
    prepare_data
    run_backend
  ) >"$log" 2>&1 &
  BACKGROUND_BACKEND=$!
  for _ in $(seq 1 600); do
    if curl -fsS -o /dev/null "$url/.backstage/health/v1/readiness" 2>/dev/null; then
      ready=1
      break
    fi
    # A backend that crashes exits; one whose plugins fail to start says so
    # and stays up, never ready. Neither is worth waiting out.
    if ! kill -0 "$BACKGROUND_BACKEND" 2>/dev/null || grep -q 'Backend startup failed' "$log"; then
      break
    fi
    sleep 0.5
  done
  stop_upgrade_backend
  if [[ $ready == 1 ]]; then
    log "The backend was ready after $((SECONDS - started))s."
    return 0
  fi
  log "What the backend said:"
  backend_errors "$log" | sed 's/^/  | /'
  UPGRADE_FAILURE="the backend did not start with the new versions (full log: ${log#"$ROOT"/})"
  return 1
}

# The error lines of a backend log without colours, or its end if none.
backend_errors() {
  local plain errors
  plain="$(sed $'s/\033\\[[0-9;]*m//g' "$1")"
  errors="$(grep -E ' error |Error|startup failed' <<<"$plain" | grep -v 'health/v1/readiness' | head -n 12)"
  if [[ -z "$errors" ]]; then errors="$(tail -n 15 <<<"$plain")"; fi
  cut -c1-300 <<<"$errors"
}

stop_upgrade_backend() {
  [[ -n "$BACKGROUND_BACKEND" ]] || return 0
  stop_background_backend
  BACKGROUND_BACKEND=""
}

# The backup holds each file under its path in the repository: package.json
# files, backstage.json and yarn.lock.
restore_upgrade_backup() {
  step "Putting back the files from before the upgrade"
  cp -R "$UPGRADE_BACKUP/." "$ROOT/" ||
    fail "could not copy the backup back; restore by hand from ${UPGRADE_BACKUP#"$ROOT"/}"
  rm -rf "$UPGRADE_BACKUP"
  if [[ "${1:-}" == files-only ]]; then return 0; fi
  step "Installing the previous versions again"
  if yarn install; then
    dependency_fingerprint >"$STAMP_DIR/install"
  else
    log "note: yarn install of the previous versions failed; run ./flightdeck install"
  fi
}

upgrade_interrupted() {
  trap - INT TERM
  stop_upgrade_backend
  restore_upgrade_backup
  fail "interrupted. The upgrade is undone: every file is back as it was."
}
