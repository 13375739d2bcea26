import type { SecretCipher } from '../../ports/credentials';

/** Asks whoever holds the keychain to encrypt or decrypt; rejects with why it could not. */
export type CipherRelay = (op: 'encrypt' | 'decrypt', data: string) => Promise<string>;

/**
 * A cipher whose work is done elsewhere: in the app, Electron's safeStorage lives in the main process
 * while the core runs in a utilityProcess, so the core host relays each secret over its parent channel.
 * `id` names the parent's cipher (written beside each secret), so entries it wrote are never handed to
 * another cipher.
 */
export function createRelayedSecretCipher(id: string, relay: CipherRelay): SecretCipher {
  return {
    id,
    encrypts: true,
    encrypt: (secret) => relay('encrypt', secret),
    decrypt: (stored) => relay('decrypt', stored)
  };
}
