#!/usr/bin/env bash
# Turn benchmark (docs/benchmarks.md, issue 15): the bot in Release on a private in-memory Azurite, local mode, its
# replies going to a loopback connector sink (bench/Turns.Benchmarks sink), loaded by wrk (Debian package `wrk`) with
# personal-chat message activities from the seeded volunteers (bench/turns/message.lua). For each connection count it
# prints turns/s, p50 and p99 latency, non-200 answers, the bot's and Azurite's CPU, and at the end the bot's peak RSS.
# Free loopback ports only; everything it starts is stopped by PID on exit. Not part of the test run.
# Each cell is followed by a "ceiling" cell: the same wrk load against the connector sink itself (a bare Kestrel
# endpoint that reads the body and answers), which shows what the shared machine allowed at that moment.
# BOT_DLL=/path/VolunteerBot.dll measures another build of the bot (e.g. an earlier commit) with the same harness.
# Usage: scripts/bench-turns.sh [--connections "16 64"] [--duration 20] [--warmup 10] [--users 64] [--text 帮助]
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=lib/common.sh
. "$ROOT/scripts/lib/common.sh"

CONNECTIONS="16 64" DURATION=20 WARMUP=10 USERS=64 TEXT="帮助"
while [ $# -gt 0 ]; do
  case "$1" in
    --connections) CONNECTIONS=$2; shift 2 ;;
    --duration) DURATION=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    --users) USERS=$2; shift 2 ;;
    --text) TEXT=$2; shift 2 ;;
    *) fail "unknown argument $1 (see the header of $0)" ;;
  esac
done
command -v wrk >/dev/null 2>&1 || fail "wrk is not installed: apt-get install -y wrk"
require_tools
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

