#!/usr/bin/env bash
# The "Done when" of issue 19 in a browser: starts `scripts/dev.sh --demo` (Azurite, the bot on 127.0.0.1:3978 with
# the demo department seeded, the Agents Playground on :56150 as 张书记), waits until the seed is in, then a headless
# Chromium (scripts/walk/demo.mjs) tries every command of the help menu as the committee (张书记), a liaison (李强)
# and a volunteer (王芳), each in their own Playground, and checks that every answer shows content: no empty state
# ("暂无…", "尚未设置…") and no refusal. Everything it started is stopped by PID on exit.
#
# It binds the fixed ports of dev.sh: run it under the shared lock,
#     flock /work/locks/fixed-ports.lock scripts/walk-demo.sh
# Storage is dev.sh's own (.azurite/); the seed is idempotent, so a second run walks the same department.
# Not part of scripts/test.sh or CI (no browser there). Needs Chromium (default /usr/bin/chromium; none is downloaded).
#
# Usage: scripts/walk-demo.sh [--headed]
# Environment (optional): WALK_CHROMIUM (browser path), WALK_TIMEOUT_MS (wait for an answer, default 30000).
# Output: PASS/FAIL per role and command, then "walk-demo: N passed, N failed"; exit 1 if any failed.
# Screenshots and summary.txt: .artifacts/walk-demo/; logs (dev.sh, Playgrounds): .artifacts/walk-demo/logs/.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=lib/common.sh
. "$ROOT/scripts/lib/common.sh"

OUT="$ROOT/.artifacts/walk-demo"
LOGS="$OUT/logs"
WALK_ARGS=()
while [ $# -gt 0 ]; do
  case $1 in
    --headed) WALK_ARGS+=(--headed); shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument: $1 (see scripts/walk-demo.sh --help)" >&2; exit 64 ;;
  esac
done
CHROMIUM="${WALK_CHROMIUM:-/usr/bin/chromium}"

DEV_PID=""
PLAYGROUND_PIDFILE="$LOGS/playground.pid"
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  local pg=""
  [ -f "$PLAYGROUND_PIDFILE" ] && pg=$(cat "$PLAYGROUND_PIDFILE") && rm -f "$PLAYGROUND_PIDFILE"
  # shellcheck disable=SC2086 # one PID per persona's Playground
  stop_pids $pg
  if [ -n "$DEV_PID" ] && kill -0 "$DEV_PID" 2>/dev/null; then
    # dev.sh stops its Playground, bot and Azurite on TERM (its own trap); give it time, then end its process group.
    kill -TERM "$DEV_PID" 2>/dev/null || true
    for _ in $(seq 1 300); do kill -0 "$DEV_PID" 2>/dev/null || break; sleep 0.2; done
    kill -0 "$DEV_PID" 2>/dev/null && kill -KILL -- "-$DEV_PID" 2>/dev/null || true
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

require_tools
[ -x "$CHROMIUM" ] || fail "no Chromium at $CHROMIUM. Install it (Debian: apt-get install chromium) or set WALK_CHROMIUM=/path/to/chrome."
ensure_node_modules
[ -f "$ROOT/node_modules/playwright-core/package.json" ] || fail "playwright-core is missing from node_modules; run: PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci"
rm -rf "$OUT"
mkdir -p "$LOGS"

# dev.sh in its own session (so its whole group can be ended if it ever hangs), with no terminal: it never asks.
say "dev.sh --demo: starting (log $LOGS/dev.log)..."
setsid "$ROOT/scripts/dev.sh" --demo </dev/null >"$LOGS/dev.log" 2>&1 &
DEV_PID=$!

# Ready when the Playground is up (dev.sh prints its banner) and the bot logged the seed.
deadline=$((SECONDS + 600))
until grep -q "VolunteerBot is running" "$LOGS/dev.log" 2>/dev/null; do
  kill -0 "$DEV_PID" 2>/dev/null || { tail -20 "$LOGS/dev.log" >&2; fail "dev.sh --demo stopped before it was ready; see $LOGS/dev.log"; }
  [ $SECONDS -lt $deadline ] || fail "dev.sh --demo was not ready within 600 s; see $LOGS/dev.log"
  sleep 1
done
until grep -q "Demo department seeded" "$LOGS/dev.log"; do
  grep -q "Demo seeding failed" "$LOGS/dev.log" && { grep -A20 "Demo seeding failed" "$LOGS/dev.log" >&2; fail "the demo seed failed; see $LOGS/dev.log"; }
  kill -0 "$DEV_PID" 2>/dev/null || fail "dev.sh --demo stopped while seeding; see $LOGS/dev.log"
  [ $SECONDS -lt $deadline ] || fail "the demo seed did not finish within 600 s; see $LOGS/dev.log"
  sleep 1
done
say "dev.sh --demo: ready (pid $DEV_PID); the demo department is seeded."

set +e
WALK_ROOT="$ROOT" WALK_OUT="$OUT" WALK_BOT_URL="$BOT_URL" WALK_PLAYGROUND_PORT="$PLAYGROUND_PORT" \
  WALK_PLAYGROUND_PIDFILE="$PLAYGROUND_PIDFILE" WALK_CHROMIUM="$CHROMIUM" \
  node "$ROOT/scripts/walk/demo.mjs" "${WALK_ARGS[@]}"
status=$?
set -e
say "Screenshots: $OUT  ·  logs: $LOGS"
exit "$status"
