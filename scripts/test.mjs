// `npm test`: every check and every test, ending with one line `N passed, N failed`
// (vitest and Playwright totals added up). Steps:
//   1. type-check each runtime's tsconfig (shared, node, web, e2e)
//   2. build the app (the renderer is what the end-to-end tests load)
//   3. vitest: unit tests beside the code, integration tests (incl. the process-boundary check)
//   4. Playwright: end-to-end tests in Chromium through the browser host
// A failing step does not hide the others: everything runs, then the exit code tells.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const results = path.join(root, 'test-results');
fs.mkdirSync(results, { recursive: true });

if (!process.env.CHROMIUM_PATH && fs.existsSync('/usr/bin/chromium')) process.env.CHROMIUM_PATH = '/usr/bin/chromium';

let stepFailed = false;
function step(title, command, args) {
  process.stderr.write(`\n▶ ${title}\n`);
  const run = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env });
  if (run.status !== 0) {
    stepFailed = true;
    process.stderr.write(`✖ ${title} failed (exit ${run.status ?? run.signal})\n`);
  }
  return run.status === 0;
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

for (const project of ['tsconfig.shared.json', 'tsconfig.node.json', 'tsconfig.web.json', 'tsconfig.e2e.json']) {
  step(`type-check ${project}`, bin('tsc'), ['-p', project]);
}
const built = step('build', bin('electron-vite'), ['build']);

const vitestJson = path.join(results, 'vitest.json');
fs.rmSync(vitestJson, { force: true });
step('vitest', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]);
const vitest = readJson(vitestJson);
let passed = vitest?.numPassedTests ?? 0;
let failed = vitest ? vitest.numFailedTests : 1;

const e2eJson = path.join(results, 'e2e.json');
fs.rmSync(e2eJson, { force: true });
if (built) {
  step('playwright', bin('playwright'), ['test']);
  const e2e = readJson(e2eJson);
  passed += (e2e?.stats?.expected ?? 0) + (e2e?.stats?.flaky ?? 0);
  failed += e2e ? e2e.stats.unexpected : 1;
} else {
  failed += 1;
}

process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
process.exit(failed > 0 || stepFailed ? 1 : 0);
