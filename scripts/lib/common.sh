# Shared by scripts/dev.sh, scripts/walk-playground.sh, scripts/test.sh and scripts/bench-delivery.sh (sourced,
# not run). Expects ROOT to be the repository root.

say() { printf '%s\n' "$*"; }
fail() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }

net() { node "$ROOT/scripts/lib/net.mjs" "$@"; }

# The Azurite development account: a well-known public key, not a secret.
AZURITE_ACCOUNT_KEY='Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=='

# azurite_connection_string BLOB_PORT QUEUE_PORT TABLE_PORT
azurite_connection_string() {
  printf 'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=%s;BlobEndpoint=http://127.0.0.1:%s/devstoreaccount1;QueueEndpoint=http://127.0.0.1:%s/devstoreaccount1;TableEndpoint=http://127.0.0.1:%s/devstoreaccount1;' \
    "$AZURITE_ACCOUNT_KEY" "$1" "$2" "$3"
}

# storage_is_empty DIR: true when the Azurite table database in DIR is missing or holds no division (a first run of
# scripts/dev.sh, which then offers --demo). Test tables carry a prefix and do not count.
storage_is_empty() {
  node -e '
    const fs = require("fs"), f = process.argv[1] + "/__azurite_db_table__.json";
    if (!fs.existsSync(f)) process.exit(0);
    try {
      const db = JSON.parse(fs.readFileSync(f, "utf8"));
      const rows = (db.collections || []).filter(c => /\$Divisions$/.test(c.name)).reduce((n, c) => n + (c.data || []).length, 0);
      process.exit(rows === 0 ? 0 : 1);
    } catch { process.exit(1); }' "$1"
}

# --- The bot as dev.sh and the walk run it locally ---------------------------------------------------------------
BOT_PORT=3978
PLAYGROUND_PORT=56150
BOT_URL="http://127.0.0.1:$BOT_PORT"
# 张书记, currentUser of .m365agentsplayground.yml: the committee (机关党委) member of the mock tenant. Bot.Tests
# (PlaygroundConfigTests) reads this line and checks it against the config.
DEV_COMMITTEE_ID=3f9b1c0e-5d2a-4c7e-8b61-0a1e2d3c4b01

# export_runtime_env: the .NET runtime settings the deployed app gets as app settings (infra/modules/web.bicep,
# baseSettings) because the runtime reads them only from the environment, not from runtimeconfig.json. Scripts that
# start the Release bot (the benchmarks) call it so they measure what is deployed; the caller's value wins.
# DOTNET_GCgen0size: a 4 MB gen0 budget instead of the one sized from the CPU's L3 cache (~16 MB with a 32 MB L3);
# ~10 MB less resident memory at no measurable cost in turns/s (docs/benchmarks.md, "Resident memory").
# Bot.Tests/Deployment/RuntimeSettingsTests keeps this value and web.bicep's equal.
BOT_GC_GEN0_SIZE=0x400000
export_runtime_env() {
  export DOTNET_GCgen0size="${DOTNET_GCgen0size:-$BOT_GC_GEN0_SIZE}"
}

# export_bot_env STORAGE : the environment of a local bot, to call in the subshell that then execs it: Development,
# local mode (loopback without a token), download links on BOT_URL and 张书记 as the committee, each unless the
# caller's environment already sets it (dev.sh passes such settings through; the walk unsets what it relies on).
export_bot_env() {
  export_runtime_env
  export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
  export ConnectionStrings__Storage="$1"
  export Bot__AllowLocalUnauthenticated=true
  export Links__PublicBaseUrl="${Links__PublicBaseUrl:-$BOT_URL}"
  export Volunteering__CommitteeAadObjectIds__0="${Volunteering__CommitteeAadObjectIds__0:-$DEV_COMMITTEE_ID}"
}

require_tools() {
  command -v dotnet >/dev/null 2>&1 || fail "the .NET 10 SDK is not installed (dotnet not on PATH). Install it: https://dotnet.microsoft.com/download"
  command -v node >/dev/null 2>&1 || fail "Node.js 20 or later is not installed (node not on PATH)."
  command -v npm >/dev/null 2>&1 || fail "npm is not installed (it ships with Node.js)."
  local major
  major=$(node -p 'process.versions.node.split(".")[0]')
  [ "$major" -ge 20 ] || fail "Node.js $(node --version) is too old; version 20 or later is needed."
}

lock_hash() {
  node -e 'process.stdout.write(require("crypto").createHash("sha256").update(require("fs").readFileSync(process.argv[1])).digest("hex"))' \
    "$ROOT/package-lock.json"
}

