import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { openTicketFromView, openWorkspace, panes, searchBox } from './helpers';

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

test('the workspace with a ticket open has no serious or critical axe violations', async ({ page }) => {
  await openWorkspace(page);
  await openTicketFromView(page, 'All unsolved');
  await expect(panes(page).ticket.getByRole('article').first()).toBeVisible();
  await expect(page.getByRole('complementary', { name: 'Customer' }).getByRole('combobox', { name: 'Proficiency' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

test('the note composer and an error alert have no serious or critical axe violations', async ({ page }) => {
  await openWorkspace(page);
  await openTicketFromView(page, 'Unassigned');
  const { ticket } = panes(page);
  await ticket.getByRole('radio', { name: 'Internal note' }).check();
  await ticket.getByRole('button', { name: 'Add note' }).click();
  await expect(ticket.getByRole('alert')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

test('search results, picked rows and the bulk bar have no serious or critical axe violations', async ({ page }) => {
  await openWorkspace(page);
  await searchBox(page).fill('status:open');
  const results = panes(page).tickets.getByRole('listbox', { name: 'Search results' });
  await expect(results.getByRole('option').first()).toBeVisible();
  await results.getByRole('option').nth(0).click({ modifiers: ['Control'] });
  await results.getByRole('option').nth(2).click({ modifiers: ['Shift'] });
  await expect(panes(page).tickets.getByRole('form', { name: /^Bulk edit 3 tickets/ })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

test('the command palette has no serious or critical axe violations', async ({ page }) => {
  await openWorkspace(page);
  await page.keyboard.press('Control+k');
  await expect(page.getByRole('dialog', { name: 'Commands' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

test('the view editor and the shortcuts sheet have no serious or critical axe violations', async ({ page }) => {
  await openWorkspace(page);
  await panes(page).views.getByRole('button', { name: 'New view' }).click();
  await expect(page.getByRole('dialog', { name: 'New view' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.keyboard.press('Escape');
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});
