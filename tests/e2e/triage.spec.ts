import { expect, test } from '@playwright/test';
import { openWorkspace, panes, ticketList, uniqueText } from './helpers';

test('an agent triages a view with the keyboard only: move, open, change status, escalate, next', async ({ page }) => {
  await openWorkspace(page);
  const { views, ticket } = panes(page);

  // Go to the L1 view from the views pane, with the keyboard.
  await page.keyboard.press('g');
  await page.keyboard.press('v');
  const l1 = views.getByRole('button', { name: 'L1 helpdesk', exact: true });
  for (let i = 0; i < 20 && !(await l1.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(l1).toBeFocused();
  await page.keyboard.press('Enter');
  const list = ticketList(page, 'L1 helpdesk');
  await expect(list.getByRole('option').first()).toBeVisible();

  // Move down two rows and open the ticket.
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  const selected = list.getByRole('option', { selected: true });
  await expect(selected).toHaveAttribute('aria-posinset', '3');
  await page.keyboard.press('Enter');
  const heading = ticket.getByRole('heading', { level: 2 });
  await expect(heading).toBeVisible();
  const firstSubject = (await heading.textContent()) ?? '';
  await expect(selected).toHaveAttribute('aria-current', 'true');

  // Shift+S goes to the status; the arrow keys change it (saved at once); Escape goes back to the list.
  const status = ticket.getByRole('combobox', { name: 'Status' });
  await page.keyboard.press('Shift+S');
  await expect(status).toBeFocused();
  const before = await status.inputValue();
  await page.keyboard.press(before === 'pending' ? 'ArrowUp' : 'ArrowDown');
  await expect(status).not.toHaveValue(before);
  const after = await status.inputValue();
  await page.keyboard.press('Escape');
  await expect(list).toBeFocused();

  // e escalates, with a reason, to L2.
  await page.keyboard.press('e');
  const dialog = page.getByRole('dialog', { name: 'Escalate ticket' });
  await expect(dialog).toBeVisible();
  const reason = dialog.getByRole('textbox', { name: 'Why escalate?' });
  await expect(reason).toBeFocused();
  await page.keyboard.type(uniqueText('Needs a specialist: reproducible on two accounts.'));
  await page.keyboard.press('Control+Enter');
  await expect(dialog).toHaveCount(0);
  await expect(ticket.getByRole('combobox', { name: 'Level' })).toHaveValue('L2');

  // ] opens the next ticket in the list.
  await page.keyboard.press(']');
  await expect(heading).not.toHaveText(firstSubject);

  // The status change and the escalation were saved.
  await page.keyboard.press('[');
  await expect(heading).toHaveText(firstSubject);
  await page.reload();
  await expect(ticket.getByRole('combobox', { name: 'Status' })).toHaveValue(after);
  await expect(ticket.getByRole('combobox', { name: 'Level' })).toHaveValue('L2');
});

test('Escape closes a dialog and gives focus back; Tab stays inside it', async ({ page }) => {
  await openWorkspace(page);
  await page.keyboard.press('c');
  const dialog = page.getByRole('dialog', { name: 'New ticket' });
  await expect(dialog).toBeVisible();
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Tab');
    expect(await dialog.evaluate((element) => element.contains(document.activeElement))).toBe(true);
  }
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
});
