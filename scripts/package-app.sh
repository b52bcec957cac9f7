#!/usr/bin/env bash
# Builds the Teams app package (appPackage.zip) from manifest/manifest.template.json.
#   scripts/package-app.sh --app-id <guid> --bot-id <guid> --domain <host> [--version 1.0.0] [--out path]
# or with APP_ID, BOT_ID, BOT_DOMAIN, APP_VERSION, APP_PACKAGE in the environment. See docs/deploy.md.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [[ ! -d "$root/node_modules/@microsoft/app-manifest" ]]; then
  echo "package-app: node_modules is missing; run 'npm ci' in $root first" >&2
  exit 2
fi
exec node "$root/manifest/tools/package.mjs" "$@"
