import { expect, test } from '@playwright/test';
import { openTicketFromView, openWorkspace, panes } from './helpers';

test('a reply from a macro greets the requester by first name and applies its field change in one action', async ({ page }) => {
  await openWorkspace(page);
  await openTicketFromView(page, 'All unsolved', 5);
  const { ticket } = panes(page);
  const status = ticket.getByRole('combobox', { name: 'Status' });
  await status.selectOption('open');
  await expect(status).toHaveValue('open');
  const requester = (await ticket.getByRole('definition').first().textContent()) ?? '';
  const firstName = requester.trim().split(/\s+/)[0]!;

  await page.keyboard.press('Escape');
  await page.keyboard.press('m');
  const dialog = page.getByRole('dialog', { name: 'Macros' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('combobox', { name: 'Find a macro' }).fill('Ask for details');
  await expect(dialog.getByRole('option', { name: /Ask for details/ })).toBeVisible();
  await expect(dialog.getByRole('region', { name: 'What the macro does' })).toContainText(`Hi ${firstName},`);
  await page.keyboard.press('Enter');
  await expect(dialog).toHaveCount(0);

  const composer = ticket.getByRole('textbox', { name: 'Message' });
  await expect(composer).toHaveValue(new RegExp(`^Hi ${firstName},`));
  await expect(composer).not.toHaveValue(/\{\{/);
  await expect(ticket.getByRole('group', { name: 'Macro: Ask for details' })).toContainText('Status → Pending');

  await ticket.getByRole('button', { name: 'Send reply and apply macro' }).click();
  const reply = ticket.getByRole('article').filter({ hasText: `Hi ${firstName},` }).last();
  await expect(reply).toHaveAccessibleName(/^Public reply from /);
  await expect(status).toHaveValue('pending');
  await expect(composer).toHaveValue('');

  await page.reload();
  await expect(ticket.getByRole('combobox', { name: 'Status' })).toHaveValue('pending');
});

test('a draft is kept as the agent types and comes back after a reload', async ({ page }) => {
  await openWorkspace(page);
  await openTicketFromView(page, 'All unsolved', 7);
  const { ticket } = panes(page);
  const composer = ticket.getByRole('textbox', { name: 'Message' });
  const text = `Draft kept across a restart ${Date.now().toString(36)}`;
  await composer.fill(text);
  // Saved after a pause in typing (500 ms).
  await page.waitForTimeout(900);
  await page.reload();
  await expect(ticket.getByRole('textbox', { name: 'Message' })).toHaveValue(text);
  // The preview tab shows it rendered.
  await ticket.getByRole('tab', { name: 'Preview' }).click();
  await expect(ticket.getByRole('tabpanel', { name: 'Preview' })).toContainText(text);
  await ticket.getByRole('tab', { name: 'Write' }).click();
  await ticket.getByRole('textbox', { name: 'Message' }).fill('');
  await page.waitForTimeout(900);
  await page.reload();
  await expect(ticket.getByRole('textbox', { name: 'Message' })).toHaveValue('');
});

test('before a public reply goes out, a newer customer message is shown and the agent confirms', async ({ page }) => {
  await openWorkspace(page);
  await openTicketFromView(page, 'All unsolved', 8);
  const { ticket } = panes(page);
  await ticket.getByRole('textbox', { name: 'Message' }).fill('We will look into it today.');

  // The customer writes again meanwhile; the live refresh is held back so the pane still shows the old thread.
  await page.route('**/rpc/ticket/get', async (route) => {
    const response = await route.fetch();
    const body = (await response.json()) as { ok: boolean; value: { messages: { authorType: string; id: string; createdAt: number }[] } };
    const last = body.value.messages.at(-1)!;
    body.value.messages.push({
      ...last,
      id: '01890a5d-ac96-774b-bcce-b302099a9999',
      authorType: 'customer',
      kind: 'reply',
      bodyFormat: 'markdown',
      body: 'Actually it started working again.',
      authorName: 'The customer',
      createdAt: last.createdAt + 1,
    } as never);
    await route.fulfill({ response, json: body });
  });
  await ticket.getByRole('button', { name: 'Send reply' }).click();
  const warning = ticket.getByRole('alert').filter({ hasText: 'wrote again while you were typing' });
  await expect(warning).toBeVisible();
  await expect(ticket.getByRole('article').filter({ hasText: 'Actually it started working again.' })).toBeVisible();
  await page.unroute('**/rpc/ticket/get');

  // Having read it, the agent sends anyway.
  await warning.getByRole('button', { name: 'Send anyway' }).click();
  await expect(ticket.getByRole('article').filter({ hasText: 'We will look into it today.' })).toHaveAccessibleName(/^Public reply from /);
  await expect(warning).toHaveCount(0);
});
