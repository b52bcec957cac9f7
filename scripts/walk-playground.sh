#!/usr/bin/env bash
# Walks VolunteerBot through the Microsoft 365 Agents Playground as a new user would (the "Done when" flows of
# issues 4, 5 and 6), in Chinese, switching between the personas of .m365agentsplayground.yml: 张书记 (committee),
# 李强 (appointed liaison), 刘洋 and 王芳 (volunteers). A headless Chromium clicks the real cards; every step
# checks the Chinese text the user should see and saves a screenshot to .artifacts/walk/NN-step.png.
#
# It starts its own Azurite (fresh data in a temp dir, free ports) and the bot on http://127.0.0.1:3978 in local
# mode; the driver then starts one Playground per persona (张书记's on http://localhost:56150, the others on free
# ports), all talking to that bot, so everybody is "online" at once and sees the notices, announcements and
# reminders the bot sends them (a Playground only accepts messages for its own current user). Everything it
# started is stopped by PID on exit.
#
# Not part of scripts/test.sh or CI (CI has no browser). Needs the .NET 10 SDK, Node.js 20+ and a Chromium
# (default /usr/bin/chromium, Debian package `chromium`; no browser is downloaded).
#
# Usage: scripts/walk-playground.sh [--no-build] [--slow MS] [--headed]
#   --no-build   reuse Bot/bin/Debug (skip dotnet build)
#   --slow MS    pause MS milliseconds between browser actions (to watch with --headed)
#   --headed     show the browser window (needs a display)
#
# Environment (optional): WALK_CHROMIUM (browser path), WALK_TIMEOUT_MS (how long a step waits for the bot's
# answer, default 30000).
#
# Output: one line per step ("PASS 07 李强 files a project"), then "walk: N passed, N failed"; exit 1 if any
# step failed. Logs of the bot, Azurite and the Playground: .artifacts/walk/logs/.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=lib/common.sh
. "$ROOT/scripts/lib/common.sh"

# BOT_PORT, PLAYGROUND_PORT, BOT_URL, DEV_COMMITTEE_ID and the bot's environment (export_bot_env) are in lib/common.sh.
OUT="$ROOT/.artifacts/walk"
LOGS="$OUT/logs"
BUILD=1
WALK_ARGS=()
while [ $# -gt 0 ]; do
  case $1 in
    --no-build) BUILD=0; shift ;;
    --headed) WALK_ARGS+=(--headed); shift ;;
    --slow) [ $# -ge 2 ] || fail "--slow needs milliseconds"; WALK_ARGS+=(--slow "$2"); shift 2 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument: $1 (see scripts/walk-playground.sh --help)" >&2; exit 64 ;;
  esac
done
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
CHROMIUM="${WALK_CHROMIUM:-/usr/bin/chromium}"

AZURITE_PID="" BOT_PID="" DATA=""
PLAYGROUND_PIDFILE="$LOGS/playground.pid"
# Called by walk_cleanup (scripts/lib/common.sh) before it stops the bot and Azurite.
walk_stop_extra() {
  local pg=""
  [ -f "$PLAYGROUND_PIDFILE" ] && pg=$(cat "$PLAYGROUND_PIDFILE") && rm -f "$PLAYGROUND_PIDFILE"
  # shellcheck disable=SC2086 # one PID per persona's Playground
  stop_pids $pg
}
walk_traps

require_tools
[ -x "$CHROMIUM" ] || fail "no Chromium at $CHROMIUM. Install it (Debian: apt-get install chromium) or set WALK_CHROMIUM=/path/to/chrome."
net busy "$BOT_PORT" && fail "port $BOT_PORT is already in use (scripts/dev.sh running?). Stop it and run the walk again."
net busy "$PLAYGROUND_PORT" && fail "port $PLAYGROUND_PORT is already in use (another Agents Playground?). Stop it and run the walk again."
ensure_node_modules
[ -f "$ROOT/node_modules/playwright-core/package.json" ] || fail "playwright-core is missing from node_modules; run: PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci"

rm -rf "$OUT"
mkdir -p "$LOGS"

# --- Azurite: fresh data, free ports, so every walk starts from an empty department --------------------------
start_walk_azurite volunteerbot-walk "$LOGS/azurite.log"

# --- Bot -------------------------------------------------------------------------------------------------------
if [ "$BUILD" = 1 ]; then
  say "Bot: building (Debug)..."
  dotnet build "$ROOT/Bot/Bot.csproj" -c Debug --nologo -v quiet -clp:ErrorsOnly \
    || fail "the bot did not build (see the errors above)."
fi
BOT_DLL="$ROOT/Bot/bin/Debug/net10.0/VolunteerBot.dll"
[ -f "$BOT_DLL" ] || fail "build output not found at $BOT_DLL (run without --no-build)"
(
  cd "$ROOT/Bot"
  # The personas need 张书记 as the committee and http links: no override from the caller's environment.
  unset ASPNETCORE_ENVIRONMENT Volunteering__CommitteeAadObjectIds__0 Links__PublicBaseUrl
  export_bot_env "$(azurite_connection_string "$BLOB_PORT" "$QUEUE_PORT" "$TABLE_PORT")"
  # The overdue-gear sweep every 5 s instead of hourly: the walk moves the test clock past a return date and waits for the nudge.
  export Gear__OverdueSweep__Interval=00:00:05
  exec dotnet "$BOT_DLL" --urls "$BOT_URL"
) >"$LOGS/bot.log" 2>&1 &
BOT_PID=$!
case $(net wait "$BOT_URL/healthz" 90 "$BOT_PID"; echo $?) in
  0) say "Bot: healthy on $BOT_URL (pid $BOT_PID)." ;;
  2) fail "the bot exited at start; see $LOGS/bot.log" ;;
  *) fail "the bot did not report healthy at $BOT_URL/healthz within 90 s; see $LOGS/bot.log" ;;
esac

# --- The walk: the driver starts (and restarts, per user) the Playground itself ---------------------------------
set +e
WALK_ROOT="$ROOT" WALK_OUT="$OUT" WALK_BOT_URL="$BOT_URL" WALK_PLAYGROUND_PORT="$PLAYGROUND_PORT" \
  WALK_PLAYGROUND_PIDFILE="$PLAYGROUND_PIDFILE" WALK_CHROMIUM="$CHROMIUM" \
  node "$ROOT/scripts/walk/main.mjs" "${WALK_ARGS[@]}"
status=$?
set -e
say "Screenshots: $OUT  ·  logs: $LOGS"
exit "$status"
