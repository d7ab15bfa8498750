import { AppError } from '../../../shared/contract/errors';

/**
 * Which backend a desktop starts with (`SC_BACKEND`):
 * - `embedded` (the default): its own backend on loopback with the sample team, signed in to it;
 * - `none`: no backend; the local store is seeded with sample data (the end-to-end journeys' mode);
 * - a URL: a team's backend; the agent signs in from Settings.
 */
export type BackendMode = { kind: 'embedded' } | { kind: 'none' } | { kind: 'remote'; url: string };

/** Reads `SC_BACKEND`; anything else than the three forms is refused with words that say what is allowed. */
export function backendModeFrom(value: string | undefined): BackendMode {
  const text = value?.trim() ?? '';
  if (text === '' || text === 'embedded') return { kind: 'embedded' };
  if (text === 'none') return { kind: 'none' };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new AppError('validation', `SC_BACKEND is "${text}": use embedded, none, or the backend's http(s) URL`, 'SC_BACKEND');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new AppError('validation', `SC_BACKEND must be an http(s) URL, not ${url.protocol}`, 'SC_BACKEND');
  }
  return { kind: 'remote', url: text.replace(/\/+$/, '') };
}
