import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import type { EmbeddedBackend } from '../../src/main/services/embedded-backend/embedded-backend';
import { openTicketId, panes } from './helpers';
import {
  backendLogin,
  backendTicket,
  backendUpdateFields,
  expectCaughtUp,
  freePort,
  hostRpc,
  startHost,
  startTeamBackend,
  statusBar,
  type Host,
} from './sync-support';

// Journeys of a desktop synced with a real backend process on loopback (the sample team), each on
// a browser host with a store of its own.

test.describe.configure({ timeout: 120_000 });

let backend: EmbeddedBackend;
const hosts: Host[] = [];

test.beforeAll(async () => {
  backend = await startTeamBackend();
});

test.afterEach(async () => {
  for (const host of hosts.splice(0)) await host.stop();
});

test.afterAll(async () => {
  await backend.stop();
});

/** A host pointed at the team's backend, not signed in, its page open. */
async function openHost(page: Page): Promise<Host> {
  const host = await startHost({ SC_BACKEND: backend.url });
  hosts.push(host);
  await page.goto(host.url);
  await expect(statusBar(page).getByRole('button', { name: /^Sync: / })).toBeVisible();
  return host;
}

/** Signs the host's desktop in through the contract and waits for its first full sync. */
async function signIn(page: Page, host: Host, email: string): Promise<void> {
  await hostRpc(page, host, 'sync/sign-in', { url: backend.url, email, password: backend.password });
  await expectCaughtUp(page);
  await expect(panes(page).tickets.getByRole('option').first()).toBeVisible();
}

/** Opens the first ticket of the list; answers its id, subject and priority. */
async function openFirstTicket(page: Page): Promise<{ id: string; subject: string; priority: string }> {
  const { tickets, ticket } = panes(page);
  await tickets.getByRole('option').first().click();
  const heading = ticket.getByRole('heading', { level: 2 });
  await expect(heading).toBeVisible();
  const priority = await ticket.getByRole('combobox', { name: 'Priority' }).inputValue();
  return { id: openTicketId(page)!, subject: (await heading.textContent()) ?? '', priority };
}

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

test('an agent signs in from the settings, works offline, changes a ticket and sees it synced once back online', async ({ page }) => {
  await openHost(page);
  const bar = statusBar(page);
  await expect(bar.getByRole('button', { name: /^Sync: Not signed in/ })).toBeVisible();

  // The settings open with the keyboard; a wrong password is told as such, on the password field.
  await page.keyboard.press('Control+,');
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await expect(settings).toBeVisible();
  await settings.getByRole('textbox', { name: 'Backend address' }).fill(backend.url);
  await settings.getByRole('textbox', { name: 'Email' }).fill(backend.me.email);
  const password = settings.getByLabel('Password', { exact: true });
  await password.fill('not the password at all');
  await settings.getByRole('button', { name: 'Sign in' }).click();
  await expect(settings.getByRole('alert')).toHaveText('The email or password is wrong.');
  await expect(password).toHaveAttribute('aria-invalid', 'true');
  await password.fill(backend.password);
  await password.press('Enter');
  await expect(settings.getByText(`Signed in as ${backend.me.name} <${backend.me.email}>`)).toBeVisible();
  await expect(settings.getByText(`Backend: ${backend.url}`)).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(settings).toHaveCount(0);

  // The desktop bootstraps the team's tickets; the header says who is signed in.
  await expect(panes(page).tickets.getByRole('option').first()).toBeVisible({ timeout: 20_000 });
  await expectCaughtUp(page);
  await expect(page.getByRole('banner')).toContainText(`Signed in as ${backend.me.name}`);

  // Work offline, from the header's settings button.
  await page.getByRole('banner').getByRole('button', { name: 'Settings' }).click();
  await settings.getByRole('switch', { name: 'Work offline' }).check();
  await expect(bar.getByRole('button', { name: 'Sync: Working offline. Open settings' })).toBeVisible();
  await settings.getByRole('button', { name: 'Close' }).click();

  const ticket = await openFirstTicket(page);
  const changed = ticket.priority === 'high' ? 'low' : 'high';
  await panes(page).ticket.getByRole('combobox', { name: 'Priority' }).selectOption(changed);
  await expect(bar).toContainText('1 pending');
  const token = await backendLogin(page, backend, backend.accounts[1]!.email);
  expect((await backendTicket(page, backend, token, ticket.id))?.priority).toBe(ticket.priority);

  // Back online from the command palette: the change goes out and the bar says so.
  await page.keyboard.press('Control+k');
  await page.getByRole('combobox', { name: 'Type a command' }).fill('go online');
  await page.keyboard.press('Enter');
  await expectCaughtUp(page);
  await expect(bar).toContainText('Last sync now');
  await expect.poll(async () => (await backendTicket(page, backend, token, ticket.id))?.priority).toBe(changed);
});

