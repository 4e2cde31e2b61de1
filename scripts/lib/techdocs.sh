# MkDocs for TechDocs: whether it is installed, installing it, and building the portal's own docs; needs log.sh (mkdocs_ready alone needs nothing).
# shellcheck shell=bash

# Asks the Python that runs mkdocs (Debian's /usr/bin/python3, which need
# not be the python3 on PATH) for the Material theme and pymdownx.
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

# TechDocs sites are built on first view; building Flightdeck's own docs right
# away lets the search collator index them on its first run. The local tools
# token may call TechDocs; the ingest token may not.
build_portal_docs() {
  local url="$1"
  command -v mkdocs >/dev/null 2>&1 || return 0
  # The catalog may not have ingested the entity yet when the backend is ready.
  for _ in $(seq 1 30); do
    if curl -fsS -o /dev/null --max-time 300 \
      -H "Authorization: Bearer $FLIGHTDECK_LOCAL_TOKEN" \
      "$url/api/techdocs/sync/default/component/flightdeck" 2>/dev/null; then
      return 0
    fi
    sleep 2
  done
  log "note: building Flightdeck's docs failed; they are built on first view instead"
}
