#!/usr/bin/env bash
# Browser test: builds the demo into a temporary folder and runs tests/browser/run.mjs on it.
# Needs node >= 20 and Debian's chromium (`apt-get install -y chromium`; .ci/run installs it).
set -euo pipefail
cd "$(dirname "$0")/.."
chromium_bin="${CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$chromium_bin" ] && [ -z "${CHROMIUM:-}" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  # A fresh machine: install Debian's Chromium (never a downloaded browser build).
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq chromium >/dev/null
fi
if [ ! -x "$chromium_bin" ]; then
  echo "error: the browser test needs Chromium at $chromium_bin: install Debian's package (apt-get install -y chromium) or set CHROMIUM" >&2
  exit 1
fi
if ! command -v node >/dev/null; then
  echo "error: the browser test needs node >= 20 and npm (apt-get install -y nodejs npm)" >&2
  exit 1
fi
if [ ! -d tests/browser/node_modules/playwright-core ] || [ ! -d tests/browser/node_modules/axe-core ]; then
  (cd tests/browser && npm ci --no-audit --no-fund)
fi
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
cargo run --quiet -- build --quiet --output "$out/public"
node tests/browser/run.mjs "$out/public"