test('a change the backend refuses shows in the rejections panel with its reason, and is retried or discarded', async ({ page }) => {
  const host = await openHost(page);
  await signIn(page, host, backend.me.email);
  // A knowledge author signs in on the same desktop: the tickets stay, but authors may not change them.
  const author = backend.accounts.find((account) => account.role === 'author')!;
  await hostRpc(page, host, 'sync/sign-out', {});
  await hostRpc(page, host, 'sync/sign-in', { url: backend.url, email: author.email, password: backend.password });
  await expectCaughtUp(page);

  const ticket = await openFirstTicket(page);
  const priority = panes(page).ticket.getByRole('combobox', { name: 'Priority' });
  const changed = ticket.priority === 'urgent' ? 'low' : 'urgent';
  await priority.selectOption(changed);
  const bar = statusBar(page);
  await expect(bar.getByRole('button', { name: '1 rejected change: show it' })).toBeVisible();
  // Refused for good, so undone here.
  await expect(priority).toHaveValue(ticket.priority);

  await bar.getByRole('button', { name: '1 rejected change: show it' }).click();
  const panel = page.getByRole('dialog', { name: 'Rejected changes' });
  const rows = panel.getByRole('row');
  const change = `Priority → ${changed === 'urgent' ? 'Urgent' : 'Low'} on #`;
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText(change);
  await expect(rows.nth(1)).toContainText(ticket.subject);
  await expect(rows.nth(1)).toContainText('You are not allowed to make this change.');
  await expect(rows.nth(1)).toContainText('Code: forbidden · Field: name · Backend: The role author may not make ticket/update-fields');
  await expect(rows.nth(1)).toContainText('now');

  // Retry makes it again; the backend refuses it again.
  await rows.nth(1).getByRole('button', { name: `Retry: ${change}`, exact: false }).click();
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText(change);
  await expect(bar.getByRole('button', { name: '1 rejected change: show it' })).toBeVisible();

  // Discard forgets it; focus stays in the panel.
  await rows.nth(1).getByRole('button', { name: /^Discard: / }).click();
  await expect(panel.getByText('No rejected changes.')).toBeVisible();
  await expect(bar.getByRole('button', { name: '0 rejected changes: show them' })).toBeVisible();
  await expect(panel.getByRole('button', { name: 'Close' })).toBeFocused();
});

test('another agent overriding my change shows as a dismissible note on the ticket', async ({ page }) => {
  const host = await openHost(page);
  await signIn(page, host, backend.me.email);
  const ticket = await openFirstTicket(page);
  const mine = ticket.priority === 'high' ? 'normal' : 'high';
  await panes(page).ticket.getByRole('combobox', { name: 'Priority' }).selectOption(mine);
  await expectCaughtUp(page);

  const teammate = backend.accounts[1]!;
  const token = await backendLogin(page, backend, teammate.email);
  await backendUpdateFields(page, backend, token, ticket.id, { priority: 'urgent' });

  const { ticket: pane } = panes(page);
  await expect(pane.getByRole('combobox', { name: 'Priority' })).toHaveValue('urgent');
  const notes = pane.getByRole('region', { name: 'Changes of yours that were overridden' });
  const yours = mine === 'high' ? 'High' : 'Normal';
  await expect(notes.getByRole('listitem')).toHaveText(
    new RegExp(`^Priority was set to Urgent by ${teammate.name} at \\d{1,2}:\\d{2}( [AP]M)?; your change to ${yours} was overridden\\.Dismiss$`),
  );
  await notes.getByRole('button', { name: /^Dismiss: Priority was set to Urgent/ }).click();
  await expect(notes).toHaveCount(0);
  await expect(pane.getByRole('heading', { level: 2 })).toBeFocused();
  await page.reload();
  await expect(pane.getByRole('heading', { level: 2 })).toHaveText(ticket.subject);
  await expect(pane.getByRole('region', { name: 'Changes of yours that were overridden' })).toHaveCount(0);
});

