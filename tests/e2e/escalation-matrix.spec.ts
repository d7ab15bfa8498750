// The escalation matrix on screen: a team lead edits the draft (a target, the business hours),
// sees a rule broken on the cell as they type and fixes it, previews, publishes, and an open
// ticket's deadline moves; an agent reads the same screen without being able to change it.
// The lead works on a host of their own (SC_SAMPLE_ROLE=lead), so the publish leaves the store
// the other journeys share alone; the agent is the shared host's signed-in L1 agent.
import fs from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { openWorkspace, panes } from './helpers';
import { hostRpc, startHost, type Host } from './sync-support';

interface SlaClockView {
  clock: 'firstResponse' | 'nextResponse' | 'resolution';
  state: string;
  dueAt: number | null;
  targetMinutes: number | null;
}

interface TicketSlaView {
  ticketId: string;
  plan: string | null;
  priority: string;
  next: SlaClockView | null;
}

interface MatrixTarget {
  firstResponseMinutes: number | null;
  nextResponseMinutes: number | null;
  resolutionMinutes: number | null;
}

const CLOCK_NAMES = { firstResponse: 'First response', nextResponse: 'Next response', resolution: 'Resolution' } as const;
const PRIORITY_NAMES: Record<string, string> = { low: 'Low', normal: 'Normal', high: 'High', urgent: 'Urgent' };

let lead: Host;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  lead = await startHost({ SC_BACKEND: 'none', SC_SAMPLE_ROLE: 'lead', SC_SEED_TICKETS: '300' });
});

test.afterAll(async () => {
  await lead?.stop();
});

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

/** An open ticket of the lead's store whose next deadline runs (not paused, not overdue), with the plan that times it. */
async function runningTicket(page: Page): Promise<TicketSlaView & { plan: string; next: SlaClockView }> {
  const { rows } = await hostRpc<{ rows: { id: string }[] }>(page, lead, 'ticket/list', { viewId: 'all-unsolved', limit: 200 });
  for (const row of rows) {
    const sla = await hostRpc<TicketSlaView>(page, lead, 'ticket/get-sla', { ticketId: row.id });
    if (sla.plan !== null && sla.next?.state === 'running' && sla.next.dueAt !== null && sla.next.dueAt > Date.now() + 3_600_000) {
      return sla as TicketSlaView & { plan: string; next: SlaClockView };
    }
  }
  throw new Error('the sample store has no open ticket with a running deadline');
}

function openMatrix(page: Page) {
  return page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Escalation matrix' }).click();
}

