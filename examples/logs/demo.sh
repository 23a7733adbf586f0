#!/bin/sh
# The period demo: open the two example periods in a fresh database under OUT, import their logs,
# check them and render the period reports. Usage: sh examples/logs/demo.sh [SOPDOC] [OUT]
set -eu
SOPDOC=${1:-.venv/bin/sopdoc}
OUT=${2:-out}
HERE=$(dirname "$0")
DB="$OUT/periode.db"
CFG="$HERE/sopdoc.toml"
mkdir -p "$OUT"
rm -f "$DB" "$DB-wal" "$DB-shm" "$DB.key"  # the key is made with the database (unless SOPDOC_LOG_KEY_FILE)
export SOPDOC_USER="${SOPDOC_USER:-demo}"

run_period() {  # SOP PERIOD LOG [REASON to open despite the SOP's errors]
    name=$(basename "$1" .sop.yaml)-$2
    if [ -n "${4:-}" ]; then
        "$SOPDOC" period open "$1" --period "$2" --db "$DB" --config "$CFG" --paksa "$4" > "$OUT/$name.plan.txt" 2> /dev/null
    else
        "$SOPDOC" period open "$1" --period "$2" --db "$DB" --config "$CFG" > "$OUT/$name.plan.txt"
    fi
    "$SOPDOC" log import "$name" "$3" --db "$DB" 2> /dev/null
    rc=0; "$SOPDOC" period check "$name" --db "$DB" --config "$CFG" > "$OUT/$name.check.txt" || rc=$?
    [ "$rc" -le 1 ] || exit "$rc"
    "$SOPDOC" period check "$name" --db "$DB" --config "$CFG" --format json > "$OUT/$name.check.json" || true
    tail -n 2 "$OUT/$name.check.txt"
    "$SOPDOC" period render "$name" --db "$DB" --config "$CFG" --format docx,pdf --out "$OUT"
}

# seed 000 is a real signed SOP as printed: its flowchart lacks the Mulai/Selesai terminators (SOP309).
run_period examples/seed-000-distan-buleleng.sop.yaml 2026-10 "$HERE/seed-000-distan-buleleng-2026-10.csv" \
    "SOP bertanda tangan berlaku apa adanya; terminator belum digambar (SOP309)"
run_period examples/pengumpulan-data-kinerja.sop.yaml 2026-TW3 "$HERE/pengumpulan-data-kinerja-2026-TW3.csv"
"$SOPDOC" log verify --db "$DB"
