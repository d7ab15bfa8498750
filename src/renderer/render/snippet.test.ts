import { describe, expect, test } from 'vitest';
import { snippetParts } from './snippet';

const S = '\u0002';
const E = '\u0003';

describe('snippetParts', () => {
  test('splits a snippet into plain and marked runs', () => {
    expect(snippetParts(`…the ${S}printer${E} is ${S}offline${E} again`)).toEqual([
      { text: '…the ', marked: false },
      { text: 'printer', marked: true },
      { text: ' is ', marked: false },
      { text: 'offline', marked: true },
      { text: ' again', marked: false },
    ]);
  });

  test('joins adjacent marks and drops empty runs', () => {
    expect(snippetParts(`${S}a${E}${S}b${E}${S}${E}c`)).toEqual([
      { text: 'ab', marked: true },
      { text: 'c', marked: false },
    ]);
  });

  test('marks to the end when a cut snippet lost its end marker, and ignores a stray end or a second start', () => {
    expect(snippetParts(`x${E}y ${S}z${S}w`)).toEqual([
      { text: 'xy ', marked: false },
      { text: 'zw', marked: true },
    ]);
  });

  test('keeps markup as text: nothing in a snippet becomes HTML', () => {
    expect(snippetParts(`<img src=x onerror=alert(1)> ${S}<b>${E}`)).toEqual([
      { text: '<img src=x onerror=alert(1)> ', marked: false },
      { text: '<b>', marked: true },
    ]);
  });

  test('keeps astral characters whole', () => {
    expect(snippetParts(`${S}😀${E}👍`)).toEqual([
      { text: '😀', marked: true },
      { text: '👍', marked: false },
    ]);
  });
});
