#!/usr/bin/env bash
# Times `trialign align` on a long document pair made by repeating the shipped
# corpus N times (default 500: 10,000 English sentences), and reports wall time
# and peak memory. Usage: scripts/bench.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-500}"
cargo build --release --quiet
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for lang in en ru zh; do
  for _ in $(seq "$n"); do cat "corpora/statement/$lang.txt"; printf '\n\n'; done > "$work/$lang.txt"
done
echo "statement x$n: $(./target/release/trialign segment "$work/en.txt" --lang en | wc -l) English sentences"
/usr/bin/time -f "align en ru zh: %e s wall, %M KB peak" \
  ./target/release/trialign align "$work/en.txt" "$work/ru.txt" "$work/zh.txt" --langs en,ru,zh -o "$work/out" -q
