#!/usr/bin/env bash
# Restores, builds and runs every test of VolunteerBot against a private Azurite, then prints
#   N passed, N failed
# as the last line. Exits non-zero if the build or any test failed.
#
# Extra arguments go to `dotnet test`, e.g.  scripts/test.sh --filter "FullyQualifiedName~Welcome"
# The private Azurite listens on free loopback ports with its data in a temp dir, so it never meets a
# developer's Azurite or another test run; it is stopped by PID however the script ends.
# TRX results land in .artifacts/test-results/ (or $TEST_RESULTS_DIR).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=lib/common.sh
. "$ROOT/scripts/lib/common.sh"

CONFIGURATION=Debug
RESULTS="${TEST_RESULTS_DIR:-$ROOT/.artifacts/test-results}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

STARTED=$SECONDS
phase_start=$SECONDS
phase() { say "-- $1 ($((SECONDS - phase_start)) s)"; phase_start=$SECONDS; }

AZURITE_PID="" AZURITE_DATA=""
stop_azurite() {
  if [ -n "$AZURITE_PID" ]; then
    stop_pids "$AZURITE_PID"
    AZURITE_PID=""
  fi
  if [ -n "$AZURITE_DATA" ]; then
    rm -rf "$AZURITE_DATA"
    AZURITE_DATA=""
  fi
}
trap stop_azurite EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# finish STATUS: stop Azurite, then print the summary as the very last line.
finish() {
  local status=$1 summary=0
  stop_azurite
  say "-- total $((SECONDS - STARTED)) s"
  node "$ROOT/scripts/lib/trx-summary.mjs" "$RESULTS" || summary=$?
  [ "$status" -eq 0 ] && status=$summary
  exit "$status"
}

require_tools
mkdir -p "$RESULTS"
rm -f "$RESULTS"/*.trx

ensure_node_modules
phase "npm tools ready"

dotnet restore "$ROOT/VolunteerBot.sln" --nologo -v quiet || { say "ERROR: dotnet restore failed."; finish 1; }
phase "restored"
dotnet build "$ROOT/VolunteerBot.sln" -c "$CONFIGURATION" --no-restore --nologo -v quiet -clp:ErrorsOnly \
  || { say "ERROR: the build failed (errors above)."; finish 1; }
phase "built ($CONFIGURATION)"

AZURITE_DATA=$(mktemp -d "${TMPDIR:-/tmp}/volunteerbot-azurite.XXXXXX")
read -r BLOB_PORT QUEUE_PORT TABLE_PORT <<<"$(net free-ports 3)"
if ! start_azurite "$AZURITE_DATA" "$AZURITE_DATA/azurite.log" "$BLOB_PORT" "$QUEUE_PORT" "$TABLE_PORT"; then
  cat "$AZURITE_DATA/azurite.log" >&2 || true
  say "ERROR: Azurite did not start on 127.0.0.1:$BLOB_PORT/$QUEUE_PORT/$TABLE_PORT."
  finish 1
fi
export VOLUNTEERBOT_TEST_STORAGE
VOLUNTEERBOT_TEST_STORAGE=$(azurite_connection_string "$BLOB_PORT" "$QUEUE_PORT" "$TABLE_PORT")
phase "Azurite on 127.0.0.1:$BLOB_PORT/$QUEUE_PORT/$TABLE_PORT (pid $AZURITE_PID)"

status=0
dotnet test "$ROOT/VolunteerBot.sln" -c "$CONFIGURATION" --no-build --nologo \
  --logger "trx" --results-directory "$RESULTS" "$@" || status=$?
phase "tests ran (dotnet test exit code $status)"
finish "$status"
