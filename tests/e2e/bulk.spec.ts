import { expect, test } from '@playwright/test';
import { openWorkspace, panes, ticketList } from './helpers';

test('ten tickets picked with the keyboard get one priority in one action, and Undo restores them', async ({ page }) => {
  await openWorkspace(page);
  const { views, tickets } = panes(page);
  await views.getByRole('button', { name: 'All tickets', exact: true }).click();
  const list = ticketList(page, 'All tickets');
  await expect(list.getByRole('option').first()).toBeVisible();

  // x picks the first row; Shift+ArrowDown extends the pick nine rows down.
  await page.keyboard.press('j');
  await page.keyboard.press('x');
  for (let i = 0; i < 9; i++) await page.keyboard.press('Shift+ArrowDown');
  const picked = list.getByRole('option', { selected: true });
  await expect(picked).toHaveCount(10);
  const bar = tickets.getByRole('form', { name: 'Bulk edit 10 tickets' });
  await expect(bar).toBeVisible();

  const priorities = await picked.evaluateAll((rows) => rows.map((row) => row.querySelector('[class*="col-priority"]')?.textContent ?? ''));
  const ids = await picked.evaluateAll((rows) => rows.map((row) => row.id));
  const target = priorities.includes('Urgent') && priorities.every((p) => p === 'Urgent') ? 'Low' : 'Urgent';

  await bar.getByRole('combobox', { name: 'Priority' }).selectOption({ label: target });
  await bar.getByRole('button', { name: 'Apply to 10' }).click();

  const toast = page.getByRole('status').filter({ hasText: 'Changed 10 tickets.' });
  await expect(toast).toBeVisible();
  for (const id of ids) await expect(list.locator(`#${id}`).getByText(target, { exact: true })).toBeVisible();

  // The change reached the store: a fresh read shows it.
  await expect
    .poll(async () => {
      const answers = await Promise.all(
        ids.map(async (id) => {
          const response = await page.request.post('/rpc/ticket/get', { data: { ticketId: id.replace('ticket-row-', '') } });
          return ((await response.json()) as { value: { ticket: { priority: string } } }).value.ticket.priority;
        }),
      );
      return answers.every((p) => p === target.toLowerCase());
    })
    .toBe(true);

  await toast.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Undone: 10 tickets changed back.' })).toBeVisible();
  for (const [index, id] of ids.entries()) {
    await expect(list.locator(`#${id}`).getByText(priorities[index]!, { exact: true })).toBeVisible();
  }
});

test('Ctrl+click picks single rows, Shift+click a range, Ctrl+A all, Escape none', async ({ page }) => {
  await openWorkspace(page);
  const list = ticketList(page, 'All unsolved');
  const options = list.getByRole('option');
  await options.nth(1).click({ modifiers: ['Control'] });
  await options.nth(3).click({ modifiers: ['Control'] });
  await expect(list.getByRole('option', { selected: true })).toHaveCount(2);
  await options.nth(6).click({ modifiers: ['Shift'] });
  // The range runs from the last Ctrl+click (row 4) to row 7.
  await expect(list.getByRole('option', { selected: true })).toHaveCount(4);
  await page.keyboard.press('Control+a');
  const loaded = await options.count();
  await expect(list.getByRole('option', { selected: true })).toHaveCount(loaded);
  await page.keyboard.press('Escape');
  await expect(panes(page).tickets.getByRole('form', { name: /^Bulk edit/ })).toHaveCount(0);
});
