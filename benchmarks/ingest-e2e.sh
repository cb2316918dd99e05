#!/usr/bin/env bash
# End-to-end benchmark: generate N patients, then ingest them into SQLite and into PostgreSQL, recording wall
# time, throughput and peak memory (GNU time's maximum resident set size). Not part of the test run.
#
#   benchmarks/ingest-e2e.sh [PATIENTS] [WORKDIR]
#
# PostgreSQL: uses $RADEQUITY_BENCH_POSTGRES (a connection string) when set; otherwise starts a throwaway
# PostgreSQL 15 cluster on loopback (as the postgres user) in WORKDIR and stops it at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
patients="${1:-1000000}"
work="${2:-$(mktemp -d /tmp/radequity-bench.XXXXXX)}"
mkdir -p "$work"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

dotnet build src/RadEquity.Cli -c Release -v quiet -nologo >/dev/null
cli=(dotnet src/RadEquity.Cli/bin/Release/net10.0/radequity.dll)

measure() { # label, command...
  local label="$1"; shift
  /usr/bin/time -f "$label: %e s wall, %M KiB peak RSS" -o "$work/$label.time" "$@" >"$work/$label.log" 2>&1
  cat "$work/$label.time"
  grep -E "Resources |Time |Throughput|Quarantined" "$work/$label.log" | sed 's/[│┃]/ /g; s/  */ /g' || true
}

echo "== $patients patients, $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ)"
rm -rf "$work/export" "$work/bench.db"*
measure generate "${cli[@]}" generate --patients "$patients" --seed 1 --as-of 2026-01-01 --out "$work/export"
echo "export: $(du -sh "$work/export" | cut -f1), $(cat "$work"/export/*.ndjson | wc -l) resources"

measure ingest-sqlite "${cli[@]}" ingest "$work/export/manifest.json" --db "$work/bench.db"
echo "sqlite file: $(du -sh "$work/bench.db" | cut -f1)"
measure reingest-sqlite "${cli[@]}" ingest "$work/export/manifest.json" --db "$work/bench.db"

pg="${RADEQUITY_BENCH_POSTGRES:-}"
if [ -z "$pg" ] && [ -x /usr/lib/postgresql/15/bin/initdb ]; then
  pgroot="$work/pg"; rm -rf "$pgroot"; mkdir -p "$pgroot"; chown postgres:postgres "$pgroot"
  port=56432; while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  runuser -u postgres -- /usr/lib/postgresql/15/bin/initdb -D "$pgroot/data" -A trust -U postgres -E UTF8 >/dev/null
  runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D "$pgroot/data" -l "$pgroot/log" -w \
    -o "-p $port -k $pgroot -c listen_addresses=127.0.0.1 -c shared_buffers=1GB -c max_wal_size=8GB" start >/dev/null
  trap 'runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D "$pgroot/data" -m fast -w stop >/dev/null' EXIT
  pg="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
fi
if [ -n "$pg" ]; then
  measure ingest-postgres "${cli[@]}" ingest "$work/export/manifest.json" --db "$pg"
  measure reingest-postgres "${cli[@]}" ingest "$work/export/manifest.json" --db "$pg"
else
  echo "PostgreSQL: not available, skipped"
fi
echo "logs in $work"
