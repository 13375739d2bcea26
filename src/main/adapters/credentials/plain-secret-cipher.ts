import type { SecretCipher } from '../../ports/credentials';

/**
 * The cipher used where no OS keychain is at hand (browser mode, the CLI): the secret is only base64
 * encoded, so it does not show in plain text to a grep or over a shoulder — which is not protection, and
 * the store says so (`encrypts: false` → a warning to the user). Electron's safeStorage replaces it in
 * the app.
 */
export const plainSecretCipher: SecretCipher = {
  id: 'base64',
  encrypts: false,
  unprotectedBecause: 'in browser mode and the command line',
  encrypt: (secret) => Promise.resolve(Buffer.from(secret, 'utf8').toString('base64')),
  decrypt: (stored) => Promise.resolve(Buffer.from(stored, 'base64').toString('utf8'))
};

/** The encoding-only cipher, with why no keychain protects it here (e.g. the app's safeStorage cannot encrypt). */
export function plainSecretCipherBecause(unprotectedBecause: string): SecretCipher {
  return { ...plainSecretCipher, unprotectedBecause };
}
