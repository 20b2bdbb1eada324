#!/usr/bin/env bash
# The test command (`npm test`): builds the package (the demo and packaging suites use dist/),
# runs every vitest suite, then prints one closing line "N passed, N failed" (vitest's exit code
# goes to the summary: a run-level failure such as an unhandled rejection counts as a failure).
set -u
cd "$(dirname "$0")/.."
mkdir -p .tmp
rm -f .tmp/vitest.json .tmp/summary.txt
# The browser suite needs Debian's Chromium; install it where we may (CI runs as root).
if [ ! -x /usr/bin/chromium ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "installing chromium (Debian) for the browser suite"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null 2>&1 || echo "chromium install failed"
fi
npm run --silent build || { echo "build failed"; echo "0 passed, 1 failed" | tee .tmp/summary.txt; exit 1; }
npx vitest run --reporter=default --reporter=json --outputFile.json=.tmp/vitest.json "$@"
rc=$?
node test/summary.mjs .tmp/vitest.json "$rc" | tee .tmp/summary.txt
[ "${PIPESTATUS[0]}" = 0 ] || rc=1
exit $rc