WORK=$(mktemp -d "${TMPDIR:-/tmp}/volunteerbot-bench-turns.XXXXXX")
PIDS=()
# The bot and the sink first, Azurite last (the bot's senders would log failures against a stopped Azurite).
cleanup() { [ ${#PIDS[@]} -gt 1 ] && { stop_pids "${PIDS[@]:1}" 2>/dev/null || true; }; stop_pids "${PIDS[@]}" 2>/dev/null || true; if [ -n "${BENCH_KEEP_LOGS:-}" ]; then say "logs kept in $WORK"; else rm -rf "$WORK"; fi; }
trap cleanup EXIT

ensure_node_modules >/dev/null
say "-- building (Release)"
dotnet build "$ROOT/bench/Turns.Benchmarks" -c Release --nologo -v quiet -clp:ErrorsOnly >/dev/null
BENCH="$ROOT/bench/Turns.Benchmarks/bin/Release/net10.0/VolunteerBot.Benchmarks.Turns.dll"
BOT_DLL="${BOT_DLL:-$ROOT/Bot/bin/Release/net10.0/VolunteerBot.dll}"

read -r BLOB QUEUE TABLE SINK BOT <<<"$(net free-ports 5)"
"$ROOT/node_modules/.bin/azurite" --silent --inMemoryPersistence --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 \
  --blobPort "$BLOB" --queuePort "$QUEUE" --tablePort "$TABLE" --skipApiVersionCheck --disableTelemetry >"$WORK/azurite.log" 2>&1 &
AZURITE_PID=$!; PIDS+=("$AZURITE_PID")
for _ in $(seq 1 100); do net busy "$TABLE" && net busy "$QUEUE" && net busy "$BLOB" && break; sleep 0.2; done
net busy "$TABLE" || fail "Azurite did not start (see $WORK/azurite.log)"
STORAGE=$(azurite_connection_string "$BLOB" "$QUEUE" "$TABLE")
PREFIX="bench$(date +%s)"

dotnet "$BENCH" seed "$STORAGE" "$PREFIX" "$USERS" >"$WORK/users.txt"
say "-- Azurite (in memory, pid $AZURITE_PID) on 127.0.0.1:$TABLE; $USERS volunteers seeded"

dotnet "$BENCH" sink "$SINK" >"$WORK/sink.log" 2>&1 &
PIDS+=($!)
(
  export_bot_env "$STORAGE"
  export Storage__TablePrefix="$PREFIX"
  cd "$(dirname "$BOT_DLL")"   # the content root: appsettings.json (log levels, options) as deployed
  exec dotnet "$BOT_DLL" --urls "http://127.0.0.1:$BOT"
) >"$WORK/bot.log" 2>&1 &
BOT_PID=$!; PIDS+=("$BOT_PID")
net wait "http://127.0.0.1:$BOT/healthz" 60 "$BOT_PID" || { cat "$WORK/bot.log" >&2; fail "the bot did not start"; }
say "-- bot (Release, pid $BOT_PID) on 127.0.0.1:$BOT, connector sink on 127.0.0.1:$SINK"

URL="http://127.0.0.1:$BOT"
LOAD=(-s "$ROOT/bench/turns/message.lua" "$URL" -- "http://127.0.0.1:$SINK" "$WORK/users.txt" "$TEXT")
CEILING=(-s "$ROOT/bench/turns/message.lua" "http://127.0.0.1:$SINK" -- "http://127.0.0.1:$SINK" "$WORK/users.txt" "$TEXT")
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
HZ=$(getconf CLK_TCK)

say "-- warm-up ${WARMUP}s (every volunteer's first turn writes its reference and fills the profile's language copy)"
wrk -t2 -c16 -d"${WARMUP}s" "${LOAD[@]}" >/dev/null

say ""
say "| connections | turns/s | p50 | p99 | non-200 | bot CPU | Azurite CPU | uptime (load average) |"
say "|---|---|---|---|---|---|---|---|"
for c in $CONNECTIONS; do
  load=$(uptime | sed 's/.*load average: //')
  a0=$(ticks "$AZURITE_PID"); b0=$(ticks "$BOT_PID"); t0=$(date +%s.%N)
  wrk -t2 -c"$c" -d"${DURATION}s" --latency "${LOAD[@]}" >"$WORK/wrk-$c.txt"
  a1=$(ticks "$AZURITE_PID"); b1=$(ticks "$BOT_PID"); t1=$(date +%s.%N)
  rps=$(awk '/^Requests\/sec/ {printf "%.0f", $2}' "$WORK/wrk-$c.txt")
  p50=$(awk '$1 == "50%" {print $2}' "$WORK/wrk-$c.txt")
  p99=$(awk '$1 == "99%" {print $2}' "$WORK/wrk-$c.txt")
  bad=$(awk '/Non-2xx/ {print $NF} /Socket errors/ {print "socket errors: " $0}' "$WORK/wrk-$c.txt" | paste -sd' ')
  cpu() { awk -v d="$(( $2 - $1 ))" -v t0="$t0" -v t1="$t1" -v hz="$HZ" 'BEGIN {printf "%.0f %%", 100 * d / hz / (t1 - t0)}'; }
  say "| $c | $rps | $p50 | $p99 | ${bad:-0} | $(cpu "$b0" "$b1") | $(cpu "$a0" "$a1") | $load |"
  wrk -t2 -c"$c" -d"${DURATION}s" --latency "${CEILING[@]}" >"$WORK/ceiling-$c.txt"
  say "| $c, ceiling (sink alone) | $(awk '/^Requests\/sec/ {printf "%.0f", $2}' "$WORK/ceiling-$c.txt") | $(awk '$1 == "50%" {print $2}' "$WORK/ceiling-$c.txt") | $(awk '$1 == "99%" {print $2}' "$WORK/ceiling-$c.txt") | | | | $(uptime | sed 's/.*load average: //') |"
done
say ""
say "bot peak RSS (VmHWM): $(awk '/VmHWM/ {print int($2/1024) " MB"}' "/proc/$BOT_PID/status"); Azurite peak RSS: $(awk '/VmHWM/ {print int($2/1024) " MB"}' "/proc/$AZURITE_PID/status")"
say "bot log lines during the run: $(wc -l <"$WORK/bot.log") (warnings/errors: $(grep -c -E '^(warn|fail|crit)' "$WORK/bot.log" || true))"
say "uptime at end: $(uptime)"
if [ -n "${BENCH_KEEP_WRK:-}" ]; then cat "$WORK"/wrk-*.txt "$WORK"/ceiling-*.txt; fi
