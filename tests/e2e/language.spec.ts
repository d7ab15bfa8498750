import { expect, test } from '@playwright/test';
import { openWorkspace } from './helpers';

test('switching to Dutch and German translates the views, and the choice is remembered', async ({ page }) => {
  await openWorkspace(page);
  await expect(page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'All unsolved' })).toBeVisible();

  await page.getByRole('combobox', { name: 'Language' }).selectOption('nl');
  const dutch = page.getByRole('navigation', { name: 'Weergaven' });
  await expect(dutch.getByRole('button', { name: 'Alle onopgeloste', exact: true })).toBeVisible();
  await expect(dutch.getByRole('button', { name: 'Mijn open tickets', exact: true })).toBeVisible();
  await expect(dutch.getByRole('button', { name: 'Niet toegewezen', exact: true })).toBeVisible();
  await expect(page.getByRole('listbox', { name: 'Alle onopgeloste' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'nl');

  await page.getByRole('combobox', { name: 'Taal' }).selectOption('de');
  const german = page.getByRole('navigation', { name: 'Ansichten' });
  await expect(german.getByRole('button', { name: 'Alle ungelösten', exact: true })).toBeVisible();
  await expect(german.getByRole('button', { name: 'Meine offenen Tickets', exact: true })).toBeVisible();
  await expect(german.getByRole('button', { name: 'Angehalten', exact: true })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Views' })).toHaveCount(0);

  await page.reload();
  await expect(page.getByRole('navigation', { name: 'Ansichten' }).getByRole('button', { name: 'Alle ungelösten' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Sprache' })).toHaveValue('de');
});
