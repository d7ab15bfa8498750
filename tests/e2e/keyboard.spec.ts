import { expect, test } from '@playwright/test';
import { TICKET_STATUSES, type TicketStatus } from '../../src/shared/domain/ticket';
import { openWorkspace, panes, tabTo, ticketList, uniqueText } from './helpers';

const STATUS_NAMES: Record<TicketStatus, string> = {
  new: 'New',
  open: 'Open',
  pending: 'Pending',
  'on-hold': 'On hold',
  solved: 'Solved',
  closed: 'Closed',
};

test('an agent works a ticket with the keyboard only', async ({ page }) => {
  await openWorkspace(page);
  const { ticket } = panes(page);
  const list = ticketList(page, 'All unsolved');
  const selected = list.getByRole('option', { selected: true });

  // j selects the first row and puts focus in the list; arrows and k move on from there.
  await page.keyboard.press('j');
  await expect(list).toBeFocused();
  await expect(selected).toHaveAttribute('aria-posinset', '1');
  await page.keyboard.press('j');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(selected).toHaveAttribute('aria-posinset', '4');
  await page.keyboard.press('k');
  await page.keyboard.press('ArrowUp');
  await expect(selected).toHaveAttribute('aria-posinset', '2');
  await expect(list).toHaveAttribute('aria-activedescendant', (await selected.getAttribute('id')) ?? 'missing');

  // Home and End jump; PageDown moves ten rows.
  await page.keyboard.press('End');
  await expect(selected).not.toHaveAttribute('aria-posinset', '2');
  await page.keyboard.press('Home');
  await expect(selected).toHaveAttribute('aria-posinset', '1');
  await page.keyboard.press('PageDown');
  await expect(selected).toHaveAttribute('aria-posinset', '11');
  await page.keyboard.press('Home');
  await page.keyboard.press('j');
  await expect(selected).toHaveAttribute('aria-posinset', '2');

  // Enter opens the selected row.
  const rowText = (await selected.textContent()) ?? '';
  await page.keyboard.press('Enter');
  const heading = ticket.getByRole('heading', { level: 2 });
  await expect(heading).toBeVisible();
  expect(rowText).toContain(await heading.textContent());
  await expect(selected).toHaveAttribute('aria-current', 'true');

  // r goes to the composer; Ctrl+Enter sends.
  await page.keyboard.press('r');
  const composer = ticket.getByRole('textbox', { name: 'Message' });
  await expect(composer).toBeFocused();
  const text = uniqueText('Sent without a mouse.');
  await page.keyboard.type(text);
  await page.keyboard.press('Control+Enter');
  await expect(ticket.getByRole('article').filter({ hasText: text })).toHaveCount(1);
  await expect(composer).toHaveValue('');

  // Escape leaves the composer for the list; Tab goes on to the status select.
  await page.keyboard.press('Escape');
  await expect(list).toBeFocused();
  const status = ticket.getByRole('combobox', { name: 'Status' });
  await tabTo(page, status);
  const before = (await status.inputValue()) as TicketStatus;
  const after = TICKET_STATUSES[TICKET_STATUSES.indexOf(before) + 1]!;
  await page.keyboard.press('ArrowDown');
  await expect(status).toHaveValue(after);
  await expect(selected.getByText(STATUS_NAMES[after], { exact: true })).toBeVisible();

  // The change was saved, not only shown.
  await page.reload();
  await expect(ticket.getByRole('combobox', { name: 'Status' })).toHaveValue(after);
});

test('g v, g l and g t move focus between the panes', async ({ page }) => {
  await openWorkspace(page);
  const { views, ticket } = panes(page);
  await page.keyboard.press('g');
  await page.keyboard.press('v');
  await expect(views.getByRole('button', { name: 'All unsolved' })).toBeFocused();
  await page.keyboard.press('g');
  await page.keyboard.press('l');
  await expect(ticketList(page)).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(ticket.getByRole('heading', { level: 2 })).toBeVisible();
  await page.keyboard.press('g');
  await page.keyboard.press('t');
  await expect(ticket.getByRole('heading', { level: 2 })).toBeFocused();
});

test('pane sizes changed with the keyboard are remembered across a reload', async ({ page }) => {
  await openWorkspace(page);
  const separator = page.getByRole('separator', { name: 'Resize views and tickets' });
  await tabTo(page, separator);
  const before = Number(await separator.getAttribute('aria-valuenow'));
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect.poll(async () => Number(await separator.getAttribute('aria-valuenow'))).toBeGreaterThan(before + 1);
  const after = await separator.getAttribute('aria-valuenow');

  await page.reload();
  await expect(panes(page).tickets.getByRole('option').first()).toBeVisible();
  await expect(page.getByRole('separator', { name: 'Resize views and tickets' })).toHaveAttribute('aria-valuenow', after ?? '');
});
