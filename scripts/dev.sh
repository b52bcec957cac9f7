#!/usr/bin/env bash
# Runs VolunteerBot locally: Azurite (storage emulator) on loopback, the bot on http://127.0.0.1:3978 in local
# mode, and the Microsoft 365 Agents Playground (a Teams-like chat in the browser) on http://localhost:56150
# with the mock tenant in .m365agentsplayground.yml. Ctrl-C stops all three.
#
# Needs the .NET 10 SDK and Node.js 20+. The first run installs the pinned npm tools from package-lock.json and
# restores NuGet packages; after that it works without internet.
#
# Usage: scripts/dev.sh [--demo] [--as WHO]
#   --demo     seed a demo department first (five divisions, ~45 people, projects in every state, sign-ups,
#              hours, points, gear, feedback, a training), through the bot's own stores; safe to repeat (idempotent).
#              On a first run with empty storage dev.sh offers it: it asks when run in a terminal, and only prints
#              a suggestion otherwise (it never waits for an answer there).
#   --as WHO   be somebody else in the Playground: a name from the config (李强, 王芳 …), a user id or an
#              aadObjectId. That user and currentUser change places in a generated copy of the config.
#
# Environment (all optional):
#   M365_AGENTS_PLAYGROUND_CONFIG_PATH      another Playground config (default: .m365agentsplayground.yml)
#   Volunteering__CommitteeAadObjectIds__0  committee member (default: 张书记 of the committed config)
#   Links__PublicBaseUrl                    base of download links (default: the bot's own URL)
#   Any other Bot__* / Volunteering__* setting is passed through to the bot.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=lib/common.sh
. "$ROOT/scripts/lib/common.sh"

# BOT_PORT, PLAYGROUND_PORT, BOT_URL, DEV_COMMITTEE_ID and the bot's environment (export_bot_env) are in lib/common.sh.
PLAYGROUND_URL="http://localhost:$PLAYGROUND_PORT"
CONFIG="${M365_AGENTS_PLAYGROUND_CONFIG_PATH:-$ROOT/.m365agentsplayground.yml}"
LOGS="$ROOT/.artifacts/dev"
AS=""
DEMO=""
while [ $# -gt 0 ]; do
  case $1 in
    --as) [ $# -ge 2 ] || { echo "--as needs a name, user id or aadObjectId" >&2; exit 64; }; AS=$2; shift 2 ;;
    --as=*) AS=${1#--as=}; shift ;;
    --demo) DEMO=1; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument: $1 (see scripts/dev.sh --help)" >&2; exit 64 ;;
  esac
done
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

AZURITE_PID="" BOT_PID="" PLAYGROUND_PID=""
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  if [ -n "$PLAYGROUND_PID$BOT_PID$AZURITE_PID" ]; then
    say ""
    say "Stopping the Playground, the bot and Azurite..."
    # The bot still writes while it stops (it leaves the sender pool), so Azurite goes last.
    stop_pids "$PLAYGROUND_PID" "$BOT_PID"
    stop_pids "$AZURITE_PID"
    say "Stopped."
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

require_tools
[ -f "$CONFIG" ] || fail "Playground config not found: $CONFIG"
CONFIG="$(cd "$(dirname "$CONFIG")" && pwd)/$(basename "$CONFIG")"
mkdir -p "$LOGS"
if [ -n "$AS" ]; then
  who=$(node "$ROOT/scripts/lib/playground-as.mjs" "$CONFIG" "$AS" "$LOGS/playground-as.yml") || exit 1
  CONFIG="$LOGS/playground-as.yml"
  say "Playground: you are $who (config $CONFIG)."
fi

# Refuse early, before anything starts, when the fixed ports are taken.
net busy "$BOT_PORT" && fail "port $BOT_PORT is already in use (another bot or dev.sh?). Stop it and run scripts/dev.sh again."
net busy "$PLAYGROUND_PORT" && fail "port $PLAYGROUND_PORT is already in use (another Agents Playground?). Stop it and run scripts/dev.sh again."

ensure_node_modules
mkdir -p "$ROOT/.azurite"

# --- Azurite -------------------------------------------------------------------------------------------------
if net busy 10000 || net busy 10001 || net busy 10002; then
  if [[ "$(net server 10002)" == Azurite-Table* ]] && net busy 10000 && net busy 10001; then
    say "Azurite: already running on 127.0.0.1:10000-10002; reusing it (its data stays where that Azurite keeps it)."
    STORAGE="UseDevelopmentStorage=true"
  else
    read -r BLOB_PORT QUEUE_PORT TABLE_PORT <<<"$(net free-ports 3)"
    say "Azurite: ports 10000-10002 are taken by something else; starting Azurite on $BLOB_PORT/$QUEUE_PORT/$TABLE_PORT instead."
    STORAGE=$(azurite_connection_string "$BLOB_PORT" "$QUEUE_PORT" "$TABLE_PORT")
  fi
