import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, test } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const depcruise = path.join(root, 'node_modules', '.bin', 'depcruise');
const config = path.join(root, '.dependency-cruiser.cjs');

interface Violation {
  from: string;
  to: string;
  rule: { name: string };
}

/** Runs dependency-cruiser with the project's rules over `src` of `cwd`; returns its violations. */
function cruise(cwd: string): Violation[] {
  let output: string;
  try {
    // The JSON report lists every module: well past the 1 MiB a child's output may have by default.
    output = execFileSync(depcruise, ['src', '--config', config, '--output-type', 'json'], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    // depcruise exits non-zero when it finds violations; its JSON is still on stdout.
    output = String((error as { stdout?: string }).stdout ?? '');
  }
  const result = JSON.parse(output) as { summary: { violations: Violation[] } };
  return result.summary.violations;
}

describe('process boundaries', () => {
  test('does not find a forbidden import in the project', () => {
    expect(cruise(root).map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`)).toEqual([]);
  });

  test('reports each kind of forbidden import when a fixture breaks the rules', () => {
    const fixture = path.join(root, 'tests', 'fixtures', 'boundaries');
    const found = cruise(fixture)
      .map((v) => `${v.rule.name.replace(/-\d+$/, '')}: ${v.from}`)
      .sort();
    expect(found).toEqual([
      'electron-only-in-shell-and-preload: src/main/services/uses-electron.ts',
      'renderer-is-a-web-page: src/renderer/uses-fs.ts',
      'server-talks-through-shared: src/server/uses-main.ts',
      'shared-is-pure: src/shared/uses-main.ts',
    ]);
  });
});
