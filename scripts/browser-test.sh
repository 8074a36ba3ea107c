#!/usr/bin/env bash
# Browser test: builds the demo into a temporary folder and runs tests/browser/run.mjs on it, then
# tests/browser/preview.mjs on `annales serve` of a copy of the demo (the preview under its CSP).
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
cargo build --quiet
target_dir="$(cargo metadata --format-version 1 --no-deps | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).target_directory))')"
"$target_dir/debug/annales" build --quiet --output "$out/public"
status=0
node tests/browser/run.mjs "$out/public" "$target_dir/debug/annales" . || status=1
# The live preview under its Content-Security-Policy, in the same browser.
node tests/browser/preview.mjs "$target_dir/debug/annales" . || status=1
exit $status
