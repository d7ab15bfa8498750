import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { openWorkspace, panes, searchBox } from './helpers';

// The Big List of Naughty Strings, kept beside the checkout (../shared/corpora from the repo root).
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const blnsPath = path.resolve(repoRoot, '..', 'shared', 'corpora', 'blns', 'blns.json');

test('every naughty string typed into the search box leaves the workspace working', async ({ page }) => {
  test.setTimeout(120_000);
  const strings = (JSON.parse(fs.readFileSync(blnsPath, 'utf8')) as unknown[]).filter((s): s is string => typeof s === 'string' && s.trim() !== '');
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('dialog', (dialog) => {
    errors.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  await openWorkspace(page);
  const box = searchBox(page);
  const { tickets } = panes(page);

  let searched = 0;
  for (const [index, text] of strings.entries()) {
    await box.fill(text);
    await box.press('Enter');
    searched++;
    // Every 25 strings: let the answers land, then check nothing broke.
    if (index % 25 === 24) {
      await expect(tickets.getByRole('heading', { level: 2 })).toBeVisible();
      await expect(page.getByText('Something went wrong inside Support Console.')).toHaveCount(0);
      expect(errors).toEqual([]);
    }
  }
  expect(searched).toBe(strings.length);

  // Still answering: a plain query finds tickets, and clearing returns to the view.
  await box.fill('status:open');
  await box.press('Enter');
  await expect(tickets.getByRole('listbox', { name: 'Search results' }).getByRole('option').first()).toBeVisible();
  await expect(page.getByText('Something went wrong inside Support Console.')).toHaveCount(0);
  await box.press('Escape');
  await expect(tickets.getByRole('listbox', { name: 'All unsolved' })).toBeVisible();
  expect(errors).toEqual([]);
});
