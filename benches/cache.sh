#!/bin/sh
# The load cache's benchmark (issue 13), whole process, release build, warm file cache. Prints
# each figure as a Markdown row: median wall time and peak memory (max RSS) over RUNS runs.
# DuckDB answers the same question (the sum of 2080505 per year over all departments) from
# yusuan's own CSV and Parquet exports; it is installed into a venv under target/, never into the
# project.
# Usage: benches/cache.sh            (DEPARTMENTS=10000 RUNS=5 by default)
set -eu
cd "$(dirname "$0")/.."
N=${DEPARTMENTS:-10000}
DIR=target/bench-synth-$N
export RUNS=${RUNS:-5} DIR
cargo build --quiet --release
if [ ! -f "$DIR/done" ]; then
  cargo run --quiet --release --example synth -- --departments "$N" --years 2023,2024 --seed 1 --out "$DIR"
  touch "$DIR/done"
fi
if [ ! -x target/bench-venv/bin/python ]; then
  python3 -m venv target/bench-venv
  target/bench-venv/bin/pip install --quiet duckdb
fi
exec target/bench-venv/bin/python - <<'PY'
import os, shutil, statistics, subprocess, time

DIR, RUNS = os.environ['DIR'], int(os.environ['RUNS'])
BIN = 'target/release/yusuan'
CACHE = 'target/bench-cache'
PY = 'target/bench-venv/bin/python'


def run(argv, stdout=subprocess.DEVNULL):
    """Wall time (ms) and peak memory (MB) of one process."""
    t = time.perf_counter()
    p = subprocess.Popen(argv, stdout=stdout, stderr=subprocess.DEVNULL)
    _, status, ru = os.wait4(p.pid, 0)
    ms = (time.perf_counter() - t) * 1000
    assert os.waitstatus_to_exitcode(status) in (0, 1), (argv, status)
    return ms, ru.ru_maxrss / 1024


def row(what, argv, before=None, runs=RUNS):
    times, mems = [], []
    for _ in range(runs):
        if before:
            before()
        ms, mb = run(argv)
        times.append(ms)
        mems.append(mb)
    print(f'| {what} | {statistics.median(times):,.0f} ms | {max(mems):,.0f} MB | '
          f'{min(times):,.0f}–{max(times):,.0f} ms | `{" ".join(argv)}` |', flush=True)
    return statistics.median(times)


def clear():
    shutil.rmtree(CACHE, ignore_errors=True)


data = ['--data', DIR, '--cache-dir', CACHE]
print(f'{DIR}: {RUNS} runs each; median, peak memory, range, command')
print('| what | median | peak memory | range | command |')
print('|---|---|---|---|---|')
row('show, no cache', [BIN, 'show', '2080505', '--no-cache', '--data', DIR], runs=3)
row('show, first run (cache empty)', [BIN, 'show', '2080505', *data], before=clear, runs=3)
# `show` writes the cache without the search index; the first search builds it from the cache.
row('search --json, first after a first show (index built from the cache)',
    [BIN, 'search', '2080505', '--json', *data],
    before=lambda: (clear(), run([BIN, 'show', '2080505', *data])), runs=3)
row('search --json, first run (cache empty)', [BIN, 'search', '2080505', '--json', *data],
    before=clear, runs=3)
# The same files listed year first (2023/…, 2024/…: symlinks), not in the documents' order: the
# cache is written in the files' order, then sorted in a second pass (`cache::stream`).
YF, YC = DIR + '-year-first', 'target/bench-cache-year-first'
if not os.path.exists(YF):
    for root, _, names in os.walk(DIR):
        for name in names:
            if name.endswith('.json'):
                os.makedirs(f'{YF}/{name[-9:-5]}', exist_ok=True)
                os.symlink(os.path.abspath(os.path.join(root, name)), f'{YF}/{name[-9:-5]}/{name}')
row('show, first run, files listed year first', [BIN, 'show', '2080505', '--data', YF,
    '--cache-dir', YC], before=lambda: shutil.rmtree(YC, ignore_errors=True), runs=3)
show = row('show, cached', [BIN, 'show', '2080505', *data])
row('show 30101 (economic), cached', [BIN, 'show', '30101', *data])
row('search --json, cached', [BIN, 'search', '2080505', '--json', *data])
row('search 养老 (a name), cached', [BIN, 'search', '养老', *data])
row('search yanglao (pinyin), cached', [BIN, 'search', 'yanglao', *data])
# The first check over a fresh cache runs the checks and keeps their summary beside the cache.
row('check, first on a fresh cache (summary kept)', [BIN, 'check', *data], runs=1)
row('check, cached', [BIN, 'check', *data])
row('check --json (every check), cached', [BIN, 'check', '--json', *data], runs=1)
# Every command that needs every document, for the peak memory of any command.
row('check, no cache', [BIN, 'check', '--no-cache', '--data', DIR], runs=1)
row('check, first run (cache empty: the whole folder loaded, the cache written)',
    [BIN, 'check', *data], before=clear, runs=1)
row('export csv (stdout), first run (cache empty)', [BIN, 'export', '--format', 'csv', *data],
    before=clear, runs=1)
row('compare, cached', [BIN, 'compare', *data], runs=1)
row('export csv (stdout), cached', [BIN, 'export', '--format', 'csv', *data], runs=1)
row('export json (stdout), cached', [BIN, 'export', '--format', 'json', *data], runs=1)
# The browser needs a terminal: `script` gives it one (0×0 unless sized: 160×50 here, so that
# the frame is the document picker, not the "too small" notice); it draws one frame and exits.
row('browser start to first frame (160×50), cached',
    ['script', '-qec', f'stty cols 160 rows 50; {BIN} --first-frame-only {" ".join(data)}',
     '/dev/null'])

csv, pq = 'target/bench-export.csv', 'target/bench-export.parquet'
if not os.path.exists(csv):
    with open(csv, 'wb') as f:
        run([BIN, 'export', '--format', 'csv', *data], stdout=f)
row('export parquet, cached', [BIN, 'export', '--format', 'parquet', '--out', pq, *data], runs=1)
question = ("SELECT fiscal_year, sum(amount) FROM {src} WHERE code = '2080505' "
            "AND column_key = 'total' AND \"table\" = '表八' GROUP BY 1 ORDER BY 1")
csv_src = (f"read_csv('{csv}', types={{'code': 'VARCHAR', 'amount': 'DECIMAL(38,8)'}})")
answer = ''
for name, src in [('CSV', csv_src), ('Parquet', f"read_parquet('{pq}')")]:
    script = f'import duckdb; print(duckdb.sql("""{question.format(src=src)}""").fetchall())'
    duck = row(f'DuckDB on the {name} export', [PY, '-c', script])
    print(f'| ratio DuckDB ({name}) / yusuan show, cached | {duck / show:.1f}x | | | |')
    answer = subprocess.run([PY, '-c', script], capture_output=True, text=True).stdout.strip()
row('python -c "import duckdb" alone', [PY, '-c', 'import duckdb'])
print('DuckDB says:', answer)
PY
