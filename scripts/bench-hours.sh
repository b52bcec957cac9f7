#!/usr/bin/env bash
# Hours benchmark (docs/benchmarks.md): 10,000 volunteers, 200,000 records in Azurite; not part of the test run.
# Uses VOLUNTEERBOT_TEST_STORAGE or the default Azurite (UseDevelopmentStorage=true), with a fresh table prefix.
# Usage: scripts/bench-hours.sh [--volunteers 10000] [--records 200000]
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run -c Release --project bench/Hours.Benchmarks -- "$@"
