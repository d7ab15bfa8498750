import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { openTicketFromView, openWorkspace, panes } from './helpers';

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
