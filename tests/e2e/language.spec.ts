import { expect, test } from '@playwright/test';
import { openTicketFromView, openWorkspace, panes } from './helpers';

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

test('the workspace strings are translated: views, search, palette, bulk bar, ticket actions and customer pane', async ({ page }) => {
  await openWorkspace(page);
  await openTicketFromView(page, 'All unsolved', 1);

  await page.getByRole('combobox', { name: 'Language' }).selectOption('nl');
  await expect(page.getByRole('navigation', { name: 'Weergaven' }).getByRole('button', { name: 'Nieuwe weergave' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Weergaven' }).getByRole('button', { name: 'SLA in gevaar', exact: true })).toBeVisible();
  await expect(page.getByRole('searchbox', { name: 'Tickets zoeken' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Nieuw ticket' })).toBeVisible();
  const ticket = page.getByRole('region', { name: 'Ticket', exact: true });
  await expect(ticket.getByRole('button', { name: 'Escaleren' })).toBeVisible();
  await expect(ticket.getByRole('button', { name: 'Samenvoegen met…' })).toBeVisible();
  await expect(page.getByRole('complementary', { name: 'Klant' }).getByRole('combobox', { name: 'Vaardigheid' })).toBeVisible();
  await page.keyboard.press('Control+k');
  const palette = page.getByRole('dialog', { name: 'Opdrachten' });
  await expect(palette.getByRole('option', { name: /Ticket escaleren/ })).toBeVisible();
  await page.keyboard.press('Escape');

  await page.getByRole('combobox', { name: 'Taal' }).selectOption('de');
  await expect(page.getByRole('searchbox', { name: 'Tickets suchen' })).toBeVisible();
  await expect(ticket.getByRole('button', { name: 'Eskalieren' })).toBeVisible();
  await expect(ticket.getByRole('button', { name: 'Ticket verknüpfen' })).toBeVisible();
  await expect(page.getByRole('complementary', { name: 'Kunde' }).getByRole('group', { name: 'Möchte nicht' })).toBeVisible();
  await panes(page).tickets.getByRole('option').nth(0).click({ modifiers: ['Control'] });
  await expect(page.getByRole('form', { name: '1 Tickets gemeinsam bearbeiten' })).toBeVisible();
  await page.getByRole('searchbox', { name: 'Tickets suchen' }).fill('status:fliegend');
  await expect(page.getByRole('status', { name: 'Zu Ihrer Suche' })).toContainText('„fliegend“ ist kein status');
});
