import { safeStorage } from 'electron';
import { AppError } from '../../shared/result';
import type { CipherOp, KeychainOffer } from '../core-protocol';

/** Written beside each secret safeStorage encrypted (the CLI's base64 entries are never handed to it). */
export const SAFE_STORAGE_CIPHER_ID = 'electron-safe-storage';

/**
 * Whether Electron's safeStorage can protect registry secrets here, for the core's options (call after
 * the app is ready). Linux's "basic_text" backend encrypts with a password built into Chromium, which
 * protects nothing, so it counts as no keychain: the core then keeps the 0600 file and warns, saying why.
 */
export function safeStorageOffer(): KeychainOffer {
  if (!safeStorage.isEncryptionAvailable()) {
    return { available: false, reason: "Electron's safeStorage cannot encrypt on this system (no OS keychain or secret service is available)" };
  }
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') {
    return {
      available: false,
      reason: 'no secret service (GNOME Keyring, KWallet) was found, and safeStorage would only use a built-in password'
    };
  }
  return { available: true, cipher: SAFE_STORAGE_CIPHER_ID };
}

/**
 * Answers the core's cipher requests with safeStorage: encrypt gives base64 of the encrypted bytes,
 * decrypt takes that base64 back. Rejects with an AppError that never contains the secret.
 */
export function safeStorageCipher(op: CipherOp, data: string): Promise<string> {
  if (!safeStorage.isEncryptionAvailable()) {
    return Promise.reject(
      new AppError(
        'STORE_FAILED',
        "The OS keychain is not available to Shipdeck right now (Electron's safeStorage cannot encrypt).",
        'Unlock your keychain or start your secret service, then restart Shipdeck.'
      )
    );
  }
  try {
    return Promise.resolve(
      op === 'encrypt' ? safeStorage.encryptString(data).toString('base64') : safeStorage.decryptString(Buffer.from(data, 'base64'))
    );
  } catch {
    // safeStorage's own error is dropped: it says nothing useful and must never carry the secret.
    return Promise.reject(
      new AppError(
        'STORE_FAILED',
        op === 'encrypt' ? 'The OS keychain could not encrypt the registry secret.' : 'The OS keychain could not decrypt the stored registry secret.',
        op === 'encrypt' ? 'Check that your keychain is unlocked, then try again.' : 'Log in to the registry again.'
      )
    );
  }
}
