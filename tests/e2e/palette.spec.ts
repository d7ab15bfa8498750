import { expect, test } from '@playwright/test';
import { openWorkspace, panes, searchBox } from './helpers';

test('Ctrl+K lists every command with its shortcut, filters as the agent types, and Enter runs one', async ({ page }) => {
  await openWorkspace(page);
  await page.keyboard.press('Control+k');
  const palette = page.getByRole('dialog', { name: 'Commands' });
  const input = palette.getByRole('combobox', { name: 'Type a command' });
  await expect(input).toBeFocused();
  const options = palette.getByRole('listbox', { name: 'Commands' }).getByRole('option');
  expect(await options.count()).toBeGreaterThanOrEqual(40);
  await expect(options.filter({ hasText: 'Escalate the ticket' })).toContainText('e');
  await expect(options.filter({ hasText: 'New ticket' })).toBeVisible();

  await input.fill('search tick');
  await expect(options).toHaveCount(1);
  await expect(options.first()).toHaveAccessibleName(/Search tickets/);
  await page.keyboard.press('Enter');
  await expect(palette).toHaveCount(0);
  await expect(searchBox(page)).toBeFocused();
});

test('F1 opens the palette too, and a command that cannot run now is marked so', async ({ page }) => {
  await openWorkspace(page);
  await page.keyboard.press('F1');
  const palette = page.getByRole('dialog', { name: 'Commands' });
  await expect(palette).toBeVisible();
  await palette.getByRole('combobox').fill('escalate');
  await expect(palette.getByRole('option', { name: /Escalate the ticket/ })).toHaveAttribute('aria-disabled', 'true');
  await page.keyboard.press('Escape');
  await expect(palette).toHaveCount(0);
});

test('? shows the shortcuts sheet generated from the same commands', async ({ page }) => {
  await openWorkspace(page);
  await panes(page).tickets.getByRole('option').first().click();
  await page.keyboard.press('?');
  const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(sheet).toBeVisible();
  await expect(sheet.getByRole('row', { name: /Escalate the ticket/ })).toContainText('e');
  await expect(sheet.getByRole('row', { name: /Open the command palette/ })).toContainText('Ctrl+K');
  await expect(sheet.getByRole('row', { name: /Change status/ })).toContainText('Shift+S');
  await expect(sheet.getByRole('row', { name: /Select or unselect the ticket/ })).toContainText('x');
  await page.keyboard.press('Escape');
  await expect(sheet).toHaveCount(0);
});
