# log, step and fail: how every script here reports and stops; needs nothing sourced before it.
# shellcheck shell=bash

SECONDS_AT_START=$SECONDS

log() { printf '%s\n' "$*"; }
step() { printf '\n==> %s  [%ss]\n' "$*" "$((SECONDS - SECONDS_AT_START))"; }
fail() {
  printf '\nflightdeck: error: %s\n' "$*" >&2
  exit 1
}