test('a lead edits a target, fixes overlapping hours, previews and publishes, and an open ticket’s deadline moves', async ({ page }, testInfo) => {
  test.setTimeout(90_000);
  const ticket = await runningTicket(page);
  const matrix = await hostRpc<{ published: { version: number; document: { plans: Record<string, { name: string; targets: Record<string, MatrixTarget> }> } } }>(
    page,
    lead,
    'matrix/get',
    {},
  );
  const plan = matrix.published.document.plans[ticket.plan]!;
  const clockField = `${ticket.next.clock}Minutes` as keyof MatrixTarget;
  const oldMinutes = plan.targets[ticket.priority]![clockField]!;
  const newMinutes = oldMinutes + 60;
  const cellName = `${plan.name}, ${PRIORITY_NAMES[ticket.priority]}, ${CLOCK_NAMES[ticket.next.clock]}`;

  await page.goto(`${lead.url}#view=all-unsolved&ticket=${ticket.ticketId}`);
  const slaPanel = panes(page).ticket.getByRole('region', { name: 'SLA', exact: true });
  const clockLine = slaPanel.getByRole('list', { name: 'SLA clocks' }).getByRole('listitem').filter({ hasText: CLOCK_NAMES[ticket.next.clock] });
  await expect(clockLine).toContainText('Due in');
  await expect(slaPanel).toContainText(`matrix version ${matrix.published.version}`);

  // The target: typed as hours and minutes, read back with its unit.
  await openMatrix(page);
  await expect(page.getByRole('heading', { name: 'Escalation matrix', level: 2 })).toBeVisible();
  const grid = page.getByRole('grid', { name: 'SLA targets per plan and priority' });
  const cell = grid.getByRole('textbox', { name: cellName, exact: true });
  await cell.fill(`${Math.floor(newMinutes / 60)}h ${newMinutes % 60}m`);
  await expect(cell).toHaveAccessibleDescription(new RegExp(`${newMinutes} business minutes`));
  await cell.blur();
  await expect(cell).toHaveValue(newMinutes % 60 === 0 ? `${newMinutes / 60}h` : `${Math.floor(newMinutes / 60)}h ${newMinutes % 60}m`);
  // Arrow keys move between cells: up and down always, sideways once the caret is at the edge.
  await grid.getByRole('textbox', { name: 'Basic, High, First response', exact: true }).focus();
  await page.keyboard.press('ArrowUp');
  await expect(grid.getByRole('textbox', { name: 'Basic, Urgent, First response', exact: true })).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(grid.getByRole('textbox', { name: 'Basic, Urgent, Next response', exact: true })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(grid.getByRole('textbox', { name: 'Basic, High, Next response', exact: true })).toBeFocused();

  // Overlapping hours: flagged on the interval as it is typed, listed, focused from the list, fixed.
  await page.getByRole('navigation', { name: 'Matrix sections' }).getByRole('button', { name: 'Business hours' }).click();
  await expect(page.getByRole('tab', { name: 'EMEA office' })).toHaveAttribute('aria-selected', 'true');
  const opens = page.getByRole('textbox', { name: 'Monday, interval 2, opens' });
  await opens.fill('12:00');
  await expect(opens).toHaveAttribute('aria-invalid', 'true');
  await expect(opens).toHaveAccessibleDescription(/overlap interval 1 of the same day/);
  const problems = page.getByRole('complementary', { name: 'Problems' });
  const problem = problems.getByRole('button', { name: /Calendar EMEA office · Monday · interval 2.*overlap/ });
  await expect(problem).toBeVisible();
  await expect(page.getByRole('button', { name: 'Publish…' })).toHaveAccessibleDescription('Fix 1 problem before publishing.');
  await page.screenshot({ path: testInfo.outputPath('matrix-editor-problem.png') });
  await cell.focus();
  await problem.click();
  await expect(opens).toBeFocused();
  await opens.fill('13:00');
  await expect(opens).not.toHaveAttribute('aria-invalid', 'true');
  await expect(problems).toContainText('No problems: the draft can be published.');
  await expect(page.getByRole('status').filter({ hasText: /^Draft saved/ })).toBeVisible();

  // What-if: the recent tickets under the version in force and under the draft.
  await page.getByRole('tab', { name: 'What-if preview' }).click();
  await page.getByRole('button', { name: 'Run preview' }).click();
  await expect(page.getByRole('status').filter({ hasText: /tickets? from .* replayed/ })).toBeVisible();
  const previewRow = page.getByRole('table', { name: 'What-if preview' }).getByRole('row').filter({ has: page.getByRole('rowheader', { name: plan.name }) });
  await expect(previewRow.first()).toBeVisible();

  // Publish with a summary prefilled from the diff.
  await page.getByRole('button', { name: 'Publish…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Publish the matrix' });
  await expect(dialog.getByRole('list', { name: 'What changes' })).toContainText(`${oldMinutes} min → ${newMinutes} min`);
  const summary = dialog.getByRole('textbox', { name: 'Change summary' });
  await expect(summary).toHaveValue(new RegExp(`${oldMinutes} min → ${newMinutes} min`));
  await summary.fill(`${plan.name}: one more hour for the ${CLOCK_NAMES[ticket.next.clock].toLowerCase()}`);
  await dialog.getByRole('button', { name: 'Publish', exact: true }).click();
  await expect(dialog.getByRole('status')).toHaveText(`Version ${matrix.published.version + 1} is published and in force.`);
  await dialog.getByRole('button', { name: 'Close' }).first().click();
  await expect(page.getByText(`Version ${matrix.published.version + 1} in force`)).toBeVisible();

  // The version history lists it with its summary.
  await page.getByRole('tab', { name: 'Version history' }).click();
  await expect(page.getByRole('table', { name: 'Version history' })).toContainText('one more hour');

  // The open ticket is timed by the new version: its deadline moved by the added hour of business time.
  await expect
    .poll(async () => (await hostRpc<TicketSlaView>(page, lead, 'ticket/get-sla', { ticketId: ticket.ticketId })).next?.dueAt ?? null)
    .not.toBe(ticket.next.dueAt);
  const after = await hostRpc<TicketSlaView & { next: SlaClockView }>(page, lead, 'ticket/get-sla', { ticketId: ticket.ticketId });
  expect(after.next.targetMinutes).toBe(newMinutes);
  const info = await hostRpc<{ currentAgent: { timeZone: string } }>(page, lead, 'app/get-info', {});
  const dueText = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short', timeZone: info.currentAgent.timeZone }).format(after.next.dueAt!);
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Tickets' }).click();
  await expect(slaPanel).toContainText(`matrix version ${matrix.published.version + 1}`);
  await expect(clockLine).toContainText(`due ${dueText}`);
  await slaPanel.getByRole('button', { name: 'Explain' }).click();
  await expect(slaPanel.getByRole('region', { name: CLOCK_NAMES[ticket.next.clock] })).toContainText('Counted');
  await slaPanel.screenshot({ path: testInfo.outputPath('sla-panel.png') });
});

test('a draft overtaken by another publish shows what that version changed and is rebased before it is published', async ({ page }) => {
  type Doc = { plans: Record<string, { targets: Record<string, MatrixTarget> }> };
  const start = await hostRpc<{ published: { version: number; document: Doc } }>(page, lead, 'matrix/get', {});
  const base = start.published;
  const urgent = base.document.plans.basic!.targets.urgent!;
  // Meanwhile another publish raises Basic × urgent's first response; the lead's draft, still
  // based on the version before it, sets the same cell differently and raises its resolution.
  const theirs = structuredClone(base.document);
  theirs.plans.basic!.targets.urgent!.firstResponseMinutes = urgent.firstResponseMinutes! + 30;
  await hostRpc(page, lead, 'matrix/save-draft', { document: theirs, basedOnVersion: base.version });
  await hostRpc(page, lead, 'matrix/publish', { changeSummary: 'Basic urgent: half an hour more to answer' });
  const mine = structuredClone(base.document);
  mine.plans.basic!.targets.urgent!.firstResponseMinutes = urgent.firstResponseMinutes! + 90;
  mine.plans.basic!.targets.urgent!.resolutionMinutes = urgent.resolutionMinutes! + 60;
  await hostRpc(page, lead, 'matrix/save-draft', { document: mine, basedOnVersion: base.version });

  await page.goto(lead.url);
  await expect(panes(page).tickets.getByRole('option').first()).toBeVisible();
  await openMatrix(page);
  await expect(page.getByText(`Your draft started from version ${base.version}`)).toBeVisible();
  await page.getByRole('button', { name: 'Publish…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Publish the matrix' });
  await dialog.getByRole('textbox', { name: 'Change summary' }).fill('Basic urgent: more time');
  await dialog.getByRole('button', { name: 'Publish', exact: true }).click();

  const refusal = dialog.getByRole('alert');
  await expect(refusal).toContainText(`Version ${base.version + 1} was published by`);
  await expect(refusal.getByRole('list', { name: 'What that version changed' })).toContainText(
    `first response: ${urgent.firstResponseMinutes} min → ${urgent.firstResponseMinutes! + 30} min`,
  );
  await refusal.getByRole('button', { name: 'Rebase my draft' }).click();
  const rebased = dialog.getByRole('status').filter({ hasText: 'Your draft was rebased' });
  await expect(rebased).toContainText('1 conflict kept the published value');
  await expect(rebased.getByRole('list', { name: 'Conflicts' })).toContainText('first response');
  // What is left to publish is the lead's own change that did not conflict.
  await expect(dialog.getByRole('list', { name: 'What changes' })).toContainText(`resolution: ${urgent.resolutionMinutes} min → ${urgent.resolutionMinutes! + 60} min`);
  await dialog.getByRole('textbox', { name: 'Change summary' }).fill('Basic urgent: an hour more to resolve');
  await dialog.getByRole('button', { name: 'Publish', exact: true }).click();
  await expect(dialog.getByRole('status').last()).toHaveText(`Version ${base.version + 2} is published and in force.`);
});

test('holidays come in from an iCalendar file, and a calendar goes out and back in as JSON', async ({ page }) => {
  await page.goto(lead.url);
  await expect(panes(page).tickets.getByRole('option').first()).toBeVisible();
  // From the command palette this time.
  await page.keyboard.press('Control+k');
  await page.getByRole('combobox', { name: 'Type a command' }).fill('escalation matrix');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Escalation matrix', level: 2 })).toBeVisible();
  await page.getByRole('navigation', { name: 'Matrix sections' }).getByRole('button', { name: 'Business hours' }).click();
  await page.getByRole('tab', { name: 'Americas office' }).click();
  const panel = page.getByRole('tabpanel', { name: 'Americas office' });

  const ics = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Support Console tests//EN',
    'BEGIN:VEVENT',
    'UID:juneteenth@example.test',
    'DTSTART;VALUE=DATE:20270618',
    'DTEND;VALUE=DATE:20270619',
    'SUMMARY:Juneteenth (observed)',
    'END:VEVENT',
    'BEGIN:VEVENT',
    'UID:offsite@example.test',
    'DTSTART:20270701T090000Z',
    'DTEND:20270701T170000Z',
    'SUMMARY:Team offsite',
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');
  await panel.getByLabel('Import .ics…').setInputFiles({ name: 'holidays.ics', mimeType: 'text/calendar', buffer: Buffer.from(ics) });
  await expect(panel.getByRole('status').filter({ hasText: '1 holiday added.' })).toContainText('1 event was left out');
  await expect(panel.getByRole('list', { name: 'Holidays' }).locator('time[datetime="2027-06-18"]')).toBeVisible();

  const [download] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Export JSON' }).click()]);
  expect(download.suggestedFilename()).toBe('americas.calendar.json');
  const exported = JSON.parse(fs.readFileSync(await download.path(), 'utf8')) as { timeZone: string; holidays: string[]; weeklyHours: Record<string, string[][]> };
  expect([exported.timeZone, exported.weeklyHours.mon, exported.holidays.includes('2027-06-18')]).toEqual(['America/New_York', [['09:00', '17:00']], true]);

  // Back in with a night shift and another zone: the week view shows it, interval ending at 24:00 included.
  const nights = { ...exported, timeZone: 'America/Chicago', weeklyHours: { ...exported.weeklyHours, fri: [['22:00', '24:00']], sat: [['00:00', '06:00']] } };
  await panel.getByLabel('Import JSON…').setInputFiles({ name: 'nights.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(nights)) });
  await expect(panel.getByRole('status').filter({ hasText: 'The calendar was imported.' })).toBeVisible();
  await expect(panel.getByRole('combobox', { name: 'Time zone' })).toHaveValue('America/Chicago');
  await expect(panel.getByRole('textbox', { name: 'Friday, interval 1, closes' })).toHaveValue('24:00');
  await expect(panel.getByRole('textbox', { name: 'Saturday, interval 1, opens' })).toHaveValue('00:00');

  // A file that is not a calendar is refused with what is wrong, and changes nothing.
  await panel.getByLabel('Import JSON…').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"timeZone": "Europe/Amsterdam"}') });
  await expect(panel.getByRole('alert')).toContainText('That file is not a calendar');
  await expect(panel.getByRole('combobox', { name: 'Time zone' })).toHaveValue('America/Chicago');
});

test('an agent sees the matrix read-only and cannot publish it', async ({ page }) => {
  await openWorkspace(page);
  await page.keyboard.press('g');
  await page.keyboard.press('m');
  await expect(page.getByRole('heading', { name: 'Escalation matrix', level: 2 })).toBeVisible();
  await expect(page.getByRole('note')).toContainText('Only team leads can change and publish it.');

  const cell = page.getByRole('grid', { name: 'SLA targets per plan and priority' }).getByRole('textbox', { name: 'Basic, Urgent, First response', exact: true });
  await expect(cell).toHaveValue('4h');
  await expect(cell).not.toBeEditable();
  await expect(page.getByRole('textbox', { name: 'Monday, interval 1, opens' })).not.toBeEditable();
  await expect(page.getByRole('combobox', { name: 'Calendar of Basic' })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Add hours to Monday' })).toHaveCount(0);
  const publish = page.getByRole('button', { name: 'Publish…' });
  await expect(publish).toBeDisabled();
  await expect(publish).toHaveAccessibleDescription('Only team leads can publish the matrix.');

  // Nor does the contract let an agent publish behind the screen's back.
  const response = await page.request.post('/rpc/matrix/publish', { data: { changeSummary: 'Sneaky' } });
  expect(((await response.json()) as { error: { code: string } }).error.code).toBe('forbidden');
});

test('the matrix editor and the SLA panel have no serious or critical axe violations', async ({ page }, testInfo) => {
  await page.goto(lead.url);
  await expect(panes(page).tickets.getByRole('option').first()).toBeVisible();
  await openMatrix(page);
  await expect(page.getByRole('grid', { name: 'SLA targets per plan and priority' })).toBeVisible();
  // A problem on screen too: a target that is not a whole number of minutes.
  const cell = page.getByRole('textbox', { name: 'Enterprise, Urgent, First response', exact: true });
  await cell.fill('0');
  await expect(cell).toHaveAttribute('aria-invalid', 'true');
  await page.screenshot({ path: testInfo.outputPath('matrix-editor.png') });
  expect(await seriousViolations(page)).toEqual([]);
  await cell.fill('30m');
  await expect(cell).not.toHaveAttribute('aria-invalid', 'true');

  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Tickets' }).click();
  await panes(page).tickets.getByRole('option').first().click();
  const slaPanel = panes(page).ticket.getByRole('region', { name: 'SLA', exact: true });
  await slaPanel.getByRole('button', { name: 'Explain' }).click();
  await expect(slaPanel.getByText('Clocks pause while')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});
