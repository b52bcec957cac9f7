#!/usr/bin/env bash
# Reminder delivery benchmark (issue 6): one run to N recipients through the real Azure Storage queue on a
# private Azurite, against a loopback connector that enforces Teams' limits (50 rps per app, 7/s and 60/30 s per
# conversation) and injects 1 % random 500s. Runs two scenarios: no kill, and the sender process SIGKILLed at 50 %
# and restarted. Prints a markdown report (also appended to bench/results.md).
#
#   scripts/bench-reminders.sh [recipients=10000]
#
# Not part of the test suite: 10,000 messages at ~48/s take about 3½ minutes per scenario.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=lib/common.sh
. "$ROOT/scripts/lib/common.sh"
cd "$ROOT"
RECIPIENTS="${1:-10000}"

if [ ! -x node_modules/.bin/azurite ]; then
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund >/dev/null
fi

# Data in a temp dir, not --inMemoryPersistence: Azurite's in-memory extent store keeps one extent per queue
# message, and its queue GC (every 60 s) deletes them one by one with a full scan each — with thousands of
# delivered messages that blocks the emulator for up to a minute. On disk many messages share an extent file.
DATA=$(mktemp -d)
AZURITE_PID=""
cleanup() { stop_pids "$AZURITE_PID"; rm -rf "$DATA"; }
trap cleanup EXIT

read -r BLOB QUEUE TABLE <<<"$(net free-ports 3)"
if ! start_azurite "$DATA" "$DATA/azurite.log" "$BLOB" "$QUEUE" "$TABLE"; then
  cat "$DATA/azurite.log" >&2 || true
  fail "Azurite did not start on 127.0.0.1:$BLOB/$QUEUE/$TABLE"
fi
STORAGE=$(azurite_connection_string "$BLOB" "$QUEUE" "$TABLE")

dotnet build bench/Bot.Benchmarks -c Release -nologo -v q >/dev/null
BENCH=bench/Bot.Benchmarks/bin/Release/net10.0/VolunteerBot.Benchmarks
OUT=bench/results.md
echo "## $(date -u '+%Y-%m-%d %H:%M UTC') on $(nproc) cores" >> "$OUT"
status=0
"$BENCH" run --storage "$STORAGE" --recipients "$RECIPIENTS" --kill-at 0 --out "$OUT" || status=1
"$BENCH" run --storage "$STORAGE" --recipients "$RECIPIENTS" --kill-at 0.5 --out "$OUT" || status=1
exit $status
