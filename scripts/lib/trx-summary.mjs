#!/usr/bin/env node
// Sums the <Counters> of every TRX file in a directory and prints the closing line of scripts/test.sh:
//   N passed, N failed
// "failed" counts failed, error, timeout and aborted outcomes. Skipped tests (total minus the rest) are named
// on a line before it. Exit code: 0 when at least one test ran and none failed, 1 otherwise.
import fs from "node:fs";
import path from "node:path";

const dir = process.argv[2];
const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(".trx")) : [];
const sum = { total: 0, passed: 0, failed: 0 };
for (const file of files) {
  const xml = fs.readFileSync(path.join(dir, file), "utf8");
  const counters = /<Counters\b([^>]*)\/?>/.exec(xml)?.[1] ?? "";
  const count = (name) => Number(new RegExp(`\\b${name}="(\\d+)"`).exec(counters)?.[1] ?? 0);
  sum.total += count("total");
  sum.passed += count("passed");
  sum.failed += count("failed") + count("error") + count("timeout") + count("aborted");
}
const skipped = sum.total - sum.passed - sum.failed;
if (files.length === 0) console.log(`No test results (.trx) in ${dir}: the test run did not complete.`);
else if (sum.total === 0) console.log("No tests ran (does the --filter match any test?).");
else if (skipped > 0) console.log(`${skipped} not run (skipped or inconclusive) of ${sum.total}.`);
console.log(`${sum.passed} passed, ${sum.failed} failed`);
process.exit(sum.total > 0 && sum.failed === 0 ? 0 : 1);
