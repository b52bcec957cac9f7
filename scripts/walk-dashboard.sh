#!/usr/bin/env bash
# Browser walk of the 数据看板 tab (issue 17): starts its own Azurite (fresh data, free ports), seeds a small
# department through the product's stores (bench/Dashboard.Benchmarks demo: the Playground's people, 李强 and 陈静 as
# liaisons, records over 12 months, projects in every state), starts the bot on a FREE port in local mode, and drives
# headless Chromium through the tab with the dev sign-in as 张书记 (committee), 李强 (liaison) and 王芳 (volunteer):
# what is visible, that every chart rendered with the API's series count, that the tables match the API, English,
# and that without a sign-in the page shows nothing. Screenshots: .artifacts/dashboard/. Everything it started is
# stopped by PID on exit. Binds no fixed port, so it needs no lock.
#
# Usage: scripts/walk-dashboard.sh [--no-build]
# Environment (optional): WALK_CHROMIUM (default /usr/bin/chromium; no browser is downloaded).
# Output: one line per check, then "dashboard walk: N passed, N failed"; exit 1 if any failed.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=lib/common.sh
. "$ROOT/scripts/lib/common.sh"

OUT="$ROOT/.artifacts/dashboard"
LOGS="$OUT/logs"
BUILD=1
[ "${1:-}" = "--no-build" ] && BUILD=0
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
CHROMIUM="${WALK_CHROMIUM:-/usr/bin/chromium}"

AZURITE_PID="" BOT_PID="" DATA=""
walk_traps

require_tools
[ -x "$CHROMIUM" ] || fail "no Chromium at $CHROMIUM. Install it (Debian: apt-get install chromium) or set WALK_CHROMIUM."
ensure_node_modules
rm -rf "$OUT"
mkdir -p "$LOGS"

start_walk_azurite volunteerbot-dashboard "$LOGS/azurite.log"
DASH_PORT=$(net free-ports 1)
STORAGE=$(azurite_connection_string "$BLOB_PORT" "$QUEUE_PORT" "$TABLE_PORT")

if [ "$BUILD" = 1 ]; then
  say "Building the bot and the seeder (Debug)..."
  dotnet build "$ROOT/bench/Dashboard.Benchmarks/Dashboard.Benchmarks.csproj" -c Debug --nologo -v quiet -clp:ErrorsOnly \
    || fail "the build failed (see above)."
fi
VOLUNTEERBOT_TEST_STORAGE="$STORAGE" dotnet "$ROOT/bench/Dashboard.Benchmarks/bin/Debug/net10.0/Dashboard.Benchmarks.dll" demo \
  >"$LOGS/seed.log" 2>&1 || { cat "$LOGS/seed.log" >&2; fail "seeding failed"; }
say "Seed: $(grep '^demo:' "$LOGS/seed.log")"

DASH_URL="http://127.0.0.1:$DASH_PORT"
(
  cd "$ROOT/Bot"
  unset ASPNETCORE_ENVIRONMENT Volunteering__CommitteeAadObjectIds__0 Links__PublicBaseUrl
  BOT_URL="$DASH_URL"
  export_bot_env "$STORAGE"
  export Reminders__Enabled=false Dashboard__Totals__Enabled=false
  exec dotnet "$ROOT/Bot/bin/Debug/net10.0/VolunteerBot.dll" --urls "$DASH_URL"
) >"$LOGS/bot.log" 2>&1 &
BOT_PID=$!
case $(net wait "$DASH_URL/healthz" 90 "$BOT_PID"; echo $?) in
  0) say "Bot: healthy on $DASH_URL (pid $BOT_PID)." ;;
  2) fail "the bot exited at start; see $LOGS/bot.log" ;;
  *) fail "the bot did not report healthy within 90 s; see $LOGS/bot.log" ;;
esac

set +e
DASH_URL="$DASH_URL" DASH_OUT="$OUT" WALK_CHROMIUM="$CHROMIUM" node "$ROOT/scripts/walk/dashboard.mjs"
status=$?
set -e
say "Screenshots: $OUT"
exit "$status"
