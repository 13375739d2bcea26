/**
 * Registry credentials, one entry per registry host (`127.0.0.1:5000`, `ghcr.io`). Implementations keep
 * the secret out of SQLite, logs, errors and the audit log: it lives only in the store's own file,
 * passed through a SecretCipher (Electron's safeStorage in the app; none in browser mode and the CLI,
 * which is why `protection` says so and the caller must show `warning` to the user).
 *
 * Errors: CREDENTIALS_UNSAFE when the file can be read by others (the hint says how to fix it),
 * STORE_FAILED when it cannot be read or written, INVALID_INPUT for a malformed host.
 */
export interface RegistryCredentials {
  readonly username: string;
  /** A password or an access token. Never log it, never put it in an error. */
  readonly password: string;
}

/** How the secrets are protected at rest. */
export type CredentialProtection =
  | {
      readonly kind: 'os-keychain';
      readonly cipher: string;
      /** Says that the OS keychain protects the secrets, and where the file is: show it on login. */
      readonly note: string;
    }
  | {
      readonly kind: 'file-permissions-only';
      /** Says that no OS keychain protects the file, and where it is: print it on login. */
      readonly warning: string;
    };

export interface CredentialSaved {
  /** The file the credentials were written to. */
  readonly path: string;
  readonly protection: CredentialProtection;
}

export interface CredentialStore {
  readonly protection: CredentialProtection;
  /** The credentials for `host`, or null when none are stored. */
  get(host: string): Promise<RegistryCredentials | null>;
  set(host: string, credentials: RegistryCredentials): Promise<CredentialSaved>;
  /** True when something was removed. */
  delete(host: string): Promise<boolean>;
  /** The hosts with stored credentials (no secrets), for Settings and `registry logout`. */
  hosts(): Promise<readonly { readonly host: string; readonly username: string }[]>;
}

/**
 * Turns a secret into what is written to disk and back. Electron's safeStorage provides the one that
 * really encrypts (with the OS keychain); without it the secret is only encoded, and the store says so.
 * Asynchronous because safeStorage lives in Electron's main process while the core runs in a
 * utilityProcess: the Electron glue relays these two calls over its message port.
 */
export interface SecretCipher {
  /** Written beside each secret, so a file written by one cipher is not read by another by mistake. */
  readonly id: string;
  /** True when the cipher encrypts with a key the OS keeps (safeStorage); false for mere encoding. */
  readonly encrypts: boolean;
  /**
   * When it does not encrypt: where or why no OS keychain is at hand, completing "no OS keychain
   * protects registry credentials …" in the store's warning (e.g. "in browser mode and the command line").
   */
  readonly unprotectedBecause?: string;
  encrypt(secret: string): Promise<string>;
  decrypt(stored: string): Promise<string>;
}
