#!/usr/bin/env bash
# The whole test suite: unit, integration and doc tests.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test --all-targets
cargo test --doc
