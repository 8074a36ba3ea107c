#!/usr/bin/env bash
# The whole test suite: unit, integration and doc tests (benchmarks are compiled by clippy in CI,
# and run with `cargo bench`).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test --lib --bins --tests
cargo test --doc
