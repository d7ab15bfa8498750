import { expect, test } from 'vitest';
import { DEFAULT_SCRYPT_PARAMS, hashPassword, verifyPassword } from './password';

test('verifies the right password and refuses a wrong one when hashed with the default cost', async () => {
  const hash = await hashPassword('correct horse battery staple');
  expect(hash.split('$').slice(0, 4)).toEqual(['scrypt', String(DEFAULT_SCRYPT_PARAMS.N), '8', '3']);
  expect(await verifyPassword('correct horse battery staple', hash)).toBe(true);
  expect(await verifyPassword('correct horse battery stapler', hash)).toBe(false);
});

test('makes a different hash each time when the same password is hashed twice', async () => {
  const params = { N: 2 ** 12, r: 8, p: 1 };
  expect(await hashPassword('same password here', params)).not.toBe(await hashPassword('same password here', params));
});

test('matches a password typed in another Unicode normal form when it is hashed', async () => {
  const params = { N: 2 ** 12, r: 8, p: 1 };
  const composed = 'wachtwoord-café-2025';
  const decomposed = composed.normalize('NFD');
  expect(await verifyPassword(decomposed, await hashPassword(composed, params))).toBe(true);
});

test('refuses every password when the stored hash is malformed', async () => {
  for (const stored of ['', 'scrypt$1$2', 'bcrypt$x$y$z$a$b', 'scrypt$abc$8$1$c2FsdA$a2V5']) {
    expect(await verifyPassword('anything', stored)).toBe(false);
  }
});
