// The commands follow the screen: on the escalation matrix the ticket and list shortcuts stay
// silent (the ticket and the list are not on screen), the palette and the shortcuts sheet leave
// them out, and `g` plus a pane goes back to the tickets, where they work again.
// Regression tests for `e`, `r`, `j`/`k`, `t` and the header search acting on the hidden ticket
// and list while the matrix showed.
import { expect, test, type Page } from '@playwright/test';
import { openTicketFromView, openWorkspace, panes, searchBox, ticketList } from './helpers';

function matrixHeading(page: Page) {
  return page.getByRole('heading', { name: 'Escalation matrix', level: 2 });
}

test('on the matrix screen the ticket and list shortcuts do nothing, and g t goes back to the tickets where they work', async ({ page }) => {
  await openWorkspace(page);
  const { ticket } = panes(page);
  const subject = await openTicketFromView(page, 'L1 helpdesk', 1);
  const list = ticketList(page, 'L1 helpdesk');
  const selected = list.getByRole('option', { selected: true });
  await expect(selected).toHaveAttribute('aria-posinset', '2');
  const fields = () => Promise.all(['Status', 'Priority', 'Level', 'Assignee'].map((name) => ticket.getByRole('combobox', { name }).inputValue()));
  const before = await fields();
  expect(before[2]).not.toBe('L4');

  await page.keyboard.press('g');
  await page.keyboard.press('m');
  await expect(matrixHeading(page)).toBeFocused();

  // The keys that escalate, reply, note, move, pick, tag and open the next ticket on the tickets screen.
  for (const key of ['e', 'r', 'n', 'm', 'j', 'k', 'x', 't', 'Shift+J', 'Shift+S', ']', 'i']) await page.keyboard.press(key);
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(matrixHeading(page)).toBeFocused();

  // The palette offers what works here: no ticket or list command, the matrix's own and the global ones.
  await page.keyboard.press('Control+k');
  const palette = page.getByRole('dialog', { name: 'Commands' });
  const input = palette.getByRole('combobox', { name: 'Type a command' });
  const options = palette.getByRole('listbox', { name: 'Commands' }).getByRole('option');
  await input.fill('escalate');
  await expect(options).toHaveCount(0);
  await expect(palette.getByRole('status')).toHaveText('No command matches.');
  await input.fill('ticket');
  await expect(options.filter({ hasText: 'Next ticket' })).toHaveCount(0);
  await expect(options.filter({ hasText: 'Back to the tickets' })).toBeVisible();
  await expect(options.filter({ hasText: 'New ticket' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(palette).toHaveCount(0);

  // So does the shortcuts sheet, named after the screen.
  await page.keyboard.press('?');
  const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(sheet).toHaveAccessibleDescription('Escalation matrix');
  await expect(sheet.getByRole('row', { name: /Open the command palette/ })).toContainText('Ctrl+K');
  await expect(sheet.getByRole('row', { name: 'Go to ticket g t', exact: true })).toBeVisible();
  await expect(sheet.getByRole('row', { name: /Escalate the ticket/ })).toHaveCount(0);
  await expect(sheet.getByRole('row', { name: /Next ticket/ })).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(sheet).toHaveCount(0);

  // The grid's arrow keys move between its cells; j there is no list key either.
  const grid = page.getByRole('grid', { name: 'SLA targets per plan and priority' });
  await grid.getByRole('textbox', { name: 'Basic, High, First response', exact: true }).focus();
  await page.keyboard.press('ArrowUp');
  const urgent = grid.getByRole('textbox', { name: 'Basic, Urgent, First response', exact: true });
  await expect(urgent).toBeFocused();
  const cellValue = await urgent.inputValue();
  await page.keyboard.press('j');
  await page.keyboard.press('ArrowDown');
  await expect(grid.getByRole('textbox', { name: 'Basic, High, First response', exact: true })).toBeFocused();
  await expect(urgent).toHaveValue(cellValue);

  // Out of the grid (a field takes bare keys) for the next shortcut.
  await matrixHeading(page).focus();

  // g t goes back to the ticket: nothing about it or the list changed behind the matrix.
  await page.keyboard.press('g');
  await page.keyboard.press('t');
  const heading = ticket.getByRole('heading', { level: 2 });
  await expect(heading).toBeFocused();
  await expect(heading).toHaveText(subject);
  expect(await fields()).toEqual(before);
  await expect(selected).toHaveAttribute('aria-posinset', '2');

  // Here j moves the list again, and the sheet shows the tickets screen's keys.
  await page.keyboard.press('j');
  await expect(list).toBeFocused();
  await expect(selected).toHaveAttribute('aria-posinset', '3');
  await page.keyboard.press('?');
  await expect(sheet).toHaveAccessibleDescription('Tickets');
  await expect(sheet.getByRole('row', { name: /Escalate the ticket/ })).toContainText('e');
  await page.keyboard.press('Escape');
});

test('typing in a field of the matrix reaches the field, not a shortcut', async ({ page }) => {
  await openWorkspace(page);
  await page.keyboard.press('Control+k');
  await page.getByRole('combobox', { name: 'Type a command' }).fill('SLA calculator');
  await page.keyboard.press('Enter');
  const duration = page.getByRole('textbox', { name: 'Business time (e.g. 8h, 1h 30m, 480)' });
  await duration.fill('');
  await duration.focus();
  // c opens a new ticket, ? the sheet, / the search, g m the matrix, g l the list: not while typing.
  await page.keyboard.type('c?/gmgl 1h');
  await expect(duration).toHaveValue('c?/gmgl 1h');
  await expect(duration).toBeFocused();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(matrixHeading(page)).toBeVisible();
});

test('searching from the header on the matrix screen shows the results on the tickets screen', async ({ page }) => {
  await openWorkspace(page);
  await page.keyboard.press('g');
  await page.keyboard.press('m');
  await expect(matrixHeading(page)).toBeVisible();

  await page.keyboard.press('/');
  await expect(searchBox(page)).toBeFocused();
  await page.keyboard.type('status:open');
  const { tickets } = panes(page);
  await expect(tickets.getByRole('heading', { name: 'Search results' })).toBeVisible();
  await expect(tickets.getByRole('listbox', { name: 'Search results' }).getByRole('option').first()).toBeVisible();
  await expect(matrixHeading(page)).toHaveCount(0);
  await expect(page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Tickets' })).toHaveAttribute('aria-current', 'page');
  // Focus stayed in the box, with everything typed in it.
  await expect(searchBox(page)).toBeFocused();
  await expect(searchBox(page)).toHaveValue('status:open');
});

test('from the matrix, g l goes to the list and c opens a new ticket over the tickets screen', async ({ page }) => {
  await openWorkspace(page);
  const screens = page.getByRole('navigation', { name: 'Screens' });
  await page.keyboard.press('g');
  await page.keyboard.press('m');
  await expect(matrixHeading(page)).toBeFocused();
  await page.keyboard.press('g');
  await page.keyboard.press('l');
  await expect(ticketList(page)).toBeFocused();
  await expect(screens.getByRole('button', { name: 'Tickets' })).toHaveAttribute('aria-current', 'page');

  await page.keyboard.press('g');
  await page.keyboard.press('m');
  await expect(matrixHeading(page)).toBeFocused();
  await page.keyboard.press('c');
  const dialog = page.getByRole('dialog', { name: 'New ticket' });
  await expect(dialog).toBeVisible();
  await expect(screens.getByRole('button', { name: 'Tickets' })).toHaveAttribute('aria-current', 'page');
  // So the ticket it makes opens where the agent sees it; closing the dialog lands on the list.
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(ticketList(page)).toBeFocused();
});
