import { expect, test } from '@playwright/test';
import { openWorkspace, panes, rpc, uniqueText } from './helpers';

test('c opens New ticket: pick a requester, write, create, and the ticket opens', async ({ page }) => {
  await openWorkspace(page);
  const { ticket } = panes(page);
  const someone = (await rpc<{ name: string }[]>(page, 'customer/find', { text: 'a', limit: 1 }))[0]!;
  const subject = uniqueText('Phone: cannot export invoices');

  await page.keyboard.press('c');
  const dialog = page.getByRole('dialog', { name: 'New ticket' });
  // Creating with nothing filled in says what is missing.
  await dialog.getByRole('button', { name: 'Create ticket' }).click();
  await expect(dialog.getByRole('alert').filter({ hasText: 'Choose who the ticket is for.' })).toBeVisible();

  const requester = dialog.getByRole('combobox', { name: 'Requester' });
  await requester.fill(someone.name.split(' ')[0]!);
  await dialog.getByRole('option', { name: new RegExp(`^${someone.name}`) }).first().click();
  await dialog.getByRole('textbox', { name: 'Subject' }).fill(subject);
  await dialog.getByRole('combobox', { name: 'Priority' }).selectOption('high');
  await dialog.getByRole('textbox', { name: 'First message' }).fill('Called in: the export button does nothing.');
  await dialog.getByRole('button', { name: 'Create ticket' }).click();

  await expect(dialog).toHaveCount(0);
  await expect(ticket.getByRole('heading', { level: 2 })).toHaveText(subject);
  await expect(ticket.getByRole('combobox', { name: 'Priority' })).toHaveValue('high');
  await expect(ticket.getByRole('article').filter({ hasText: 'the export button does nothing' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: `Ticket created: ${subject}` })).toBeVisible();
});
