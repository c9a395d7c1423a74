#!/bin/sh
# The browser's peak memory (VmHWM in /proc/PID/status) and how long its keys take on a folder
# read from its fresh cache, driven through tmux at 160×50: the picker, a search, the document
# of its first hit, that department's years, the sum of the year. Prints Markdown rows.
# Usage: benches/browser_memory.sh   (DEPARTMENTS=50000: 100,000 documents; CACHE=dir;
#        FIRST=1: the browser's first open, the cache emptied, so that it writes it itself;
#        NOINDEX=1: a cache `show` wrote, without the search index, which the browser builds)
# The folder must exist (see benches/cache.sh or the README for the synth command). Without
# FIRST, a `search` writes the cache and its index before the browser starts (not what is
# measured).
set -eu
cd "$(dirname "$0")/.."
N=${DEPARTMENTS:-50000}
DIR=target/bench-synth-$N
CACHE=${CACHE:-target/bench-cache-$N}
BIN=target/release/yusuan
cargo build --quiet --release
if [ -n "${FIRST:-}" ]; then
  rm -rf "$CACHE"
elif [ -n "${NOINDEX:-}" ]; then
  # A fresh cache without the search index, as `show` writes it.
  "$BIN" show 2080505 --data "$DIR" --cache-dir "$CACHE" > /dev/null
  rm -f "$CACHE"/folders/*.search.bin
else
  # A fresh cache and its index first (written by this command if missing or stale).
  "$BIN" search 2080505 --data "$DIR" --cache-dir "$CACHE" > /dev/null
fi
S=yusuan-memory-$$
tmux new-session -d -s "$S" -x 160 -y 50 "$BIN --data $DIR --cache-dir $CACHE"
trap 'tmux kill-session -t "$S" 2>/dev/null || true' EXIT
pid=$(tmux display -p -t "$S" '#{pane_pid}')
now() { date +%s%N; }
# Waits until the screen shows $1; prints how long since $2 (ns) and the peak memory so far.
row() {
  i=0
  until tmux capture-pane -p -t "$S" | grep -q -- "$1"; do
    sleep 0.02
    i=$((i + 1))
    if [ $i -ge 3000 ]; then
      echo "timed out waiting for '$1':" >&2
      tmux capture-pane -p -t "$S" >&2
      exit 1
    fi
  done
  ms=$((($(now) - $2) / 1000000))
  kb=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")
  echo "| $3 | ${ms} ms | $((kb / 1024)) MB |"
}
echo "$DIR through $CACHE: what, time to the screen, peak memory so far"
echo "| what | time | VmHWM |"
echo "|---|---|---|"
t=$(now)
row '选择文件' "$t" "picker (first screen, timed from the tmux start${FIRST:+; the cache written first})"
# Escape then `/` in one read would be Alt-/: a moment between them.
tmux send-keys -t "$S" Escape
sleep 0.5
t=$(now)
tmux send-keys -t "$S" /
tmux send-keys -t "$S" -l yanglao
row '200 个结果' "$t" 'search pane, `/yanglao` typed'
t=$(now)
tmux send-keys -t "$S" Enter
row '/yanglao  1/200' "$t" 'Enter: the first hit'"'"'s document'
t=$(now)
tmux send-keys -t "$S" t
row '各列来自' "$t" '`t`: the department'"'"'s years'
tmux send-keys -t "$S" t
sleep 0.5
t=$(now)
tmux send-keys -t "$S" a
row '个部门' "$t" '`a`: the sum of the year over every department'
tmux send-keys -t "$S" q
