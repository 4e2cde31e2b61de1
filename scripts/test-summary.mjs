// Prints the summary of ./flightdeck test and exits non-zero when anything
// failed. Test counts come from Jest's and Playwright's JSON reports; steps
// without tests of their own (type check, lint, build) count as one check.
// Coverage is read from each package's coverage/coverage-summary.json.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const [resultsDir, totalSeconds] = process.argv.slice(2);

const readJson = file => {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
};

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const workspacePackages = ['packages', 'plugins'].flatMap(folder =>
  fs
    .readdirSync(path.join(root, folder))
    .map(name => path.join(folder, name))
    .filter(location =>
      fs.existsSync(path.join(root, location, 'package.json')),
    ),
);

// One Jest run per package; their reports add up.
const jestReports = workspacePackages
  .map(location =>
    readJson(path.join(root, location, 'coverage/jest-results.json')),
  )
  .filter(Boolean);
const sum = key =>
  jestReports.reduce((total, report) => total + report[key], 0);
const jest = jestReports.length
  ? {
      numPassedTests: sum('numPassedTests'),
      numFailedTests: sum('numFailedTests'),
      numRuntimeErrorTestSuites: sum('numRuntimeErrorTestSuites'),
      numPendingTests: sum('numPendingTests'),
      numTodoTests: sum('numTodoTests'),
    }
  : undefined;

const coverageRows = workspacePackages.flatMap(location => {
  const summary = readJson(
    path.join(root, location, 'coverage/coverage-summary.json'),
  );
  if (!summary) return [];
  const manifest = readJson(path.join(root, location, 'package.json'));
  const threshold = manifest.jest?.coverageThreshold?.global?.lines;
  const exempt = manifest.flightdeck?.coverageExemption;
  const lines = summary.total.lines.pct;
  return [
    `  ${manifest.name.padEnd(56)} ${String(lines.toFixed(1)).padStart(5)}%   ${
      exempt ? 'exempt (package.json says why)' : `threshold ${threshold}%`
    }`,
  ];
});
// Playwright's report of a run: the security tests', then the end-to-end ones'.
const playwrightCounts = report => {
  const stats = readJson(path.join(resultsDir, 'e2e', report))?.stats;
  return (
    stats && {
      passed: stats.expected + stats.flaky,
      failed: stats.unexpected,
      skipped: stats.skipped,
    }
  );
};

const countsByStep = {
  'Unit and backend tests': jest && {
    passed: jest.numPassedTests,
    failed: jest.numFailedTests + jest.numRuntimeErrorTestSuites,
    skipped: jest.numPendingTests + jest.numTodoTests,
  },
  Security: playwrightCounts('security.json'),
  'Smoke and end-to-end tests': playwrightCounts('playwright.json'),
};

const steps = fs
  .readFileSync(path.join(resultsDir, 'steps.tsv'), 'utf8')
  .trim()
  .split('\n')
  .filter(Boolean)
  .map(line => {
    const [name, status, seconds] = line.split('\t');
    return { name, status, seconds: Number(seconds) };
  });

const total = { passed: 0, failed: 0, skipped: 0 };
const rows = steps.map(({ name, status, seconds }) => {
  let counts = countsByStep[name];
  // A runner that failed without a report (a crash) still counts as a failure.
  if (!counts || (status === 'failed' && counts.failed === 0)) {
    counts = {
      passed: status === 'passed' ? 1 : 0,
      failed: status === 'failed' ? 1 : 0,
      skipped: 0,
      check: true,
    };
  }
  total.passed += counts.passed;
  total.failed += counts.failed;
  total.skipped += counts.skipped;
  const what = counts.check
    ? 'check'
    : `${counts.passed} passed, ${counts.failed} failed${
        counts.skipped ? `, ${counts.skipped} skipped` : ''
      }`;
  return `  ${status === 'passed' ? 'ok  ' : 'FAIL'}  ${name.padEnd(
    28,
  )} ${what.padEnd(34)} ${seconds}s`;
});

const engines = (process.env.FLIGHTDECK_TEST_DATABASES ?? 'SQLITE_3')
  .split(',')
  .map(id =>
    id === 'SQLITE_3'
      ? 'SQLite 3'
      : id.replace(/^POSTGRES_(\d+)$/, 'PostgreSQL $1'),
  )
  .join(', ');

const minutes = Math.floor(Number(totalSeconds) / 60);
if (coverageRows.length) {
  console.log(
    '\n==> Line coverage by package (reports in <package>/coverage/)',
  );
  console.log(coverageRows.join('\n'));
}
console.log('\n==> Summary');
console.log(rows.join('\n'));
console.log(`  Database engines: ${engines}`);
console.log(
  `  Screenshots: e2e/screenshots/   Total time: ${minutes}m ${
    Number(totalSeconds) % 60
  }s`,
);
console.log(
  `\nflightdeck: ${total.passed} passed, ${total.failed} failed${
    total.skipped ? `, ${total.skipped} skipped` : ''
  }`,
);
process.exit(total.failed > 0 ? 1 : 0);
