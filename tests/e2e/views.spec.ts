import { expect, test } from '@playwright/test';
import { openWorkspace, panes, ticketList } from './helpers';

test('built-in views show their counts, capped as the backend counts them', async ({ page }) => {
  await openWorkspace(page);
  const { views } = panes(page);
  const all = views.getByRole('button', { name: 'All tickets', exact: true });
  await expect(all).toHaveAccessibleDescription(/^Tickets: \d[\d,]*\+?$/);
  await expect(views.getByRole('button', { name: 'SLA at risk', exact: true })).toBeVisible();
  await expect(views.getByRole('button', { name: 'Recently updated', exact: true })).toBeVisible();
});

test('an agent saves a personal view with filters and a sort, uses it, edits it and deletes it', async ({ page }) => {
  await openWorkspace(page);
  const { views, tickets } = panes(page);
  const name = `Urgent email ${Date.now().toString(36)}`;

  await views.getByRole('button', { name: 'New view' }).click();
  const dialog = page.getByRole('dialog', { name: 'New view' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('textbox', { name: 'Name' })).toBeFocused();

  // Saving without a name says what is missing.
  await dialog.getByRole('button', { name: 'Save view' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Give the view a name.');

  await dialog.getByRole('textbox', { name: 'Name' }).fill(name);
  await dialog.getByRole('group', { name: 'Priority' }).getByRole('checkbox', { name: 'Urgent' }).check();
  await dialog.getByRole('group', { name: 'Priority' }).getByRole('checkbox', { name: 'High' }).check();
  await dialog.getByRole('checkbox', { name: 'Only unsolved tickets' }).check();
  await dialog.getByRole('combobox', { name: 'Sort by' }).selectOption({ label: 'Priority' });
  await dialog.getByRole('combobox', { name: 'Order' }).selectOption({ label: 'Descending' });
  await dialog.getByRole('button', { name: 'Save view' }).click();
  await expect(dialog).toHaveCount(0);

  const myViews = views.getByRole('region', { name: 'My views' });
  await expect(myViews.getByRole('button', { name, exact: true })).toHaveAttribute('aria-current', 'true');
  const list = ticketList(page, name);
  await expect(list.getByRole('option').first()).toBeVisible();
  const firstPriorities = await list.getByRole('option').evaluateAll((rows) =>
    rows.slice(0, 5).map((row) => row.textContent ?? ''),
  );
  expect(firstPriorities.every((text) => /Urgent|High/.test(text))).toBe(true);
  await expect(tickets.getByRole('heading', { level: 2, name })).toBeVisible();

  // Edit: rename; then delete with a confirmation.
  await myViews.getByRole('button', { name: `Edit view ${name}` }).click();
  const editor = page.getByRole('dialog', { name: `Edit view ${name}` });
  await expect(editor.getByRole('checkbox', { name: 'Urgent' })).toBeChecked();
  await editor.getByRole('textbox', { name: 'Name' }).fill(`${name} (renamed)`);
  await editor.getByRole('button', { name: 'Save view' }).click();
  await expect(myViews.getByRole('button', { name: `${name} (renamed)`, exact: true })).toBeVisible();

  await myViews.getByRole('button', { name: `Edit view ${name} (renamed)` }).click();
  const again = page.getByRole('dialog', { name: `Edit view ${name} (renamed)` });
  await again.getByRole('button', { name: 'Delete view' }).click();
  await again.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(again).toHaveCount(0);
  await expect(myViews.getByRole('button', { name: `${name} (renamed)`, exact: true })).toHaveCount(0);
});

test('the list columns are chosen from a menu and remembered', async ({ page }) => {
  await openWorkspace(page);
  const { tickets } = panes(page);
  const button = tickets.getByRole('button', { name: 'Columns' });
  await button.click();
  const menu = page.getByRole('menu', { name: 'Columns' });
  const channel = menu.getByRole('menuitemcheckbox', { name: 'Channel' });
  await expect(channel).toHaveAttribute('aria-checked', 'false');
  await channel.click();
  await expect(channel).toHaveAttribute('aria-checked', 'true');
  await page.keyboard.press('Escape');
  await expect(menu).toHaveCount(0);
  await expect(button).toBeFocused();

  await page.reload();
  await expect(tickets.getByRole('option').first()).toBeVisible();
  await tickets.getByRole('button', { name: 'Columns' }).click();
  await expect(page.getByRole('menu', { name: 'Columns' }).getByRole('menuitemcheckbox', { name: 'Channel' })).toHaveAttribute('aria-checked', 'true');
  await page.getByRole('menu', { name: 'Columns' }).getByRole('menuitemcheckbox', { name: 'Channel' }).click();
});
