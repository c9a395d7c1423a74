#!/bin/sh
# Development check, not run by tests: for each PDF in ../shared/disclosures/pdf, compare the
# multiset of non-whitespace characters read by yusuan (examples/pdflines --text) with
# `pdftotext -layout` (poppler-utils, the reference). Prints a Markdown table.
# Usage: benches/pdf_compare.sh [DIR]
set -eu
cd "$(dirname "$0")/.."
dir=${1:-../shared/disclosures/pdf}
cargo build --quiet --release --example pdflines
python3 - "$dir" <<'PY'
import collections, glob, os, subprocess, sys
exe = 'target/release/examples/pdflines'
print('| file | pdftotext | yusuan | equal | only pdftotext | only yusuan |')
print('|---|---|---|---|---|---|')
for f in sorted(glob.glob(os.path.join(sys.argv[1], '*.pdf'))):
    ref = subprocess.run(['pdftotext', '-layout', f, '-'], capture_output=True).stdout.decode('utf-8', 'replace')
    ours = subprocess.run([exe, f, '--text'], capture_output=True).stdout.decode('utf-8', 'replace')
    ours = ours.replace('\\u{27}', "'")  # pdflines escapes quotes
    a = collections.Counter(c for c in ref if not c.isspace())
    b = collections.Counter(c for c in ours if not c.isspace())
    show = lambda c: ' '.join('%s×%d' % (k, v) for k, v in c.most_common(8)) or '-'
    print('| %s | %d | %d | %s | %s | %s |' % (os.path.basename(f), sum(a.values()), sum(b.values()),
          'yes' if a == b else 'no', show(a - b), show(b - a)))
PY
