#!/usr/bin/env bash
# The test command (`npm test`): builds the package (the demo and packaging suites use dist/),
# runs every vitest suite, then prints one closing line "N passed, N failed".
set -u
cd "$(dirname "$0")/.."
mkdir -p .tmp
rm -f .tmp/vitest.json
npm run --silent build || { echo "build failed"; echo "0 passed, 1 failed"; exit 1; }
npx vitest run --reporter=default --reporter=json --outputFile.json=.tmp/vitest.json "$@"
rc=$?
node test/summary.mjs .tmp/vitest.json || rc=1
exit $rc
