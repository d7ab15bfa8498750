import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import type { EmbeddedBackend } from '../../src/main/services/embedded-backend/embedded-backend';
import { openTicketId, panes, uniqueText } from './helpers';
import { expectCaughtUp, hostRpc, startHost, startTeamBackend, statusBar, type Host } from './sync-support';

// Two agents on desktops of their own (browser hosts with their own stores, in browser contexts of
// their own) synced with one real backend process: each sees, live, who else views or replies to
// the ticket they have open, and a reply that went out while the other wrote holds theirs back.

test.describe.configure({ timeout: 150_000 });

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

/** A desktop signed in as `email` in a browser context of its own, caught up with the backend. */
async function desktopAs(browser: Browser, email: string): Promise<{ page: Page; host: Host }> {
  const host = await startHost({ SC_BACKEND: backend.url });
  hosts.push(host);
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(host.url);
  await expect(statusBar(page).getByRole('button', { name: /^Sync: / })).toBeVisible();
  await hostRpc(page, host, 'sync/sign-in', { url: backend.url, email, password: backend.password });
  await expectCaughtUp(page);
  await expect(panes(page).tickets.getByRole('option').first()).toBeVisible();
  return { page, host };
}

/** The quiet line under the open ticket's subject that says who else is on it. */
function presenceLine(page: Page) {
  return panes(page).ticket.locator('.ticket-heading').getByRole('status');
}

test('two agents see each other on a ticket, live, and a reply that went out meanwhile holds the other back', async ({ browser }) => {
  const [anaAccount, benAccount] = [backend.accounts[0]!, backend.accounts[1]!];
  const ana = await desktopAs(browser, anaAccount.email);
  const ben = await desktopAs(browser, benAccount.email);

  // Ana opens a ticket: nobody else is on it.
  await panes(ana.page).tickets.getByRole('option').first().click();
  await expect(panes(ana.page).ticket.getByRole('heading', { level: 2 })).toBeVisible();
  const ticketId = openTicketId(ana.page)!;
  await expect(presenceLine(ana.page)).toHaveText('');

  // Ben opens the same ticket: each sees the other viewing it.
  await ben.page.evaluate((id) => {
    window.location.hash = `ticket=${id}`;
  }, ticketId);
  await expect(panes(ben.page).ticket.getByRole('heading', { level: 2 })).toBeVisible();
  await expect(presenceLine(ana.page)).toHaveText(`${benAccount.name} is viewing`);
  await expect(presenceLine(ben.page)).toHaveText(`${anaAccount.name} is viewing`);

  // Ben starts a reply: Ana sees him replying.
  const benText = uniqueText('Fixed it on our side, please try again.');
  await panes(ben.page).ticket.getByRole('textbox', { name: 'Message' }).fill(benText);
  await expect(presenceLine(ana.page)).toHaveText(`${benAccount.name} is replying…`);

  // Ana starts hers; Ben sends his first. Ana's thread shows it, and Ben is back to viewing.
  const anaText = uniqueText('We are looking into it.');
  await panes(ana.page).ticket.getByRole('textbox', { name: 'Message' }).fill(anaText);
  await expect(presenceLine(ben.page)).toHaveText(`${anaAccount.name} is replying…`);
  await panes(ben.page).ticket.getByRole('button', { name: 'Send reply' }).click();
  await expect(panes(ben.page).ticket.getByRole('article').filter({ hasText: benText })).toBeVisible();
  await expect(panes(ana.page).ticket.getByRole('article').filter({ hasText: benText })).toBeVisible({ timeout: 10_000 });
  await expect(presenceLine(ana.page)).toHaveText(`${benAccount.name} is viewing`);

  // Ana sends: the warning shows Ben's reply, and Review (the default) keeps her draft.
  await panes(ana.page).ticket.getByRole('button', { name: 'Send reply' }).click();
  const dialog = ana.page.getByRole('dialog', { name: `${benAccount.name} replied while you were writing` });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('article')).toContainText(benText);
  await expect(dialog.getByRole('button', { name: 'Review' })).toBeFocused();
  const violations = (await new AxeBuilder({ page: ana.page }).include('dialog').analyze()).violations.filter(
    (violation) => violation.impact === 'serious' || violation.impact === 'critical',
  );
  expect(violations.map((violation) => violation.id)).toEqual([]);
  await dialog.getByRole('button', { name: 'Review' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(panes(ana.page).ticket.getByRole('textbox', { name: 'Message' })).toHaveValue(anaText);
  await expect(panes(ana.page).ticket.getByRole('article').filter({ hasText: anaText })).toHaveCount(0);

  // Having read it, she sends: nothing new came since, so it goes out, and Ben gets it.
  await panes(ana.page).ticket.getByRole('button', { name: 'Send reply' }).click();
  await expect(panes(ana.page).ticket.getByRole('article').filter({ hasText: anaText })).toHaveAccessibleName(/^Public reply from /);
  await expect(panes(ben.page).ticket.getByRole('article').filter({ hasText: anaText })).toBeVisible({ timeout: 10_000 });

  // Ben works offline: he sees nobody, and Ana sees him leave at once (not after the 30 s ttl).
  await hostRpc(ben.page, ben.host, 'sync/set-online', { online: false });
  await expect(presenceLine(ben.page)).toHaveText('');
  await expect(presenceLine(ana.page)).toHaveText('', { timeout: 5_000 });
});
