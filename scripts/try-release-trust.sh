#!/usr/bin/env bash
# Tries the trust boundary against a Release build started as in production (issue 13, "Done when"):
#   - a Web Chat-shaped activity, a missing tenant and a foreign tenant each get 401 or 403 with an empty body;
#   - a token-less request gets 401;
#   - a chunked 20 MB body is cut off at the cap (413 or the connection closed early);
#   - Bot__AllowLocalUnauthenticated=true with ASPNETCORE_ENVIRONMENT=Production refuses to start, saying why.
# The bot runs with ASPNETCORE_ENVIRONMENT=Production on a free loopback port, storage is a private Azurite on free
# ports, and inbound tokens are checked against a loopback stand-in for the Bot Framework's OpenID keys
# (Bot__OpenIdMetadataUrl, which accepts http only on loopback) that scripts/lib/trust-trials.mjs serves and signs
# with. Nothing reaches Teams or Entra. Prints one line per trial and a summary; exits non-zero if any trial failed.
# Everything it starts it stops by PID, however it ends. No fixed ports, so no lock is needed.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=lib/common.sh
. "$ROOT/scripts/lib/common.sh"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

WORK=$(mktemp -d "${TMPDIR:-/tmp}/volunteerbot-trust.XXXXXX")
AZURITE_PID="" BOT_PID="" TRIALS_PID=""
cleanup() {
  stop_pids $TRIALS_PID $BOT_PID
  [ -n "$AZURITE_PID" ] && stop_pids "$AZURITE_PID"
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

require_tools
ensure_node_modules
say "-- building Release"
dotnet build "$ROOT/Bot/Bot.csproj" -c Release --nologo -v quiet -clp:ErrorsOnly >"$WORK/build.log" 2>&1 \
  || { cat "$WORK/build.log"; fail "the Release build failed"; }
BOT_DLL="$ROOT/Bot/bin/Release/net10.0/VolunteerBot.dll"
[ -f "$BOT_DLL" ] || fail "build output not found at $BOT_DLL"

read -r BLOB_PORT QUEUE_PORT TABLE_PORT BOT_PORT OPENID_PORT <<<"$(net free-ports 5)"
start_azurite "$WORK/azurite" "$WORK/azurite.log" "$BLOB_PORT" "$QUEUE_PORT" "$TABLE_PORT" \
  || { cat "$WORK/azurite.log" >&2; fail "Azurite did not start"; }
STORAGE=$(azurite_connection_string "$BLOB_PORT" "$QUEUE_PORT" "$TABLE_PORT")
APP_ID=6c1d9a52-0000-4000-8000-00000000b075
TENANT_ID=72f988bf-0000-4000-8000-00000000c0de
BOT_URL="http://127.0.0.1:$BOT_PORT"

# production_bot LOG [extra VAR=value ...]: starts the Release bot as App Service would (content root Bot/), in the
# background with only the settings production has; sets BOT_PID.
production_bot() {
  local log=$1
  shift
  (
    cd "$ROOT/Bot"
    exec env -i PATH="$PATH" HOME="$HOME" DOTNET_ROOT="${DOTNET_ROOT:-}" DOTNET_CLI_TELEMETRY_OPTOUT=1 \
      ASPNETCORE_ENVIRONMENT=Production \
      ConnectionStrings__Storage="$STORAGE" \
      Bot__AppType=SingleTenant Bot__AppId="$APP_ID" Bot__TenantId="$TENANT_ID" \
      Bot__ClientSecret=trial-secret-not-used \
      Bot__OpenIdMetadataUrl="http://127.0.0.1:$OPENID_PORT/v1/.well-known/openidconfiguration" \
      Links__PublicBaseUrl="https://volunteerbot.example.test" \
      Volunteering__CommitteeAadObjectIds__0="$DEV_COMMITTEE_ID" \
      "$@" dotnet "$BOT_DLL" --urls "$BOT_URL"
  ) >"$log" 2>&1 &
  BOT_PID=$!
}

say "-- trials against $BOT_URL (Production, Release), Azurite $BLOB_PORT/$QUEUE_PORT/$TABLE_PORT, OpenID stand-in $OPENID_PORT"
production_bot "$WORK/bot.log"
status=0
node "$ROOT/scripts/lib/trust-trials.mjs" "$OPENID_PORT" "$BOT_URL" "$APP_ID" "$TENANT_ID" "$BOT_PID" &
TRIALS_PID=$!
wait "$TRIALS_PID" || status=$?
TRIALS_PID=""
if [ "$status" -eq 100 ]; then
  say "bot log (last 30 lines):"
  tail -n 30 "$WORK/bot.log"
fi
stop_pids "$BOT_PID"
BOT_PID=""
failed=$((status == 100 ? 1 : status))

# Last trial: local mode under Production must refuse to start, with a reason, and never open the port.
production_bot "$WORK/local.log" Bot__AllowLocalUnauthenticated=true
exited=""
for _ in $(seq 1 600); do
  if ! kill -0 "$BOT_PID" 2>/dev/null; then
    exited=yes
    break
  fi
  sleep 0.1
done
code=0
if [ -n "$exited" ]; then
  wait "$BOT_PID" 2>/dev/null || code=$?
  BOT_PID=""
fi
reason=$(grep -m1 -o 'AllowLocalUnauthenticated[^"]*' "$WORK/local.log" | cut -c1-150 || true)
if [ -n "$exited" ] && [ "$code" -ne 0 ] && [ -n "$reason" ]; then
  printf 'PASS  %-58s expected exit != 0 with a reason, got exit %s: %s\n' "AllowLocalUnauthenticated=true under Production" "$code" "$reason"
else
  printf 'FAIL  %-58s expected exit != 0 with a reason, got %s\n' "AllowLocalUnauthenticated=true under Production" \
    "$([ -n "$exited" ] && echo "exit $code" || echo "still running after 60 s")"
  tail -n 20 "$WORK/local.log"
  failed=$((failed + 1))
fi

if [ "$failed" -eq 0 ]; then
  say "try-release-trust: all trials passed"
else
  say "try-release-trust: $failed trial(s) failed"
fi
[ "$failed" -eq 0 ]
