#!/usr/bin/env bash
# End-to-end measure benchmark: all measures x all stratifiers over a store built by ingest-e2e.sh, read from
# SQLite and from PostgreSQL, evaluated, and the run (outcomes and counts) saved. Records wall time and peak memory.
# Not part of the test run.
#
#   benchmarks/measure-e2e.sh [WORKDIR]
#
# WORKDIR must hold what benchmarks/ingest-e2e.sh leaves there (export/, bench.db, and pg/data when PostgreSQL was
# used); when it does not, ingest-e2e.sh is run first with 1,000,000 patients.
set -euo pipefail
cd "$(dirname "$0")/.."
work="${1:-/tmp/radequity-bench-1m}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
if [ ! -f "$work/bench.db" ] || [ ! -f "$work/export/manifest.json" ]; then
  benchmarks/ingest-e2e.sh 1000000 "$work"
fi

dotnet build src/RadEquity.Cli -c Release -v quiet -nologo >/dev/null
cli=(dotnet src/RadEquity.Cli/bin/Release/net10.0/radequity.dll)
args=(--period 2025 --as-of 2026-01-01 --ruca "$work/export/zip-ruca.csv" --deprivation "$work/export/zip-deprivation.csv")

measure() { # label, command...
  local label="$1"; shift
  /usr/bin/time -f "$label: %e s wall, %M KiB peak RSS" -o "$work/$label.time" "$@" >"$work/$label.log" 2>&1
  cat "$work/$label.time"
  grep -E "^Read |^The fact snapshot|cms125 |cms130 " "$work/$label.log" | sed 's/[│┃]/ /g; s/  */ /g' || true
}

echo "== measure, $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ)"
measure measure-sqlite "${cli[@]}" measure --db "$work/bench.db" "${args[@]}"
measure report-sqlite "${cli[@]}" report --db "$work/bench.db" --out "$work/report.html" --measure-reports "$work/fhir" --deidentified

pgroot="$work/pg"
if [ -d "$pgroot/data" ]; then
  port=56432; while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D "$pgroot/data" -l "$pgroot/log" -w \
    -o "-p $port -k $pgroot -c listen_addresses=127.0.0.1 -c shared_buffers=1GB -c max_wal_size=8GB" start >/dev/null
  trap 'runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D "$pgroot/data" -m fast -w stop >/dev/null' EXIT
  measure measure-postgres "${cli[@]}" measure --db "Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres" "${args[@]}"
else
  echo "PostgreSQL: no cluster in $pgroot (run ingest-e2e.sh with PostgreSQL available), skipped"
fi
echo "logs in $work"
