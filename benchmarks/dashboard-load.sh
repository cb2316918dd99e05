#!/usr/bin/env bash
# Dashboard under load: the web app (Release) on a loopback HTTPS port against a store with completed measure runs, a
# signed-in administrator, and wrk with 20 connections over a mix of dashboard pages built from the store's latest run
# (its measures, every stratum, patients behind cells, patients' evidence, exports). Reports p50/p90/p95/p99 latency,
# requests/s and non-2xx responses (failures), for the mix and for each page type. Not part of the test run.
#
#   benchmarks/dashboard-load.sh [STORE] [SECONDS] [PAGE_SECONDS]
#
# STORE: an SQLite file with a completed measure run (default /tmp/bench1m/bench.db, made by ingest-e2e.sh and
# measure-e2e.sh); SECONDS: the mixed run (default 60); PAGE_SECONDS: each page type's run (default 20, 0 skips them).
# Needs wrk and sqlite3 (Debian packages `wrk` and `sqlite3`), curl and GNU time (`time`). The app adds an administrator
# to the store (RADEQUITY_LOAD_EMAIL / RADEQUITY_LOAD_PASSWORD, defaults below) unless one exists, and appends an audit
# event for every patient page it serves: the load writes to the store, as real use does. Exits 1 when any response
# was not 2xx or a socket failed; says whether each p95 met the issue's 200 ms.
set -euo pipefail
cd "$(dirname "$0")/.."
store="$(realpath "${1:-/tmp/bench1m/bench.db}")"
seconds="${2:-60}"
page_seconds="${3:-20}"
email="${RADEQUITY_LOAD_EMAIL:-load-test@radequity.invalid}"
password="${RADEQUITY_LOAD_PASSWORD:-Load-test-2026-bench}"
connections=20 threads=2
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

for tool in wrk sqlite3 curl /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "needs $tool (apt-get install $tool)" >&2; exit 1; }
done
[ -f "$store" ] || { echo "no store at $store" >&2; exit 1; }
q() { sqlite3 -readonly -batch -noheader -separator "${sep:-|}" "$store" "$@"; }
run="$(q "select max(id) from measure_runs where status = 'completed'")"
[ -n "$run" ] || { echo "$store has no completed measure run" >&2; exit 1; }

work="$(mktemp -d /tmp/radequity-load.XXXXXX)"
dotnet build src/RadEquity.Web -c Release -v quiet -nologo >"$work/build.log" 2>&1 || { grep -E 'error|rror\(s\)' "$work/build.log" >&2; exit 1; }
port=5443; while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
base="https://127.0.0.1:$port"

# From its output folder, as deployed: the content root (appsettings.json, its log levels) is the working directory.
(cd src/RadEquity.Web/bin/Release/net10.0 && exec env RadEquity__Database="$store" RadEquity__Admin__Email="$email" \
  RadEquity__Admin__Password="$password" RadEquity__Demo__Enabled=false ASPNETCORE_ENVIRONMENT=Production \
  dotnet RadEquity.Web.dll --urls "$base") >"$work/app.log" 2>&1 &
app=$!
trap 'kill "$app" 2>/dev/null; wait "$app" 2>/dev/null || true' EXIT
for _ in $(seq 1 240); do
  curl -ksf "$base/health" >/dev/null 2>&1 && break
  kill -0 "$app" 2>/dev/null || { echo "the app stopped; log:" >&2; cat "$work/app.log" >&2; exit 1; }
  sleep 0.5
done
curl -ksf "$base/health" >/dev/null || { echo "no /health after 120 s; log in $work/app.log" >&2; exit 1; }

# Sign in as a browser does: the form's antiforgery token, then the post; keep the cookies for wrk.
jar="$work/cookies"
token="$(curl -ks -c "$jar" -b "$jar" "$base/account/sign-in" \
  | sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -n 1)"
[ -n "$token" ] || { echo "no antiforgery token on /account/sign-in" >&2; exit 1; }
signed="$(curl -ks -c "$jar" -b "$jar" -o /dev/null -w '%{http_code} %{redirect_url}' "$base/account/sign-in" \
  --data-urlencode "Input.Email=$email" --data-urlencode "Input.Password=$password" --data-urlencode "__RequestVerificationToken=$token")"
[ "${signed%% *}" = 302 ] || { echo "sign-in as $email failed ($signed); set RADEQUITY_LOAD_EMAIL/PASSWORD" >&2; exit 1; }
cookie="$(awk -F'\t' 'NF >= 7 && ($1 !~ /^#/ || $1 ~ /^#HttpOnly_/) { printf "%s%s=%s", sep, $6, $7; sep = "; " }' "$jar")"

