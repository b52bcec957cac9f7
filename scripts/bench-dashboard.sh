#!/usr/bin/env bash
# Dashboard benchmark (docs/benchmarks.md, issue 17): 10,000 volunteers and 200,000 records on Azurite. Not part of the
# test run. Starts its own in-memory Azurite on free loopback ports (Table through scripts/bench/azurite-table-bulk.cjs,
# as scripts/bench-hours.sh does), seeds with bench/Hours.Benchmarks (--keep, so the tables stay), adds projects and a
# liaison and times the monthly totals job and each endpoint in process with its table requests
# (bench/Dashboard.Benchmarks bench), then starts the bot on a free port in local mode on those tables and measures
# every API call over HTTP and the overview in headless Chromium (scripts/bench/dashboard-http.mjs). Stops everything
# it started, by PID, on exit.
# Usage: scripts/bench-dashboard.sh [--volunteers 10000] [--records 200000]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
# shellcheck source=lib/common.sh
. "$ROOT/scripts/lib/common.sh"
VOLUNTEERS=10000 RECORDS=200000
while [ $# -gt 0 ]; do
  case $1 in
    --volunteers) VOLUNTEERS=$2; shift 2 ;;
    --records) RECORDS=$2; shift 2 ;;
    *) echo "unknown argument: $1" >&2; exit 64 ;;
  esac
done
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT
OUT="$ROOT/.artifacts/bench-dashboard"
mkdir -p "$OUT"
ensure_node_modules

read -r BLOB QUEUE TABLE CONTROL DASH_PORT <<<"$(net free-ports 5)"
common=(--silent --skipApiVersionCheck --disableTelemetry --inMemoryPersistence)
node_modules/.bin/azurite-blob --blobHost 127.0.0.1 --blobPort "$BLOB" "${common[@]}" & PIDS+=($!)
node_modules/.bin/azurite-queue --queueHost 127.0.0.1 --queuePort "$QUEUE" "${common[@]}" & PIDS+=($!)
node --max-old-space-size=12288 scripts/bench/azurite-table-bulk.cjs "$TABLE" "$CONTROL" & PIDS+=($!)
for port in "$BLOB" "$QUEUE" "$TABLE" "$CONTROL"; do
  for _ in $(seq 1 100); do net busy "$port" && break; sleep 0.1; done
done
KEY="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
export VOLUNTEERBOT_TEST_STORAGE="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$KEY;BlobEndpoint=http://127.0.0.1:$BLOB/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$QUEUE/devstoreaccount1;TableEndpoint=http://127.0.0.1:$TABLE/devstoreaccount1;"
export VOLUNTEERBOT_BENCH_CLONE_URL="http://127.0.0.1:$CONTROL/"

echo "uptime at start: $(uptime)"
dotnet build bench/Hours.Benchmarks -c Release -nologo -v q >/dev/null
dotnet build bench/Dashboard.Benchmarks -c Release -nologo -v q >/dev/null
dotnet bench/Hours.Benchmarks/bin/Release/net10.0/Hours.Benchmarks.dll --volunteers "$VOLUNTEERS" --records "$RECORDS" --no-year-export --keep \
  | tee "$OUT/hours-seed.log"
PREFIX=$(grep -o 'prefix b[0-9a-f]*' "$OUT/hours-seed.log" | head -1 | cut -d' ' -f2)
[ -n "$PREFIX" ] || fail "no table prefix in the seed's output"
echo "uptime after seeding: $(uptime)"
LIAISON=00000000-0000-4000-8000-000000000000
dotnet bench/Dashboard.Benchmarks/bin/Release/net10.0/Dashboard.Benchmarks.dll bench --prefix "$PREFIX" --liaison "$LIAISON" | tee "$OUT/in-process.md"
DIVISION=$(grep -o 'liaison [0-9a-f-]* of d[0-9a-f]*' "$OUT/in-process.md" | awk '{print $4}')

DASH_URL="http://127.0.0.1:$DASH_PORT"
(
  cd "$ROOT/Bot"
  export ASPNETCORE_ENVIRONMENT=Development ConnectionStrings__Storage="$VOLUNTEERBOT_TEST_STORAGE" Storage__TablePrefix="$PREFIX" \
    Bot__AllowLocalUnauthenticated=true Links__PublicBaseUrl="$DASH_URL" Volunteering__CommitteeAadObjectIds__0="$DEV_COMMITTEE_ID" \
    Reminders__Enabled=false Dashboard__Totals__Enabled=false Logging__LogLevel__Default=Warning
  exec dotnet "$ROOT/bench/Dashboard.Benchmarks/bin/Release/net10.0/VolunteerBot.dll" --urls "$DASH_URL"
) >"$OUT/bot.log" 2>&1 &
PIDS+=($!)
case $(net wait "$DASH_URL/healthz" 120 "${PIDS[-1]}"; echo $?) in
  0) ;;
  *) fail "the bot did not start; see $OUT/bot.log" ;;
esac
DASH_URL="$DASH_URL" DASH_COMMITTEE="$DEV_COMMITTEE_ID" DASH_LIAISON="$LIAISON" DASH_DIVISION="$DIVISION" \
  node scripts/bench/dashboard-http.mjs | tee "$OUT/http.md"
echo "Azurite Table peak resident memory: $(awk '/VmHWM/ {print int($2/1024) " MB"}' "/proc/${PIDS[2]}/status")"
echo "uptime at end: $(uptime)"
