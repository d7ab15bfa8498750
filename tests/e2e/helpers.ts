import { expect, type Locator, type Page } from '@playwright/test';

/** The three panes of the workspace, found by their accessible names. */
export function panes(page: Page) {
  return {
    views: page.getByRole('navigation', { name: 'Views' }),
    tickets: page.getByRole('region', { name: 'Tickets', exact: true }),
    ticket: page.getByRole('region', { name: 'Ticket', exact: true }),
  };
}

/** Opens the workspace and waits until the default view's list shows rows. */
export async function openWorkspace(page: Page, path = '/'): Promise<void> {
  await page.goto(path);
  await expect(panes(page).tickets.getByRole('option').first()).toBeVisible();
}

/** The ticket list (a listbox named after the view it shows). */
export function ticketList(page: Page, viewName?: string): Locator {
  return panes(page).tickets.getByRole('listbox', viewName ? { name: viewName } : {});
}

/** Picks a view, opens the `index`-th ticket of it with the mouse, and answers the ticket's subject. */
export async function openTicketFromView(page: Page, viewName: string, index = 0): Promise<string> {
  const { views, ticket } = panes(page);
  await views.getByRole('button', { name: viewName, exact: true }).click();
  const row = ticketList(page, viewName).getByRole('option').nth(index);
  await row.click();
  const heading = ticket.getByRole('heading', { level: 2 });
  await expect(heading).toBeVisible();
  const subject = (await heading.textContent()) ?? '';
  await expect(row).toContainText(subject);
  return subject;
}

/** A text no seed message contains, so assertions find exactly what the test wrote. */
export function uniqueText(prefix: string): string {
  return `${prefix} ${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

/** Presses Tab (or Shift+Tab) until `target` has focus; fails after `limit` presses. */
export async function tabTo(page: Page, target: Locator, { backwards = false, limit = 25 } = {}): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (await target.evaluate((element) => element === element.ownerDocument.activeElement)) return;
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
  }
  await expect(target).toBeFocused();
}

/** The ticket id the address names (the open ticket). */
export function openTicketId(page: Page): string | null {
  return new URLSearchParams(new URL(page.url()).hash.slice(1)).get('ticket');
}

/** Calls a contract method on the browser host, as another window on the same store would. */
export async function rpc<T = unknown>(page: Page, method: string, input: unknown): Promise<T> {
  const response = await page.request.post(`/rpc/${method}`, { data: input });
  const body = (await response.json()) as { ok: boolean; value?: T; error?: unknown };
  if (!body.ok) throw new Error(`${method} failed: ${JSON.stringify(body.error)}`);
  return body.value as T;
}

/** The search box in the header. */
export function searchBox(page: Page): Locator {
  return page.getByRole('searchbox', { name: 'Search tickets' });
}
