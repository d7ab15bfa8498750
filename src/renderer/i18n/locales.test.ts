import { describe, expect, test } from 'vitest';
import en from './locales/en.json';
import nl from './locales/nl.json';
import de from './locales/de.json';

type Tree = { [key: string]: string | Tree };

/** Every leaf of a resource tree as `dotted.key → text`. */
function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') out.set(prefix + key, value);
    else for (const [k, v] of leaves(value, `${prefix}${key}.`)) out.set(k, v);
  }
  return out;
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]!).sort();
}

const english = leaves(en);

describe.each([
  ['nl', nl],
  ['de', de],
])('the %s resources', (_language, resources) => {
  const translated = leaves(resources as Tree);

  test('have exactly the keys of the English ones', () => {
    expect([...translated.keys()].sort()).toEqual([...english.keys()].sort());
  });

  test('keep every placeholder of the English text', () => {
    const mismatches = [...english].filter(([key, text]) => {
      const other = translated.get(key);
      return other !== undefined && placeholders(other).join() !== placeholders(text).join();
    });
    expect(mismatches).toEqual([]);
  });

  test('leave no text empty', () => {
    expect([...translated].filter(([, text]) => text.trim() === '')).toEqual([]);
  });
});
