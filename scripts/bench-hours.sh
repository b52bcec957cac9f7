#!/usr/bin/env bash
# Hours benchmark (docs/benchmarks.md): 10,000 volunteers, 200,000 records; not part of the test run.
# Starts its own Azurite in memory on free loopback ports (stopped on exit), unless VOLUNTEERBOT_TEST_STORAGE is
# set; the shared dev Azurite persists to disk every few seconds, which both slows a 400,000-row run and would
# slow everybody else's tests. Tables get a fresh prefix and are dropped at the end (--keep keeps them).
# Usage: scripts/bench-hours.sh [--volunteers 10000] [--records 200000] [--concurrency 16] [--no-year-export] [--keep]
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${VOLUNTEERBOT_TEST_STORAGE:-}" ]; then
  if [ ! -x node_modules/.bin/azurite ]; then
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund >/dev/null
  fi
  free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
  BLOB=$(free_port); QUEUE=$(free_port); TABLE=$(free_port)
  node_modules/.bin/azurite --silent --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 \
    --blobPort "$BLOB" --queuePort "$QUEUE" --tablePort "$TABLE" --skipApiVersionCheck --disableTelemetry --inMemoryPersistence &
  AZURITE_PID=$!
  cleanup() { kill "$AZURITE_PID" 2>/dev/null || true; wait "$AZURITE_PID" 2>/dev/null || true; }
  trap cleanup EXIT
  for port in "$BLOB" "$QUEUE" "$TABLE"; do
    for _ in $(seq 1 100); do (echo > "/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
  done
  kill -0 "$AZURITE_PID" 2>/dev/null || { echo "Azurite did not start" >&2; exit 1; }
  KEY="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
  export VOLUNTEERBOT_TEST_STORAGE="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$KEY;BlobEndpoint=http://127.0.0.1:$BLOB/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$QUEUE/devstoreaccount1;TableEndpoint=http://127.0.0.1:$TABLE/devstoreaccount1;"
  echo "Private Azurite (in memory) on 127.0.0.1:$BLOB/$QUEUE/$TABLE"
fi

echo "uptime at start: $(uptime)"
dotnet build bench/Hours.Benchmarks -c Release -nologo -v q >/dev/null
dotnet bench/Hours.Benchmarks/bin/Release/net10.0/Hours.Benchmarks.dll "$@"
echo "uptime at end: $(uptime)"
