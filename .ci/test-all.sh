#!/usr/bin/env bash
# `npm test`: static checks, the build, unit and integration tests (vitest), then the
# browser tests (Playwright on Debian's Chromium). Ends with one "N passed, N failed" line.
set -uo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=postgres.sh
source .ci/postgres.sh
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
// A skipped test is a failure, unless it says it needs a model from ../shared/models or a real
// box that this machine lacks (the README says how to run those); they are counted apart.
const TAGS = ["[needs ../shared/models]", "[needs a device]"];
const tagged = (s) => TAGS.some((tag) => s.includes(tag));
let skipped = 0, fixture = 0;
for (const file of v ? v.testResults : [])
  for (const t of file.assertionResults)
    if (t.status !== "passed" && t.status !== "failed")
      [...t.ancestorTitles, t.title].some(tagged) ? fixture++ : skipped++;
const walk = (suite) => {
  for (const spec of suite.specs || [])
    for (const t of spec.tests || [])
      if (t.status === "skipped") tagged(spec.title) ? fixture++ : skipped++;
  for (const child of suite.suites || []) walk(child);
};
for (const suite of p ? p.suites : []) walk(suite);
const passed = (v ? v.numPassedTests : 0) + (p ? p.stats.expected : 0);
let failed = (v ? v.numFailedTests : 1) + (p ? p.stats.unexpected : 1) + skipped;
if (process.argv[1] === "1" && failed === 0) failed = 1;
const missing = fixture ? `, ${fixture} skipped: no ../shared/models or no box plugged in here (see README)` : "";
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped${missing}`);
' "$status"
exit $status
