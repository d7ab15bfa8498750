import { expect, test } from '@playwright/test';
import { openTicketFromView, openWorkspace, panes, ticketList, uniqueText } from './helpers';

test('scrolling the list loads further pages while only a window of rows is in the DOM', async ({ page }) => {
  await openWorkspace(page);
  const { views, tickets } = panes(page);
  await views.getByRole('button', { name: 'All tickets', exact: true }).click();
  const list = ticketList(page, 'All tickets');
  await expect(list.getByRole('option').first()).toBeVisible();
  await expect(tickets.getByRole('status').filter({ hasText: /^100 tickets loaded, more below$/ })).toBeVisible();

  // Scroll to the end until the last page is in: 500 seeded tickets, 100 per page.
  await expect(async () => {
    await list.evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
    await expect(tickets.getByRole('status').filter({ hasText: /^500 tickets loaded$/ })).toBeVisible({ timeout: 500 });
  }).toPass({ timeout: 15_000 });

  // The last page grew the list after the scroll that loaded it: scroll to the new end.
  await list.evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
  await expect(list.getByRole('option').last()).toHaveAttribute('aria-posinset', '500');
  expect(await list.getByRole('option').count()).toBeLessThan(100);
});

test("another agent's change shows up without a reload", async ({ page }) => {
  await openWorkspace(page);
  await openTicketFromView(page, 'All unsolved', 4);
  const { ticket } = panes(page);
  const ticketId = new URLSearchParams(new URL(page.url()).hash.slice(1)).get('ticket');
  expect(ticketId).toMatch(/^[0-9a-f-]{36}$/);

  // Another agent (another window on the same store) writes through the same contract.
  const text = uniqueText('Picked this up from the phone queue.');
  const added = await page.request.post(`/rpc/ticket/add-message`, { data: { ticketId, kind: 'note', body: text } });
  expect(await added.json()).toMatchObject({ ok: true });
  const updated = await page.request.post(`/rpc/ticket/update-fields`, { data: { ticketId, patch: { priority: 'urgent' } } });
  expect(await updated.json()).toMatchObject({ ok: true, value: { priority: 'urgent' } });

  await expect(ticket.getByRole('article').filter({ hasText: text })).toHaveAccessibleName(/^Internal note from /);
  await expect(ticket.getByRole('combobox', { name: 'Priority' })).toHaveValue('urgent');
  await expect(ticketList(page).getByRole('option', { selected: true }).getByText('Urgent', { exact: true })).toBeVisible();
});
