# load_env_file <file>: exports the NAME=value lines of a .env file (see
# .env.example). Sourced by ./flightdeck before anything else.
#
# A variable already set in the environment, even to nothing, keeps its value:
# `FLIGHTDECK_PORT=7100 ./flightdeck start` wins over .env. Values are taken
# literally, never evaluated by the shell ($VAR and $(...) stay as written).
# As in Docker Compose's .env: "..." and '...' quote a value; in an unquoted
# one, ` #` starts a comment.
# shellcheck shell=bash
load_env_file() {
  local file="$1" line name value number=0
  [[ -f "$file" ]] || return 0
  while IFS= read -r line || [[ -n "$line" ]]; do
    number=$((number + 1))
    line="${line%$'\r'}"
    [[ "$line" =~ ^[[:space:]]*(#|$) ]] && continue
    if [[ ! "$line" =~ ^[[:space:]]*(export[[:space:]]+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$ ]]; then
      # The line itself may hold a secret, so only its number is shown.
      printf '\nflightdeck: error: line %d of %s is not NAME=value (see .env.example)\n' \
        "$number" "$file" >&2
      exit 1
    fi
    name="${BASH_REMATCH[2]}"
    value="${BASH_REMATCH[3]}"
    if [[ "$value" =~ ^\"([^\"]*)\"[[:space:]]*(#.*)?$ || "$value" =~ ^\'([^\']*)\'[[:space:]]*(#.*)?$ ]]; then
      value="${BASH_REMATCH[1]}"
    else
      value="${value%%[[:space:]]#*}"
      value="${value%"${value##*[![:space:]]}"}"
    fi
    if [[ -z "${!name+set}" ]]; then export "$name=$value"; fi
  done <"$file"
}
