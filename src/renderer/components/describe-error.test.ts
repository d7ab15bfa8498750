import i18next from 'i18next';
import { beforeAll, describe, expect, test } from 'vitest';
import { ApiError } from '../api/api-error';
import { resources } from '../i18n/i18n';
import { describeError } from './describe-error';

const i18n = i18next.createInstance();

beforeAll(async () => {
  await i18n.init({ resources, lng: 'en', fallbackLng: 'en', interpolation: { escapeValue: false } });
});

describe('describeError', () => {
  test('says what a code means, not what the backend logged', () => {
    const error = new ApiError({ code: 'rate-limited', message: 'bucket empty for client 42' });
    expect(describeError(i18n.t, error)).toBe('Too many requests. Wait a moment and try again.');
  });

  test('names the field of bad input when there are words for it', () => {
    const error = new ApiError({ code: 'validation', message: 'The message is empty', field: 'body' });
    expect(describeError(i18n.t, error)).toBe('The message is empty or too long.');
  });

  test('falls back from a nested field to its parent', () => {
    const error = new ApiError({ code: 'validation', message: 'Invalid option', field: 'patch.status' });
    expect(describeError(i18n.t, error)).toBe('Nothing to change.');
  });

  test('says what tags may be when a bulk tag edit is refused on tags.add', () => {
    const error = new ApiError({ code: 'validation', message: 'Ticket 12 would have more than 50 tags', field: 'tags.add' });
    expect(describeError(i18n.t, error)).toBe('Tags are single words of at most 50 characters, and a ticket has at most 50 tags.');
  });

  test('uses the code when the field is unknown', () => {
    const error = new ApiError({ code: 'validation', message: 'bad', field: 'somethingElse' });
    expect(describeError(i18n.t, error)).toBe('Some of what you entered is not valid.');
  });

  test('speaks the current language', async () => {
    await i18n.changeLanguage('de');
    const error = new ApiError({ code: 'offline', message: 'fetch failed' });
    expect(describeError(i18n.t, error)).toBe('Support Console erreicht ihre Daten gerade nicht. Versuchen Sie es gleich noch einmal.');
    await i18n.changeLanguage('en');
  });
});
