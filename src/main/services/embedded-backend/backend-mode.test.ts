import { describe, expect, test } from 'vitest';
import { AppError } from '../../../shared/contract/errors';
import { backendModeFrom } from './backend-mode';

describe('backendModeFrom', () => {
  test('starts the embedded backend unless told otherwise', () => {
    expect([backendModeFrom(undefined), backendModeFrom(''), backendModeFrom(' embedded ')]).toEqual([
      { kind: 'embedded' },
      { kind: 'embedded' },
      { kind: 'embedded' },
    ]);
  });

  test('runs without a backend on "none" and with a team backend on its URL', () => {
    expect([backendModeFrom('none'), backendModeFrom('https://support.example.com/')]).toEqual([
      { kind: 'none' },
      { kind: 'remote', url: 'https://support.example.com' },
    ]);
  });

  test('refuses anything else, naming the setting', () => {
    for (const value of ['local', 'ftp://example.com', 'file:///tmp/x']) {
      const error = (() => {
        try {
          backendModeFrom(value);
        } catch (caught) {
          return caught;
        }
        return null;
      })();
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).toBody()).toMatchObject({ code: 'validation', field: 'SC_BACKEND' });
    }
  });
});
