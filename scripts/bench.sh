#!/usr/bin/env bash
# Builds the release binary and runs `trialign bench` with the arguments
# given (see README, Performance), e.g. scripts/bench.sh --sizes 1k,10k
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
exec ./target/release/trialign bench "$@"
