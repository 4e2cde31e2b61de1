# Sourced by the git hooks in .husky/: the Node and Yarn that ./flightdeck
# provisions, which a commit from an IDE or a plain shell would not find.
# HUSKY=0 skips the hooks (husky itself honours it); CI never runs them.
# shellcheck shell=sh
if [ -n "${CI:-}" ]; then exit 0; fi
for bin in "$PWD"/.flightdeck/tools/node_modules/node-*/bin "$PWD/.flightdeck/tools/node_modules/.bin"; do
  if [ -d "$bin" ]; then PATH="$bin:$PATH"; fi
done
export PATH
