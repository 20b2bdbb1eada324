#!/usr/bin/env bash
# The test command (`npm test`): every vitest suite, then one closing line "N passed, N failed".
set -u
cd "$(dirname "$0")/.."
mkdir -p .tmp
rm -f .tmp/vitest.json
npx vitest run --reporter=default --reporter=json --outputFile.json=.tmp/vitest.json "$@"
rc=$?
node test/summary.mjs .tmp/vitest.json || rc=1
exit $rc
