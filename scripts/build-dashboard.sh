#!/usr/bin/env bash
# Rebuilds the 数据看板 tab's bundle (Bot/wwwroot/tab/dashboard.js, config.js, dashboard.css) from Bot/Web/client with
# the versions pinned in its package-lock.json (ECharts, @microsoft/teams-js, esbuild). The bundle is committed, so
# building or publishing the bot needs no node; run this after changing the tab's sources and commit the result.
set -euo pipefail
cd "$(dirname "$0")/../Bot/Web/client"
npm ci --no-audit --no-fund >/dev/null
node build.mjs