else
  BLOB_PORT=10000 QUEUE_PORT=10001 TABLE_PORT=10002
  STORAGE="UseDevelopmentStorage=true"
fi
# A first run (our own Azurite, no division stored yet) without --demo: offer the demo department.
if [ -z "$DEMO" ] && [ -n "${TABLE_PORT:-}" ] && storage_is_empty "$ROOT/.azurite"; then
  if [ -t 0 ] && [ -t 1 ]; then
    answer=""
    read -r -t 60 -p "Storage is empty. Seed a demo department (five divisions, ~45 people, projects, hours, gear) so every command shows something? [Y/n] " answer || answer=n
    case $answer in ''|y|Y|yes|是) DEMO=1; say "Demo: seeding a demo department (same as scripts/dev.sh --demo)." ;; *) say "Demo: not seeded. Run scripts/dev.sh --demo any time." ;; esac
  else
    say "Storage is empty: nothing to see yet. Tip: run scripts/dev.sh --demo to seed a demo department (five divisions, ~45 people, projects, hours, gear)."
  fi
fi
if [ -n "${TABLE_PORT:-}" ]; then
  start_azurite "$ROOT/.azurite" "$LOGS/azurite.log" "$BLOB_PORT" "$QUEUE_PORT" "$TABLE_PORT" \
    || fail "Azurite did not start on 127.0.0.1:$BLOB_PORT/$QUEUE_PORT/$TABLE_PORT; see $LOGS/azurite.log"
  say "Azurite: listening on 127.0.0.1:$BLOB_PORT/$QUEUE_PORT/$TABLE_PORT (blob/queue/table), data in .azurite/ (pid $AZURITE_PID)."
fi

# --- Bot ------------------------------------------------------------------------------------------------------
say "Bot: building (Debug)..."
dotnet build "$ROOT/Bot/Bot.csproj" -c Debug --nologo -v quiet -clp:ErrorsOnly \
  || fail "the bot did not build (see the errors above)."
BOT_DLL="$ROOT/Bot/bin/Debug/net10.0/VolunteerBot.dll"
[ -f "$BOT_DLL" ] || fail "build output not found at $BOT_DLL"

# The content root is Bot/ (appsettings.json), as with `dotnet run`. Bot output goes to this terminal.
(
  cd "$ROOT/Bot"
  export_bot_env "$STORAGE"
  if [ -n "$DEMO" ]; then export Demo__Seed=true; fi
  exec dotnet "$BOT_DLL" --urls "$BOT_URL"
) &
BOT_PID=$!
say "Bot: starting on $BOT_URL in local mode (pid $BOT_PID); waiting for $BOT_URL/healthz..."
case $(net wait "$BOT_URL/healthz" 90 "$BOT_PID"; echo $?) in
  0) say "Bot: healthy." ;;
  2) fail "the bot exited at start (see its output above)." ;;
  *) fail "the bot did not report healthy at $BOT_URL/healthz within 90 s (storage unreachable?)." ;;
esac

# --- Agents Playground ----------------------------------------------------------------------------------------
# Its working directory is the log folder: the Playground writes devTools/m365agentsplayground.log there.
(
  cd "$LOGS"
  export TEAMSAPPTESTER_BROWSER=none M365_AGENTS_PLAYGROUND_CONFIG_PATH="$CONFIG"
  exec "$ROOT/node_modules/.bin/agentsplayground" \
    -e "$BOT_URL/api/messages" -c msteams -p "$PLAYGROUND_PORT" --disable-telemetry
) >"$LOGS/playground.log" 2>&1 &
PLAYGROUND_PID=$!
case $(net wait "http://127.0.0.1:$PLAYGROUND_PORT/" 60 "$PLAYGROUND_PID"; echo $?) in
  0) ;;
  2) fail "the Agents Playground exited at start. It exits silently when its config is invalid: check $CONFIG (exactly 5 users besides currentUser, unique ids, one team with at most one extra channel). Log: $LOGS/playground.log" ;;
  *) fail "the Agents Playground did not answer on port $PLAYGROUND_PORT within 60 s; see $LOGS/playground.log" ;;
esac

cat <<EOF

  ================================================================
    VolunteerBot is running. Open the Agents Playground:

        $PLAYGROUND_URL

    Say 你好 in the personal chat to get the welcome card.
    You are $(awk '/^currentUser:/{f=1} f&&/^  name:/{print $2; exit}' "$CONFIG") in the Playground.
    Bot $BOT_URL  ·  logs in .artifacts/dev/  ·  Ctrl-C stops all.
  ================================================================

EOF

# Run until Ctrl-C or until one of the three stops by itself.
set +e
wait -n $AZURITE_PID $BOT_PID $PLAYGROUND_PID
set -e
for pair in "Azurite:$AZURITE_PID" "bot:$BOT_PID" "Agents Playground:$PLAYGROUND_PID"; do
  name=${pair%%:*} pid=${pair##*:}
  if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then
    say "The $name stopped by itself; stopping the rest."
  fi
done
exit 1
