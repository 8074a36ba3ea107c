#!/usr/bin/env bash
# The whole test suite: unit, integration and doc tests (benchmarks are compiled by clippy in CI,
# and run with `cargo bench`), then the browser test (headless Chromium on the demo site served
# from a sub-path, with an axe-core accessibility check; see scripts/browser-test.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test --lib --bins --tests
cargo test --doc
bash scripts/browser-test.sh
