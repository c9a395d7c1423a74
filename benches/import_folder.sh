#!/usr/bin/env bash
# Importing a folder of 100 published PDFs (copies of the 12 Shanghai budgets in
# ../shared/disclosures/pdf) with `yusuan import --dry-run`, on both cores and pinned to one, with
# hyperfine. Prints the medians. Needs hyperfine (apt-get install hyperfine) and ../shared.
set -euo pipefail
cd "$(dirname "$0")/.."
src=../shared/disclosures/pdf
[ -d "$src" ] || { echo "SKIPPED: $src absent"; exit 0; }
cargo build --release --quiet
dir=target/bench-import-100
rm -rf "$dir" && mkdir -p "$dir"
i=0
while [ "$i" -lt 100 ]; do
  for f in "$src"/sh*_20*.pdf; do
    case "$f" in *juesuan*) continue ;; esac
    [ "$i" -lt 100 ] || break
    cp "$f" "$dir/$(printf %03d "$i")_$(basename "$f")"
    i=$((i + 1))
  done
done
echo "100 PDFs, $(du -sh "$dir" | cut -f1)"
# Exit 1 is expected: one of the budgets has findings (see README, Import).
hyperfine -i --warmup 1 --runs 5 --export-json target/bench-import-100.json \
  "./target/release/yusuan import --dry-run $dir/*.pdf > /dev/null" \
  "taskset -c 0 ./target/release/yusuan import --dry-run $dir/*.pdf > /dev/null" || true
python3 - <<'PY'
import json
r = json.load(open("target/bench-import-100.json"))["results"]
for x in r:
    print(f"median {x['median']*1000:.0f} ms  ({x['command'][:60]})")
if len(r) == 2:
    print(f"one core / two cores: {r[1]['median']/r[0]['median']:.2f}x")
PY
