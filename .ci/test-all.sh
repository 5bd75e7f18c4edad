#!/usr/bin/env bash
# `npm test`: static checks, the build, unit and integration tests (vitest), then the
# browser tests (Playwright on Debian's Chromium). Ends with one "N passed, N failed" line.
set -uo pipefail
cd "$(dirname "$0")/.."
status=0
step() {
  echo "== $*"
  "$@" || status=1
}
step npm run --silent typecheck
step npm run --silent lint
step npm run --silent build
npx vitest run --reporter=default --reporter=json --outputFile=.ci-vitest.json || status=1
PLAYWRIGHT_JSON_OUTPUT_NAME=.ci-playwright.json npx playwright test --reporter=line,json || status=1
node -e '
const fs = require("fs");
const read = (f) => (fs.existsSync(f) ? JSON.parse(fs.readFileSync(f, "utf8")) : null);
const v = read(".ci-vitest.json"), p = read(".ci-playwright.json");
const passed = (v ? v.numPassedTests : 0) + (p ? p.stats.expected : 0);
let failed = (v ? v.numFailedTests : 1) + (p ? p.stats.unexpected : 1);
const skipped = (v ? v.numPendingTests + v.numTodoTests : 0) + (p ? p.stats.skipped : 0);
// A skipped test is a failure here: nothing in this suite needs a device yet.
if (process.argv[1] === "1" && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed + skipped} failed, ${skipped} skipped`);
' "$status"
exit $status
