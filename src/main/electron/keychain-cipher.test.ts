import { beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../shared/result';

// safeStorage stubbed with a reversible transform: these tests are about the glue, not Chromium's crypto.
const safeStorage = vi.hoisted(() => ({
  available: true,
  backend: 'gnome_libsecret' as string,
  isEncryptionAvailable: () => safeStorage.available,
  getSelectedStorageBackend: () => safeStorage.backend,
  encryptString: (text: string) => Buffer.from(`sealed:${[...text].reverse().join('')}`, 'utf8'),
  decryptString: (sealed: Buffer) => {
    const text = sealed.toString('utf8');
    if (!text.startsWith('sealed:')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return [...text.slice('sealed:'.length)].reverse().join('');
  }
}));
vi.mock('electron', () => ({ safeStorage }));

const { SAFE_STORAGE_CIPHER_ID, safeStorageCipher, safeStorageOffer } = await import('./keychain-cipher');

describe('the safeStorage cipher the Electron main process offers the core', () => {
  beforeEach(() => {
    safeStorage.available = true;
    safeStorage.backend = 'gnome_libsecret';
  });

  it('encrypts to base64 of what safeStorage returns, and decrypts it back', async () => {
    const stored = await safeStorageCipher('encrypt', 'Token-Canary-42');
    expect(Buffer.from(stored, 'base64').toString('utf8')).toBe('sealed:24-yranaC-nekoT');
    expect(stored).not.toContain('Token-Canary-42');
    expect(await safeStorageCipher('decrypt', stored)).toBe('Token-Canary-42');
  });

  it('offers the keychain when safeStorage can encrypt', () => {
    expect(safeStorageOffer()).toEqual({ available: true, cipher: SAFE_STORAGE_CIPHER_ID });
  });

  it('offers no keychain, saying why, when safeStorage cannot encrypt; requests then fail clearly', async () => {
    safeStorage.available = false;
    expect(safeStorageOffer()).toMatchObject({ available: false, reason: expect.stringContaining('cannot encrypt') });
    const error: unknown = await safeStorageCipher('encrypt', 'Token-Canary-42').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'STORE_FAILED', message: expect.stringContaining('not available'), hint: expect.stringContaining('Unlock') });
  });

  it.runIf(process.platform === 'linux')("treats Linux's built-in-password backend as no keychain", () => {
    safeStorage.backend = 'basic_text';
    expect(safeStorageOffer()).toMatchObject({ available: false, reason: expect.stringContaining('no secret service') });
  });

  it('a secret safeStorage cannot decrypt fails with "log in again", without safeStorage\'s text', async () => {
    const error: unknown = await safeStorageCipher('decrypt', Buffer.from('garbage').toString('base64')).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'STORE_FAILED', hint: 'Log in to the registry again.' });
    expect((error as AppError).message).not.toContain('ciphertext');
  });
});
