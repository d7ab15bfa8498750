import { expect, test } from 'vitest';
import { keyFromName } from './matrix-keys';

test('keyFromName makes a document key of a name, accents and punctuation folded', () => {
  expect(keyFromName('Premium Plus (Zürich)', [])).toBe('premium-plus-zurich');
});

test('keyFromName picks the next free key when the name is taken', () => {
  expect(keyFromName('Basic', ['basic', 'basic-2'])).toBe('basic-3');
});

test('keyFromName falls back to a key of its own for a name without letters or digits', () => {
  expect(keyFromName('★★★', ['new'])).toBe('new-2');
});
