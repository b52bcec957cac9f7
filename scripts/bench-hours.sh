#!/usr/bin/env bash
# Hours benchmark (docs/benchmarks.md): 10,000 volunteers, 200,000 records; not part of the test run.
# Unless VOLUNTEERBOT_TEST_STORAGE is set, it starts its own Azurite in memory on free loopback ports (stopped on
# exit): Blob and Queue as usual, Table through scripts/bench/azurite-table-bulk.cjs, which lets the benchmark write
# one template volunteer per division through the Table API and copy the rows to the others inside the emulator
# (Azurite's own insert path is quadratic in the product's repeated RowKeys). The measurements themselves are plain
# HTTP requests to that Azurite. With VOLUNTEERBOT_TEST_STORAGE set, every row is written over HTTP instead.
# Tables get a fresh prefix and are dropped at the end (--keep keeps them).
# Usage: scripts/bench-hours.sh [--volunteers 10000] [--records 200000] [--concurrency 16] [--no-year-export] [--keep]
set -euo pipefail
cd "$(dirname "$0")/.."

PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT

if [ -z "${VOLUNTEERBOT_TEST_STORAGE:-}" ]; then
  if [ ! -x node_modules/.bin/azurite ]; then
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund >/dev/null
  fi
  free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
  BLOB=$(free_port); QUEUE=$(free_port); TABLE=$(free_port); CONTROL=$(free_port)
  common=(--silent --skipApiVersionCheck --disableTelemetry --inMemoryPersistence)
  node_modules/.bin/azurite-blob --blobHost 127.0.0.1 --blobPort "$BLOB" "${common[@]}" & PIDS+=($!)
  node_modules/.bin/azurite-queue --queueHost 127.0.0.1 --queuePort "$QUEUE" "${common[@]}" & PIDS+=($!)
  node --max-old-space-size=12288 scripts/bench/azurite-table-bulk.cjs "$TABLE" "$CONTROL" & PIDS+=($!)
  TABLE_PID=$!
  for port in "$BLOB" "$QUEUE" "$TABLE" "$CONTROL"; do
    for _ in $(seq 1 100); do (echo > "/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
  done
  for pid in "${PIDS[@]}"; do kill -0 "$pid" 2>/dev/null || { echo "Azurite did not start" >&2; exit 1; }; done
  KEY="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
  export VOLUNTEERBOT_TEST_STORAGE="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$KEY;BlobEndpoint=http://127.0.0.1:$BLOB/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$QUEUE/devstoreaccount1;TableEndpoint=http://127.0.0.1:$TABLE/devstoreaccount1;"
  export VOLUNTEERBOT_BENCH_CLONE_URL="http://127.0.0.1:$CONTROL/"
  echo "Private Azurite (in memory) on 127.0.0.1:$BLOB/$QUEUE/$TABLE, bulk copy on $CONTROL"
fi

echo "uptime at start: $(uptime)"
dotnet build bench/Hours.Benchmarks -c Release -nologo -v q >/dev/null
dotnet bench/Hours.Benchmarks/bin/Release/net10.0/Hours.Benchmarks.dll "$@"
if [ -n "${TABLE_PID:-}" ]; then
  echo "Azurite Table peak resident memory: $(awk '/VmHWM/ {print int($2/1024) " MB"}' "/proc/$TABLE_PID/status")"
fi
echo "uptime at end: $(uptime)"
