#!/usr/bin/env bash
# The test command (`npm test`): builds the package (the e2e and package tiers use dist/), runs
# the vitest tiers (vitest.config.ts), then prints the closing lines: why tests were skipped,
# which tiers were left out, and last "N passed, N failed[, N skipped]" (vitest's exit code goes
# to the summary: a run-level failure such as an unhandled rejection counts as a failure).
#
# Which tiers: every one under CI=true or CVAT_FP_TEST_ALL=1 (`npm run test:all`); otherwise all
# but `package` (it packs the tarball and runs it in eight runtimes: the slow one), and the
# closing lines say it was left out. Arguments go to vitest; a `--project` among them chooses the
# tiers itself (`npm test -- --project unit`).
#
# It changes nothing outside the checkout unless asked: the browser suite's Chromium is
# installed with apt-get only under CI=true or CVAT_FP_INSTALL_CHROMIUM=1 (as root).
set -u
cd "$(dirname "$0")/.."
mkdir -p .tmp
rm -f .tmp/vitest.json .tmp/summary.txt

all=false
if [ "${CI:-}" = true ] || [ "${CVAT_FP_TEST_ALL:-}" = 1 ]; then all=true; fi
chosen=false
for arg in "$@"; do case "$arg" in --project|--project=*) chosen=true ;; esac; done

projects=()
left_out=''
if [ "$chosen" = false ]; then
  projects=(--project unit --project contract --project e2e --project types)
  if [ "$all" = true ]; then
    projects+=(--project package)
  else
    left_out='the package tier (test/package, test/runtimes: the packed tarball, its size, 8 runtimes, the demo, the examples): CI=true or CVAT_FP_TEST_ALL=1 (npm run test:all) runs it'
    echo "left out: $left_out"
  fi
fi

runs_package=false
if [ "$chosen" = true ] || [ "$all" = true ]; then runs_package=true; fi
if [ "$runs_package" = true ] && [ ! -x /usr/bin/chromium ]; then
  if { [ "${CI:-}" = true ] || [ "${CVAT_FP_INSTALL_CHROMIUM:-}" = 1 ]; } && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "installing chromium (Debian) for the browser suite (CI=true or CVAT_FP_INSTALL_CHROMIUM=1)"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null 2>&1 || echo "chromium install failed"
  fi
fi

npm run --silent build || { echo "build failed"; echo "0 passed, 1 failed" | tee .tmp/summary.txt; exit 1; }
npx vitest run ${projects[@]+"${projects[@]}"} --reporter=default --reporter=json --outputFile.json=.tmp/vitest.json "$@"
rc=$?
CVAT_FP_LEFT_OUT="$left_out" node test/summary.mjs .tmp/vitest.json "$rc" | tee .tmp/summary.txt
[ "${PIPESTATUS[0]}" = 0 ] || rc=1
exit $rc