# Installs the pinned npm tools (Azurite, the Agents Playground, manifest schemas) from package-lock.json.
# Skips the install when node_modules was made from this very lockfile, so a second run works offline.
ensure_node_modules() {
  local stamp="$ROOT/node_modules/.volunteerbot-lock.sha256" want
  want=$(lock_hash)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] \
    && [ -x "$ROOT/node_modules/.bin/azurite" ] && [ -x "$ROOT/node_modules/.bin/agentsplayground" ]; then
    say "npm tools: node_modules matches package-lock.json, skipping npm ci."
    return 0
  fi
  say "npm tools: installing from package-lock.json (npm ci)..."
  if ! (cd "$ROOT" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --prefer-offline --loglevel=error); then
    fail "npm ci failed. The first run needs the npm registry (or a warm npm cache); later runs reuse node_modules."
  fi
  printf '%s' "$want" >"$stamp"
}

# start_azurite DATA_DIR LOG_FILE BLOB_PORT QUEUE_PORT TABLE_PORT : starts Azurite on loopback with its data in
# DATA_DIR and its output in LOG_FILE, sets AZURITE_PID, and waits up to 20 s for all three ports. Returns 1 when it
# exited or did not open them (the caller says so and points at LOG_FILE); the caller stops it by PID.
# Azurite runs in its own session (setsid), so a Ctrl-C in the terminal reaches the bot but not the storage it is still
# writing to while it stops; every caller's exit trap stops Azurite last, by PID.
start_azurite() {
  local data=$1 log=$2 blob=$3 queue=$4 table=$5 own_session=()
  command -v setsid >/dev/null 2>&1 && own_session=(setsid)
  "${own_session[@]}" "$ROOT/node_modules/.bin/azurite" --silent --location "$data" \
    --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 \
    --blobPort "$blob" --queuePort "$queue" --tablePort "$table" \
    --skipApiVersionCheck --disableTelemetry >"$log" 2>&1 &
  AZURITE_PID=$!
  for _ in $(seq 1 100); do
    net busy "$table" && net busy "$queue" && net busy "$blob" && return 0
    kill -0 "$AZURITE_PID" 2>/dev/null || return 1
    sleep 0.2
  done
  return 1
}

# stop_pids PID... : TERM each live process, wait up to 10 s, then KILL what is left. Only our own children.
stop_pids() {
  local pid waited=0 left
  for pid in "$@"; do
    [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null || true
  done
  while :; do
    left=""
    for pid in "$@"; do
      [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && left="$left $pid"
    done
    [ -z "$left" ] && break
    if [ "$waited" -ge 100 ]; then
      for pid in $left; do kill -KILL "$pid" 2>/dev/null || true; done
      break
    fi
    sleep 0.1
    waited=$((waited + 1))
  done
  for pid in "$@"; do
    [ -n "$pid" ] && wait "$pid" 2>/dev/null || true
  done
}

# start_walk_azurite NAME LOG_FILE: a fresh Azurite for a walk (data in a new temp dir, free ports), so every walk starts
# from an empty department. Sets DATA, BLOB_PORT, QUEUE_PORT, TABLE_PORT and AZURITE_PID; fails with the log's path.
start_walk_azurite() {
  DATA=$(mktemp -d "${TMPDIR:-/tmp}/$1.XXXXXX")
  read -r BLOB_PORT QUEUE_PORT TABLE_PORT <<<"$(net free-ports 3)"
  start_azurite "$DATA" "$2" "$BLOB_PORT" "$QUEUE_PORT" "$TABLE_PORT" \
    || fail "Azurite did not start on 127.0.0.1:$BLOB_PORT/$QUEUE_PORT/$TABLE_PORT; see $2"
  say "Azurite: 127.0.0.1:$BLOB_PORT/$QUEUE_PORT/$TABLE_PORT, data in $DATA (pid $AZURITE_PID)."
}

# walk_traps: on exit (Ctrl-C and TERM too) stop what the walk started, one after the other because the bot still writes
# to storage while it stops: first whatever walk_stop_extra (if the script defines it) stops, then BOT_PID, then
# AZURITE_PID; then DATA is removed and the walk exits with its own status.
walk_cleanup() {
  local status=$?
  trap - EXIT INT TERM
  if declare -F walk_stop_extra >/dev/null; then walk_stop_extra; fi
  stop_pids "${BOT_PID:-}"
  stop_pids "${AZURITE_PID:-}"
  [ -n "${DATA:-}" ] && rm -rf "$DATA"
  exit "$status"
}

walk_traps() {
  trap walk_cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
}
