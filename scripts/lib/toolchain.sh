# Node, Yarn and the installed dependencies; needs log.sh and TOOLS_DIR, STAMP_DIR, NODE_VERSION, YARN_VERSION (set by ./flightdeck).
# shellcheck shell=bash

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
