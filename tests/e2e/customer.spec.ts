import { expect, test } from '@playwright/test';
import { openTicketFromView, openWorkspace } from './helpers';

test('the customer pane shows the requester, edits proficiency, phones and opt-outs, and opens their other tickets', async ({ page }) => {
  await openWorkspace(page);
  await openTicketFromView(page, 'All tickets', 3);
  const pane = page.getByRole('complementary', { name: 'Customer' });
  await expect(pane.getByRole('term').filter({ hasText: 'Local time' })).toBeVisible();
  await expect(pane.getByRole('definition').filter({ has: page.getByRole('time') })).toHaveText(/\d{1,2}:\d{2}/);

  const proficiency = pane.getByRole('combobox', { name: 'Proficiency' });
  const next = (await proficiency.inputValue()) === 'beginner' ? 'advanced' : 'beginner';
  await proficiency.selectOption(next);

  // A number is written as typed and shown formatted; a wrong one is refused in words.
  await pane.getByRole('textbox', { name: 'Add a phone number' }).fill('12345');
  await pane.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(pane.getByRole('alert')).toHaveText('Write the number with its country code, like +31 20 123 4567.');
  await pane.getByRole('textbox', { name: 'Add a phone number' }).fill('+31 20 794 1234');
  await pane.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(pane.getByRole('link', { name: '+31 20 794 1234' })).toHaveAttribute('href', 'tel:+31207941234');

  const surveys = pane.getByRole('checkbox', { name: 'Surveys' });
  const wasChecked = await surveys.isChecked();
  await surveys.setChecked(!wasChecked);

  await page.reload();
  const again = page.getByRole('complementary', { name: 'Customer' });
  await expect(again.getByRole('combobox', { name: 'Proficiency' })).toHaveValue(next);
  await expect(again.getByRole('link', { name: '+31 20 794 1234' })).toBeVisible();
  await expect(again.getByRole('checkbox', { name: 'Surveys' })).toBeChecked({ checked: !wasChecked });
  await again.getByRole('button', { name: 'Remove +31 20 794 1234' }).click();
  await expect(again.getByRole('link', { name: '+31 20 794 1234' })).toHaveCount(0);

  const other = again.getByRole('region', { name: 'Other tickets' }).getByRole('button').first();
  if ((await other.count()) > 0) {
    const number = /#\d+/.exec((await other.textContent()) ?? '')?.[0] ?? '';
    await other.click();
    await expect(page.getByRole('region', { name: 'Ticket', exact: true }).getByText(number, { exact: true })).toBeVisible();
  }
});