test('the settings and the rejections panel have no serious or critical axe violations, and sign-in errors say what to do', async ({ page }) => {
  const host = await openHost(page);
  await signIn(page, host, backend.me.email);
  const author = backend.accounts.find((account) => account.role === 'author')!;
  await hostRpc(page, host, 'sync/sign-out', {});
  await hostRpc(page, host, 'sync/sign-in', { url: backend.url, email: author.email, password: backend.password });
  await expectCaughtUp(page);
  const ticket = await openFirstTicket(page);
  const status = await panes(page).ticket.getByRole('combobox', { name: 'Status' }).inputValue();
  await hostRpc(page, host, 'ticket/update-fields', { ticketId: ticket.id, patch: { status: status === 'on-hold' ? 'pending' : 'on-hold' } });
  const bar = statusBar(page);
  await expect(bar.getByRole('button', { name: '1 rejected change: show it' })).toBeVisible();

  // The settings, signed in.
  await page.keyboard.press('Control+,');
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await expect(settings.getByText(`Signed in as ${author.name}`)).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  // Signed out, with the words for an unreachable backend and for too many attempts.
  await settings.getByRole('button', { name: 'Sign out' }).click();
  const url = settings.getByRole('textbox', { name: 'Backend address' });
  await expect(url).toHaveValue(backend.url);
  const closed = `http://127.0.0.1:${await freePort()}`;
  await url.fill(closed);
  await settings.getByRole('textbox', { name: 'Email' }).fill('nobody@ledgerline.example');
  await settings.getByLabel('Password', { exact: true }).fill('a wrong password');
  await settings.getByRole('button', { name: 'Sign in' }).click();
  await expect(settings.getByRole('alert')).toHaveText(`The backend at ${closed} cannot be reached. Check the address and your network.`);
  await expect(url).toHaveAttribute('aria-invalid', 'true');
  expect(await seriousViolations(page)).toEqual([]);
  await url.fill(backend.url);
  const alert = settings.getByRole('alert');
  for (let attempt = 0; attempt < 5; attempt++) {
    await settings.getByRole('button', { name: 'Sign in' }).click();
    await expect(alert).toHaveText('The email or password is wrong.');
    await settings.getByLabel('Password', { exact: true }).fill(`a wrong password ${attempt}`);
  }
  await settings.getByRole('button', { name: 'Sign in' }).click();
  await expect(alert).toHaveText('Too many sign-in attempts. Wait a few minutes, then try again.');
  await page.keyboard.press('Escape');

  // The rejections panel, from the command palette.
  await page.keyboard.press('Control+k');
  await page.getByRole('combobox', { name: 'Type a command' }).fill('rejected');
  await page.keyboard.press('Enter');
  const panel = page.getByRole('dialog', { name: 'Rejected changes' });
  await expect(panel.getByRole('row')).toHaveCount(2);
  expect(await seriousViolations(page)).toEqual([]);
});

test('npm start: the desktop starts its embedded backend with the sample team and is signed in to it', async ({ page }) => {
  const host = await startHost({ SC_BACKEND: 'embedded', SC_BACKEND_PORT: String(await freePort()), SC_SEED_TICKETS: '40' });
  hosts.push(host);
  const embedded = JSON.parse(fs.readFileSync(path.join(host.dataDir, 'backend', 'embedded-backend.json'), 'utf8')) as {
    port: number;
    accounts: { email: string; name: string }[];
  };
  const me = embedded.accounts[0]!;
  await page.goto(host.url);
  await expect(panes(page).tickets.getByRole('option').first()).toBeVisible({ timeout: 20_000 });
  await expectCaughtUp(page);
  await expect(page.getByRole('banner')).toContainText(`Signed in as ${me.name}`);
  await page.keyboard.press('Control+,');
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await expect(settings.getByText(`Signed in as ${me.name} <${me.email}>`)).toBeVisible();
  await expect(settings.getByText(`Backend: http://127.0.0.1:${embedded.port}`)).toBeVisible();
  await expect(settings.getByRole('switch', { name: 'Work offline' })).not.toBeChecked();
});
