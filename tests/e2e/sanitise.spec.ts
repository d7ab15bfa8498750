import { expect, test } from '@playwright/test';
import { openTicketFromView, openWorkspace, panes } from './helpers';

const NASTY_HTML = [
  '<p>Hello, see <a href="javascript:window.pwned=1">this link</a> and <a href="https://example.com/help">the help page</a>.</p>',
  '<script>window.pwned = 1</script>',
  '<img src="x" onerror="window.pwned = 1" alt="broken">',
  '<p onclick="window.pwned = 1" style="position:fixed;top:0;left:0;width:100vw;height:100vh;background:red">covered</p>',
  '<img src="https://tracker.example/pixel.gif?id=42" alt="company logo">',
  '<iframe src="https://evil.example"></iframe><form action="https://evil.example"><input name="password"></form>',
  '<style>body { display: none }</style><svg onload="window.pwned = 1"></svg>',
].join('\n');

test('an email with scripts, handlers, a javascript: link and a remote image renders inert', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const remoteRequests: string[] = [];
  page.on('request', (request) => {
    if (!request.url().startsWith('http://127.0.0.1')) remoteRequests.push(request.url());
  });
  // The customer's email arrives as HTML; the answer of ticket/get carries it like any other message.
  await page.route('**/rpc/ticket/get', async (route) => {
    const response = await route.fetch();
    const body = (await response.json()) as { ok: boolean; value: { messages: Record<string, unknown>[] } };
    const last = body.value.messages.at(-1);
    if (last) {
      body.value.messages.push({
        ...last,
        id: '01890a5d-ac96-774b-bcce-b302099a0001',
        kind: 'reply',
        authorType: 'customer',
        authorName: 'Mallory Example',
        channel: 'email',
        bodyFormat: 'html',
        body: NASTY_HTML,
        attachments: [{ name: 'invoice.pdf', sizeBytes: 48_213, contentType: 'application/pdf' }],
        createdAt: (last.createdAt as number) + 1,
      });
    }
    await route.fulfill({ response, json: body });
  });

  await openWorkspace(page);
  await openTicketFromView(page, 'All unsolved', 0);
  const { ticket } = panes(page);
  const message = ticket.getByRole('article', { name: /^Message from Mallory Example/ });
  await expect(message).toBeVisible();

  await expect(message.getByText('Hello, see')).toBeVisible();
  // The javascript: link lost its target (so it is no link); the good one opens safely.
  await expect(message.getByRole('link', { name: 'this link' })).toHaveCount(0);
  const help = message.getByRole('link', { name: 'the help page' });
  await expect(help).toHaveAttribute('target', '_blank');
  await expect(help).toHaveAttribute('rel', 'noopener noreferrer');
  // The remote image is a placeholder until the agent allows it.
  await expect(message.getByText('[image not shown: company logo]')).toBeVisible();
  await expect(message.getByRole('img')).toHaveCount(0);
  // Nothing escaped the message's box, and nothing ran.
  const covered = message.getByText('covered');
  await expect(covered).toBeVisible();
  expect(await covered.evaluate((el) => getComputedStyle(el).position)).toBe('static');
  expect(await message.evaluate((el) => el.querySelectorAll('script, iframe, form, input, style, svg, [onerror], [onclick], [onload]').length)).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
  await expect(page.locator('body')).toBeVisible();
  // Attachments are listed with their size and type.
  await expect(message.getByRole('list', { name: 'Attachments' })).toContainText('invoice.pdf');
  await expect(message.getByRole('list', { name: 'Attachments' })).toContainText('48.2 kB · application/pdf');

  // "Show images" puts the image back (the page's CSP still decides what may load).
  await message.getByRole('button', { name: 'Show images' }).click();
  await expect(message.getByRole('img', { name: 'company logo' })).toHaveAttribute('referrerpolicy', 'no-referrer');
  expect(dialogs).toEqual([]);
  expect(remoteRequests.filter((url) => url.includes('evil.example'))).toEqual([]);
});

test('markdown in replies is rendered, and raw HTML in it is sanitised', async ({ page }) => {
  await openWorkspace(page);
  await openTicketFromView(page, 'All unsolved', 2);
  const { ticket } = panes(page);
  const marker = `md-${Date.now().toString(36)}`;
  await ticket.getByRole('textbox', { name: 'Message' }).fill(
    `**Bold ${marker}** and [docs](https://example.com/docs)\n\n<img src=x onerror="window.pwned=1"><a href="javascript:window.pwned=1">bad</a>`,
  );
  await ticket.getByRole('radio', { name: 'Internal note' }).check();
  await ticket.getByRole('button', { name: 'Add note' }).click();
  const note = ticket.getByRole('article').filter({ hasText: marker });
  await expect(note.getByText(`Bold ${marker}`)).toBeVisible();
  expect(await note.getByText(`Bold ${marker}`).evaluate((el) => el.tagName)).toBe('STRONG');
  await expect(note.getByRole('link', { name: 'docs' })).toHaveAttribute('href', 'https://example.com/docs');
  await expect(note.getByRole('link', { name: 'bad' })).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
});
