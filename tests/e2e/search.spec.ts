import { expect, test, type Page } from '@playwright/test';
import { openWorkspace, panes, rpc, searchBox } from './helpers';

interface Hit {
  ticket: { id: string; number: number | null; subject: string; status: string };
  snippet: string | null;
}

/** An open ticket and a phrase from its subject that few tickets share, found through the contract. */
async function openTicketWithPhrase(page: Page): Promise<{ hit: Hit; phrase: string }> {
  const { hits } = await rpc<{ hits: Hit[] }>(page, 'search/tickets', { query: 'status:open', limit: 100 });
  for (const hit of hits) {
    const words = hit.ticket.subject.split(/\s+/);
    for (let i = 0; i + 1 < words.length; i++) {
      const pair = [words[i]!, words[i + 1]!];
      if (!pair.every((word) => /^\p{L}{4,}$/u.test(word))) continue;
      const phrase = pair.join(' ');
      const found = await rpc<{ hits: Hit[] }>(page, 'search/tickets', { query: `status:open "${phrase}"`, limit: 50 });
      if (found.hits.length <= 20 && found.hits.some((h) => h.ticket.id === hit.ticket.id)) return { hit, phrase };
    }
  }
  throw new Error('no open ticket with a searchable phrase in the sample data');
}

test('a field filter and a phrase find the right ticket, with the match marked in the snippet', async ({ page }) => {
  await openWorkspace(page);
  const { hit, phrase } = await openTicketWithPhrase(page);
  const { tickets, ticket } = panes(page);

  await page.keyboard.press('/');
  await expect(searchBox(page)).toBeFocused();
  await page.keyboard.type(`status:open "${phrase}"`);
  const results = tickets.getByRole('listbox', { name: 'Search results' });
  await expect(tickets.getByRole('heading', { name: 'Search results' })).toBeVisible();
  const row = results.getByRole('option').filter({ hasText: hit.ticket.subject }).first();
  await expect(row).toBeVisible();
  await expect(row.getByText('Open', { exact: true })).toBeVisible();
  // Every result is open and has the phrase marked.
  const options = results.getByRole('option');
  const count = await options.count();
  for (let i = 0; i < count; i++) {
    await expect(options.nth(i).getByText('Open', { exact: true })).toBeVisible();
    await expect(options.nth(i).locator('mark').first()).toHaveText(new RegExp(phrase.split(' ')[0]!, 'i'));
  }

  // Ranked order is a toggle; the results stay.
  const ranked = tickets.getByRole('button', { name: 'Best match first' });
  await ranked.click();
  await expect(ranked).toHaveAttribute('aria-pressed', 'true');
  await expect(row).toBeVisible();

  // A result opens like any row.
  await row.click();
  await expect(ticket.getByRole('heading', { level: 2 })).toHaveText(hit.ticket.subject);

  // Clearing goes back to the view.
  await tickets.getByRole('button', { name: 'Clear search' }).click();
  await expect(tickets.getByRole('listbox', { name: 'All unsolved' })).toBeVisible();
  await expect(searchBox(page)).toHaveValue('');
});

test('what the search cannot use is explained in words', async ({ page }) => {
  await openWorkspace(page);
  const { tickets } = panes(page);
  await searchBox(page).fill('status:flying priority:');
  const about = tickets.getByRole('status', { name: 'About your search' });
  await expect(about).toContainText('“flying” is not a status the search knows.');
  await expect(about).toContainText('priority: needs a value after the colon.');
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('the help lists the syntax and Escape closes it', async ({ page }) => {
  await openWorkspace(page);
  const help = page.getByRole('button', { name: 'Search syntax' });
  await help.click();
  const region = page.getByRole('region', { name: 'What you can type' });
  await expect(region).toBeVisible();
  for (const example of ['"exact phrase"', 'refu*', '-refund', 'status:open', 'priority:urgent', 'tag:billing', 'requester:ana@example.com', 'level:L2', 'created:>2026-01-01']) {
    await expect(region.getByRole('cell', { name: example, exact: true })).toBeVisible();
  }
  await page.keyboard.press('Escape');
  await expect(region).toHaveCount(0);
  await expect(help).toHaveAttribute('aria-expanded', 'false');
});
