import { expect, test } from 'vitest';
import { LATEST_VERSION, MIGRATIONS } from './list';

test('numbers the migrations 1, 2, 3 … without gaps so user_version names exactly one schema', () => {
  expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
});

test('names the last migration as the version this build writes', () => {
  expect(LATEST_VERSION).toBe(MIGRATIONS.length);
});
