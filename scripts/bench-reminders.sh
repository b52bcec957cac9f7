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
cd "$(dirname "$0")/.."
RECIPIENTS="${1:-10000}"

if [ ! -x node_modules/.bin/azurite ]; then
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund >/dev/null
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
BLOB=$(free_port); QUEUE=$(free_port); TABLE=$(free_port)
# Data in a temp dir, not --inMemoryPersistence: Azurite's in-memory extent store keeps one extent per queue
# message, and its queue GC (every 60 s) deletes them one by one with a full scan each — with thousands of
# delivered messages that blocks the emulator for up to a minute. On disk many messages share an extent file.
DATA=$(mktemp -d)
node_modules/.bin/azurite --silent --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 \
  --blobPort "$BLOB" --queuePort "$QUEUE" --tablePort "$TABLE" --skipApiVersionCheck --disableTelemetry --location "$DATA" &
AZURITE_PID=$!
cleanup() { kill "$AZURITE_PID" 2>/dev/null || true; wait "$AZURITE_PID" 2>/dev/null || true; rm -rf "$DATA"; }
trap cleanup EXIT

for port in "$BLOB" "$QUEUE" "$TABLE"; do
  for _ in $(seq 1 100); do (echo > "/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
done
kill -0 "$AZURITE_PID" 2>/dev/null || { echo "Azurite did not start" >&2; exit 1; }

KEY="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
STORAGE="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$KEY;BlobEndpoint=http://127.0.0.1:$BLOB/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$QUEUE/devstoreaccount1;TableEndpoint=http://127.0.0.1:$TABLE/devstoreaccount1;"

dotnet build bench/Bot.Benchmarks -c Release -nologo -v q >/dev/null
BENCH=bench/Bot.Benchmarks/bin/Release/net10.0/VolunteerBot.Benchmarks
OUT=bench/results.md
echo "## $(date -u '+%Y-%m-%d %H:%M UTC') on $(nproc) cores" >> "$OUT"
status=0
"$BENCH" run --storage "$STORAGE" --recipients "$RECIPIENTS" --kill-at 0 --out "$OUT" || status=1
"$BENCH" run --storage "$STORAGE" --recipients "$RECIPIENTS" --kill-at 0.5 --out "$OUT" || status=1
exit $status
