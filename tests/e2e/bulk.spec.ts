import { expect, test } from '@playwright/test';
import { openWorkspace, panes, rpc, ticketList } from './helpers';

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

test('ten tickets picked with the keyboard get a tag from the command palette in one action, and undo takes it off all ten', async ({ page }) => {
  await openWorkspace(page);
  const { views, tickets } = panes(page);
  await views.getByRole('button', { name: 'All tickets', exact: true }).click();
  const list = ticketList(page, 'All tickets');
  await expect(list.getByRole('option').first()).toBeVisible();
  // The list shows each ticket's tags once the Tags column is on.
  await tickets.getByRole('button', { name: 'Columns' }).click();
  await page.getByRole('menu', { name: 'Columns' }).getByRole('menuitemcheckbox', { name: 'Tags' }).click();
  await page.keyboard.press('Escape');

  await page.keyboard.press('j');
  await page.keyboard.press('x');
  for (let i = 0; i < 9; i++) await page.keyboard.press('Shift+ArrowDown');
  const picked = list.getByRole('option', { selected: true });
  await expect(picked).toHaveCount(10);
  const ids = await picked.evaluateAll((rows) => rows.map((row) => row.id));
  const bar = tickets.getByRole('form', { name: 'Bulk edit 10 tickets' });
  const tag = `bulk-${Date.now().toString(36)}`;

  const palette = page.getByRole('dialog', { name: 'Commands' });
  const runCommand = async (title: string) => {
    await page.keyboard.press('Control+k');
    await palette.getByRole('combobox', { name: 'Type a command' }).fill(title);
    await expect(palette.getByRole('option')).toHaveCount(1);
    await page.keyboard.press('Enter');
    await expect(palette).toHaveCount(0);
  };

  await runCommand('Add tags to the selected tickets');
  await expect(bar.getByRole('textbox', { name: 'Add tags' })).toBeFocused();
  // Upper case and spaces around it: the tag is stored as tags are, lower case.
  await page.keyboard.type(` ${tag.toUpperCase()} `);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Changed 10 tickets.' })).toBeVisible();
  for (const id of ids) await expect(list.locator(`#${id}`)).toContainText(tag);

  const storedTags = () =>
    Promise.all(ids.map(async (id) => (await rpc<{ ticket: { tags: string[] } }>(page, 'ticket/get', { ticketId: id.replace('ticket-row-', '') })).ticket.tags));
  expect((await storedTags()).every((tags) => tags.includes(tag))).toBe(true);

  await runCommand('Undo the last bulk edit');
  await expect(page.getByRole('status').filter({ hasText: 'Undone: 10 tickets changed back.' })).toBeVisible();
  for (const id of ids) await expect(list.locator(`#${id}`)).not.toContainText(tag);
  expect((await storedTags()).some((tags) => tags.includes(tag))).toBe(false);
});
