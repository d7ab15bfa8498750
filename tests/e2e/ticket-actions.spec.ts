import { expect, test } from '@playwright/test';
import { openTicketFromView, openWorkspace, panes, rpc } from './helpers';

interface Row {
  id: string;
  number: number | null;
  subject: string;
}

test('a ticket is linked to another (both show it) and unlinked again', async ({ page }) => {
  await openWorkspace(page);
  await openTicketFromView(page, 'All tickets', 10);
  const { ticket } = panes(page);
  const { rows } = await rpc<{ rows: Row[] }>(page, 'ticket/list', { viewId: 'all', limit: 30 });
  const other = rows[20]!;

  await page.keyboard.press('Shift+N');
  const dialog = page.getByRole('dialog', { name: 'Link a ticket' });
  await dialog.getByRole('radio', { name: 'Duplicate' }).check();
  await dialog.getByRole('combobox', { name: 'Ticket to link' }).fill(String(other.number));
  await dialog.getByRole('option', { name: new RegExp(`^#${other.number} `) }).click();
  await expect(dialog).toHaveCount(0);

  const links = ticket.getByRole('region', { name: 'Linked tickets' });
  await expect(links.getByRole('listitem').filter({ hasText: other.subject })).toContainText('Duplicate');
  await links.getByRole('button', { name: new RegExp(`^Unlink #${other.number} `) }).click();
  await expect(ticket.getByRole('region', { name: 'Linked tickets' })).toHaveCount(0);
});

test('Merge into… asks for confirmation, closes the ticket and opens the one that carries on', async ({ page }) => {
  await openWorkspace(page);
  await openTicketFromView(page, 'All tickets', 12);
  const { ticket } = panes(page);
  const sourceSubject = (await ticket.getByRole('heading', { level: 2 }).textContent()) ?? '';
  const { rows } = await rpc<{ rows: Row[] }>(page, 'ticket/list', { viewId: 'all', limit: 40 });
  const target = rows[30]!;

  await ticket.getByRole('button', { name: 'Merge into…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Merge into another ticket' });
  await dialog.getByRole('combobox', { name: 'Ticket to merge into' }).fill(`#${target.number}`);
  await dialog.getByRole('option', { name: new RegExp(`^#${target.number} `) }).click();
  await expect(dialog.getByText(/will be closed\.$/)).toBeVisible();
  await dialog.getByRole('button', { name: 'Merge', exact: true }).click();
  await expect(dialog).toHaveCount(0);

  await expect(ticket.getByRole('heading', { level: 2 })).toHaveText(target.subject);
  const merged = ticket.getByRole('region', { name: 'Merged into this ticket' });
  await expect(merged.getByRole('button', { name: new RegExp(sourceSubject.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) })).toBeVisible();
});