# The pages, from the latest completed run: every measure, every non-empty stratum, and patients sampled evenly.
urlencode() {
  local LC_ALL=C s="$1" out="" c h i
  for ((i = 0; i < ${#s}; i++)); do
    c="${s:i:1}"
    case "$c" in
      [a-zA-Z0-9.~_-]) out+="$c" ;;
      *) printf -v h '%%%02X' "'$c"; out+="$h" ;;
    esac
  done
  printf '%s' "$out"
}
pages="$work/pages"; mkdir -p "$pages"
q "select distinct measure_id from measure_counts where run_id = $run order by 1" >"$work/measures"
: >"$pages/overview"; : >"$pages/measure"; : >"$pages/csv"; : >"$pages/measure-report"; : >"$pages/report-html"
while read -r m; do
  echo "/dashboard" >>"$pages/overview"
  echo "/dashboard/measures/$m" >>"$pages/measure"
  echo "/dashboard/measures/$m/export.csv" >>"$pages/csv"
  echo "/dashboard/measures/$m/measure-report.json" >>"$pages/measure-report"
  echo "/dashboard/report.html" >>"$pages/report-html"
done <"$work/measures"
# Every stratum with eligible patients, page 1; every fifth also pages 2 and 3 (earliest-due first, then later).
sep=$'\t' q "select measure_id, stratifier_id, category from measure_counts
  where run_id = $run and stratifier_id <> 'overall' and denominator > 0 order by 1, 2, 3" \
  | awk 'NR % 5 == 0 { print $0 "\t2"; print $0 "\t3" } { print $0 "\t1" }' \
  | while IFS=$'\t' read -r m s c p; do
      echo "/dashboard/measures/$m/patients?stratifier=$(urlencode "$s")&category=$(urlencode "$c")&p=$p"
    done >"$pages/patients"
# 400 outcome rows spread evenly over the run's rows: patients of every measure, in and out of the numerator.
read -r first last < <(sep=' ' q "select min(rowid), max(rowid) from measure_outcomes where run_id = $run")
sep=$'\t' q "with recursive n(i) as (select 0 union all select i + 1 from n where i < 399)
  select o.source, o.patient_id, o.measure_id from n join measure_outcomes o on o.rowid = $first + n.i * ($last - $first) / 400
  where o.run_id = $run order by n.i" \
  | while IFS=$'\t' read -r s p m; do
      echo "/dashboard/patients/$(urlencode "$s")/$(urlencode "$p")?measure=$(urlencode "$m")"
    done >"$pages/patient"
# The mix, per 20 requests: 3 overview, 5 measure, 5 patients behind a cell, 4 patient evidence, one of each export.
awk -v dir="$pages" 'BEGIN {
  split("overview measure patients patient csv measure-report report-html", types, " ")
  split("3 5 5 4 1 1 1", weights, " ")
  for (t = 1; t <= 7; t++) { n[t] = 0; while ((getline line < (dir "/" types[t])) > 0) url[t, ++n[t]] = line }
  for (round = 0; round < 200; round++)
    for (t = 1; t <= 7; t++) for (w = 0; w < weights[t]; w++) { k = round * weights[t] + w; print url[t, k % n[t] + 1] }
}' >"$work/mix"

# Every page type answers 200 before anything is timed.
for f in overview measure patients patient csv measure-report report-html; do
  path="$(head -n 1 "$pages/$f")"
  status="$(curl -ks -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$base$path")"
  [ "$status" = 200 ] || { echo "$path answered $status" >&2; exit 1; }
done

# Other processes' share of the machine during a run (the app and wrk excluded), from /proc: the cores are shared.
busy_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 }' /proc/stat; }
app_ticks() { awk '{ print $14 + $15 }' "/proc/$app/stat"; }
load() { # label, seconds, paths file
  local busy0 app0 busy1 app1
  busy0="$(busy_ticks)"; app0="$(app_ticks)"
  /usr/bin/time -f '%e %U %S' -o "$work/$1.time" \
    wrk -c "$connections" -t "$threads" -d "$2s" --timeout 10s -H "Cookie: $cookie" -s benchmarks/load/dashboard.lua "$base" -- "$3" "$1" \
    >"$work/$1.wrk"
  busy1="$(busy_ticks)"; app1="$(app_ticks)"
  read -r elapsed wrk_user wrk_system <"$work/$1.time"
  { grep -E '^RESULT' "$work/$1.wrk" | tr -d '\n'
  awk -v b="$((busy1 - busy0))" -v a="$((app1 - app0))" -v u="$wrk_user" -v s="$wrk_system" -v e="$elapsed" -v n="$(nproc)" -v hz="$(getconf CLK_TCK)" \
    'BEGIN { other = 100 * (b - a - (u + s) * hz) / hz / e / n
             printf " app_cpu=%.0f%% wrk_cpu=%.0f%% other_cpu=%.0f%%\n", 100 * a / hz / e / n, 100 * (u + s) / e / n, (other > 0 ? other : 0) }'
  } | tee -a "$work/results"
  grep -E '^non-2xx' "$work/$1.wrk" || true
}

echo "== dashboard under load, $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "store $store, run $run ($(q "select patients from measure_runs where id = $run") patients), $(wc -l <"$pages/patients") cell pages, $(wc -l <"$pages/patient") patients"
echo "$(wrk -v 2>&1 | head -n 1 | cut -d' ' -f1-2) -c $connections -t $threads against $base; other_cpu = other processes' share of the machine"
load warm-up 20 "$work/mix" >/dev/null
: >"$work/results"
load mix "$seconds" "$work/mix"
if [ "$page_seconds" -gt 0 ]; then
  for f in overview measure patients patient csv measure-report report-html; do
    load "$f" "$page_seconds" "$pages/$f"
  done
fi
echo "load average after $(cut -d' ' -f1-3 /proc/loadavg); wrk output and app log in $work"
awk '{ for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
       printf "%s p95 %s ms: %s\n", v["label"], v["p95_ms"], v["p95_ms"] + 0 < 200 ? "under 200 ms" : "OVER 200 ms"
       failed += v["non2xx"] + v["socket_errors"] }
     END { if (failed) { print failed " failed requests (non-2xx or socket errors)"; exit 1 } }' "$work/results"
