#!/usr/bin/env bash
# Delivery in the deployed shape (issue 14): ONE bot process (the Release build: fan-out and senders together, as
# App Service runs it) in local mode on a private Azurite; the committee sends 立即提醒 through /api/messages; a
# loopback connector enforces Teams' limits (50/s per app; per conversation 7/1 s, 8/2 s, 60/30 s; 429 with
# Retry-After) with 1 % injected 500s. Each scenario gets a fresh Azurite (free loopback ports, stopped on exit).
#
#   scripts/bench-delivery.sh [--recipients 10000] [--scenarios rate,latency,kill,create] [--in-memory] [--out FILE]
#
#   rate     N volunteers with a personal conversation each
#   latency  the same, the connector answering after 150 ms
#   kill     the same as rate, the bot SIGKILLed at 50 % and started again with the same instance id
#   create   N volunteers on the roster with a Teams id and no conversation: every send first creates the chat
#
# --in-memory runs Azurite with --inMemoryPersistence (no 5 s autosave to disk) to tell the emulator's share of the
# figures from the bot's. Reports go to stdout and are appended to FILE (default bench/results.md); the per-second
# series (seconds.csv) and the bot's logs to .artifacts/bench-delivery/<scenario>-<time>/. Not part of the test
# suite: a 10,000 run takes 4–8 minutes.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=lib/common.sh
. "$ROOT/scripts/lib/common.sh"
cd "$ROOT"

RECIPIENTS=10000
SCENARIOS="rate,latency,kill,create"
IN_MEMORY=0
OUT="$ROOT/bench/results.md"
while [ $# -gt 0 ]; do
  case "$1" in
    --recipients) RECIPIENTS=$2; shift 2 ;;
    --scenarios) SCENARIOS=$2; shift 2 ;;
    --in-memory) IN_MEMORY=1; shift ;;
    --out) OUT=$2; shift 2 ;;
    *) fail "unknown argument $1 (see the header of $0)" ;;
  esac
done

[ -x node_modules/.bin/azurite ] || ensure_node_modules

say "building the bot and the benchmark (Release)..."
dotnet build Bot/Bot.csproj -c Release -nologo -v q -clp:ErrorsOnly >/dev/null
dotnet build bench/Bot.Benchmarks -c Release -nologo -v q -clp:ErrorsOnly >/dev/null
BOT_DLL="$ROOT/Bot/bin/Release/net10.0/VolunteerBot.dll"
export_runtime_env   # the runtime settings the deployed app gets (lib/common.sh); the driver's bot inherits them
BENCH="$ROOT/bench/Bot.Benchmarks/bin/Release/net10.0/VolunteerBot.Benchmarks"

DATA=""
AZURITE_PID=""
cleanup() { stop_pids "$AZURITE_PID"; [ -n "$DATA" ] && rm -rf "$DATA"; }
trap cleanup EXIT

# start_private_azurite: a fresh emulator for one scenario (on disk in a temp dir, or in memory).
start_private_azurite() {
  stop_pids "$AZURITE_PID"
  AZURITE_PID=""
  [ -n "$DATA" ] && rm -rf "$DATA"
  DATA=$(mktemp -d)
  read -r BLOB QUEUE TABLE <<<"$(net free-ports 3)"
  local where=(--location "$DATA")
  [ "$IN_MEMORY" = 1 ] && where=(--inMemoryPersistence)
  "$ROOT/node_modules/.bin/azurite" --silent "${where[@]}" \
    --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 \
    --blobPort "$BLOB" --queuePort "$QUEUE" --tablePort "$TABLE" \
    --skipApiVersionCheck --disableTelemetry >"$DATA/azurite.log" 2>&1 &
  AZURITE_PID=$!
  for _ in $(seq 1 100); do
    net busy "$TABLE" && net busy "$QUEUE" && net busy "$BLOB" && break
    kill -0 "$AZURITE_PID" 2>/dev/null || { cat "$DATA/azurite.log" >&2; fail "Azurite did not start"; }
    sleep 0.2
  done
  STORAGE=$(azurite_connection_string "$BLOB" "$QUEUE" "$TABLE")
}

STORE="Azurite on disk"
[ "$IN_MEMORY" = 1 ] && STORE="Azurite in memory"
echo "## Delivery in the deployed shape — $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $STORE" >>"$OUT"
status=0
IFS=',' read -r -a LIST <<<"$SCENARIOS"
for scenario in "${LIST[@]}"; do
  start_private_azurite
  args=(deployed --storage "$STORAGE" --bot "$BOT_DLL" --recipients "$RECIPIENTS" --azurite-pid "$AZURITE_PID"
        --out "$OUT" --logs "$DATA/logs")
  case "$scenario" in
    rate) args+=(--label "$RECIPIENTS volunteers ($STORE)") ;;
    latency) args+=(--latency-ms 150 --label "$RECIPIENTS volunteers, 150 ms connector latency ($STORE)") ;;
    kill) args+=(--kill-at 0.5 --label "$RECIPIENTS volunteers, SIGKILL at 50 % and restart ($STORE)") ;;
    create) args+=(--create true --label "$RECIPIENTS volunteers with no conversation: create, then send ($STORE)") ;;
    *) fail "unknown scenario $scenario" ;;
  esac
  say "=== $scenario (load $(cut -d' ' -f1-3 /proc/loadavg))"
  "$BENCH" "${args[@]}" || status=1
  if [ -d "$DATA/logs" ]; then
    mkdir -p "$ROOT/.artifacts/bench-delivery"
    cp -r "$DATA/logs" "$ROOT/.artifacts/bench-delivery/$scenario-$(date -u +%H%M%S)"
  fi
done
exit $status
