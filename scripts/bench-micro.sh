#!/usr/bin/env bash
# BenchmarkDotNet suite (docs/benchmarks.md): card building and activity (de)serialisation with allocations per call,
# a short job, in process. Not part of the test run. Arguments go to BenchmarkDotNet, e.g. --filter "*Card*".
set -euo pipefail
cd "$(dirname "$0")/.."
echo "uptime at start: $(uptime)"
dotnet build bench/Micro.Benchmarks -c Release --nologo -v quiet -clp:ErrorsOnly >/dev/null
dotnet bench/Micro.Benchmarks/bin/Release/net10.0/VolunteerBot.Benchmarks.Micro.dll --filter "${1:-*}" "${@:2}"
echo "uptime at end: $(uptime)"
