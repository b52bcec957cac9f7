#!/usr/bin/env bash
# Fails on high or critical advisories of any package, direct or transitive:
#   dotnet list package --vulnerable --include-transitive
# When the advisory source cannot be reached (this machine reaches only the NuGet registry; the advisory data comes
# from the vulnerability feed of the configured sources), it prints a clear line and succeeds, so the tests still run.
# Exit 0: no high/critical advisory, or the check could not run; exit 1: at least one high/critical advisory.
set -uo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
out=$(mktemp)
trap 'rm -f "$out"' EXIT
if ! timeout 300 dotnet list "$ROOT/VolunteerBot.sln" package --vulnerable --include-transitive >"$out" 2>&1; then
  echo "-- vulnerable packages: advisory check could not run (advisory source unreachable?); continuing without it:"
  grep -iE "error|warn|unable|fail" "$out" | head -5 | sed 's/^/   /'
  exit 0
fi
if grep -qiE "unable to load|could not be reached|error NU|NU1900|NU1301|failed to retrieve|vulnerability data" "$out"; then
  echo "-- vulnerable packages: advisory source unreachable; check skipped:"
  grep -iE "unable to load|could not be reached|error NU|NU1900|NU1301|failed to retrieve|vulnerability data" "$out" | head -5 | sed 's/^/   /'
  exit 0
fi
if grep -qE "\b(High|Critical)\b" "$out"; then
  echo "ERROR: packages with high or critical advisories:"
  grep -E "^\s*(Project|>)|\b(High|Critical)\b" "$out" | sed 's/^/   /'
  exit 1
fi
echo "-- vulnerable packages: no high or critical advisory ($(grep -cE '\b(Low|Moderate)\b' "$out") low/moderate)"
exit 0
