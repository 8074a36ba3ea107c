#!/usr/bin/env bash
# The whole test suite: unit, integration and doc tests, then the browser test (headless
# Chromium on the demo site served from a sub-path, with an axe-core accessibility check).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test --all-targets
cargo test --doc
bash scripts/browser-test.sh
