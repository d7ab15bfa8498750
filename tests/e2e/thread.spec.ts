import { expect, test } from '@playwright/test';
import { openTicketFromView, openWorkspace, panes, uniqueText } from './helpers';

test('a public reply sent from a view is still in the thread after a reload', async ({ page }) => {
  await openWorkspace(page);
  const subject = await openTicketFromView(page, 'All unsolved');
  const { ticket } = panes(page);
  const text = uniqueText('Thanks for waiting, the fix is rolled out.');

  await ticket.getByRole('textbox', { name: 'Message' }).fill(text);
  await ticket.getByRole('button', { name: 'Send reply' }).click();

  const reply = ticket.getByRole('article').filter({ hasText: text });
  await expect(reply).toHaveCount(1);
  await expect(reply).toHaveAccessibleName(/^Public reply from /);
  await expect(ticket.getByRole('textbox', { name: 'Message' })).toHaveValue('');

  await page.reload();
  await expect(ticket.getByRole('heading', { level: 2 })).toHaveText(subject);
  await expect(ticket.getByRole('article').filter({ hasText: text })).toHaveCount(1);
  await expect(ticket.getByRole('article').filter({ hasText: text })).toHaveAccessibleName(/^Public reply from /);
});

test('an internal note is labelled and styled apart from a public reply', async ({ page }) => {
  await openWorkspace(page);
  await openTicketFromView(page, 'All unsolved', 1);
  const { ticket } = panes(page);
  const replyText = uniqueText('We are looking into it.');
  const noteText = uniqueText('Customer is on the old firmware, check with L2.');

  await ticket.getByRole('textbox', { name: 'Message' }).fill(replyText);
  await ticket.getByRole('button', { name: 'Send reply' }).click();
  await expect(ticket.getByRole('article').filter({ hasText: replyText })).toHaveCount(1);

  await ticket.getByRole('radio', { name: 'Internal note' }).check();
  await ticket.getByRole('textbox', { name: 'Message' }).fill(noteText);
  await ticket.getByRole('button', { name: 'Add note' }).click();

  const note = ticket.getByRole('article').filter({ hasText: noteText });
  const reply = ticket.getByRole('article').filter({ hasText: replyText });
  await expect(note).toHaveAccessibleName(/^Internal note from /);
  await expect(note.getByText('Internal note', { exact: true })).toBeVisible();
  await expect(reply).toHaveAccessibleName(/^Public reply from /);
  await expect(reply.getByText('Internal note', { exact: true })).toHaveCount(0);

  const background = (locator: typeof note) =>
    locator.evaluate((element) => element.ownerDocument.defaultView?.getComputedStyle(element).backgroundColor);
  expect(await background(note)).not.toBe(await background(reply));
});

test('sending an empty or blank reply shows a message and the composer keeps working', async ({ page }) => {
  await openWorkspace(page);
  await openTicketFromView(page, 'All unsolved', 2);
  const { ticket } = panes(page);
  const composer = ticket.getByRole('textbox', { name: 'Message' });
  const send = ticket.getByRole('button', { name: 'Send reply' });
  const articles = ticket.getByRole('article');
  const before = await articles.count();

  await send.click();
  await expect(ticket.getByRole('alert')).toHaveText('Write a message before sending.');
  await expect(composer).toHaveAttribute('aria-invalid', 'true');

  await composer.fill('   \n\t  ');
  await send.click();
  await expect(ticket.getByRole('alert')).toHaveText('Write a message before sending.');
  await expect(articles).toHaveCount(before);

  const text = uniqueText('Here is what to try next.');
  await composer.fill(text);
  await expect(ticket.getByRole('alert')).toHaveCount(0);
  await send.click();
  await expect(articles.filter({ hasText: text })).toHaveCount(1);
  await expect(articles).toHaveCount(before + 1);
});

test('an error code from the host is shown in words', async ({ page }) => {
  await openWorkspace(page);
  await openTicketFromView(page, 'All unsolved', 3);
  const { ticket } = panes(page);
  await page.route('**/rpc/ticket/add-message', (route) =>
    route.fulfill({
      status: 429,
      contentType: 'application/json',
      body: JSON.stringify({ ok: false, error: { code: 'rate-limited', message: 'slow down' } }),
    }),
  );

  const text = uniqueText('This one is refused.');
  await ticket.getByRole('textbox', { name: 'Message' }).fill(text);
  await ticket.getByRole('button', { name: 'Send reply' }).click();

  await expect(ticket.getByRole('alert')).toHaveText('Too many requests. Wait a moment and try again.');
  await expect(ticket.getByRole('textbox', { name: 'Message' })).toHaveValue(text);
  await expect(ticket.getByRole('article').filter({ hasText: text })).toHaveCount(0);
});

test('a ticket that does not exist is reported, not crashed on', async ({ page }) => {
  await page.goto('/#view=all-unsolved&ticket=01890a5d-ac96-774b-bcce-b302099a8057');
  const { ticket, tickets } = panes(page);
  await expect(ticket.getByRole('alert')).toHaveText('This ticket no longer exists.');
  await expect(tickets.getByRole('option').first()).toBeVisible();
});

test('a long thread shows its newest messages first and the older ones on request', async ({ page }) => {
  await openWorkspace(page);
  await openTicketFromView(page, 'All tickets', 15);
  const { ticket } = panes(page);
  const ticketId = new URLSearchParams(new URL(page.url()).hash.slice(1)).get('ticket')!;
  const first = uniqueText('Oldest of the long thread.');
  const added = await page.request.post('/rpc/ticket/add-message', { data: { ticketId, kind: 'note', body: first } });
  expect(await added.json()).toMatchObject({ ok: true });
  for (let i = 0; i < 60; i++) {
    await page.request.post('/rpc/ticket/add-message', { data: { ticketId, kind: 'note', body: `Step ${i + 1} of the investigation.` } });
  }
  await page.reload();
  const older = ticket.getByRole('button', { name: /^Show \d+ older messages?$/ });
  await expect(older).toBeVisible();
  await expect(ticket.getByRole('article').filter({ hasText: 'Step 60 of the investigation.' })).toHaveCount(1);
  await expect(ticket.getByRole('article').filter({ hasText: first })).toHaveCount(0);
  const shown = await ticket.getByRole('article').count();
  expect(shown).toBeLessThanOrEqual(50);

  while (await older.isVisible()) await older.click();
  await expect(ticket.getByRole('article').filter({ hasText: first })).toHaveCount(1);
  expect(await ticket.getByRole('article').count()).toBeGreaterThan(shown);
});
