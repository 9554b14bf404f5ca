#!/usr/bin/env bash
# Builds the solution and runs every test project; prints one "N passed, N failed, N skipped" line at the end.
set -uo pipefail
cd "$(dirname "$0")/.."

log=$(mktemp)
dotnet test neurodeploy.sln -c Release --blame-hang-timeout 10m 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

passed=0; failed=0; skipped=0
while read -r f p s; do
    failed=$((failed + f)); passed=$((passed + p)); skipped=$((skipped + s))
done < <(sed -n 's/.*Failed: *\([0-9]*\), Passed: *\([0-9]*\), Skipped: *\([0-9]*\).*/\1 \2 \3/p' "$log")
rm -f "$log"

echo "tests: $passed passed, $failed failed, $skipped skipped"
exit "$status"
