import { randomBytes } from 'node:crypto';
import { constants as fsConstants } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../../shared/result';
import type {
  CredentialProtection,
  CredentialSaved,
  CredentialStore,
  RegistryCredentials,
  SecretCipher
} from '../../ports/credentials';
import { plainSecretCipher } from './plain-secret-cipher';

export const CREDENTIALS_FILE_NAME = 'credentials.json';

interface StoredEntry {
  readonly username: string;
  readonly secret: string;
  readonly cipher: string;
}

interface CredentialsFile {
  readonly version: 1;
  readonly note: string;
  readonly registries: Readonly<Record<string, StoredEntry>>;
}

export interface FileCredentialStoreOptions {
  readonly dataDir: string;
  /** Electron's safeStorage (relayed by the core host) in the app; the encoding-only cipher otherwise. */
  readonly cipher?: SecretCipher;
}

/**
 * Credentials in `<dataDir>/credentials.json`, mode 0600, written atomically (temp file + rename). A file
 * that others can read is refused, not silently used or fixed: the secrets in it may already have been
 * read, and the user should know. The secret passes through the SecretCipher; the user name does not.
 */
export function createFileCredentialStore(options: FileCredentialStoreOptions): CredentialStore {
  const cipher = options.cipher ?? plainSecretCipher;
  const file = path.join(options.dataDir, CREDENTIALS_FILE_NAME);
  const protection: CredentialProtection = cipher.encrypts
    ? {
        kind: 'os-keychain',
        cipher: cipher.id,
        note: `Registry credentials are protected by the OS keychain (${cipher.id}) and stored encrypted in ${file}.`
      }
    : {
        kind: 'file-permissions-only',
        warning:
          `Warning: no OS keychain protects registry credentials ${cipher.unprotectedBecause ?? 'here'}. ` +
          `They are stored in ${file}, readable only by your user (mode 600) but not encrypted: ` +
          `anyone who can read your files can use them. Prefer an access token with the least rights over a password.`
      };
  let queue: Promise<unknown> = Promise.resolve();
  /** Read-modify-write calls run one at a time, so two logins from one process do not lose one. */
  const serialised = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };

  return {
    protection,
    async get(host) {
      const entry = (await readFile(file)).registries[normaliseHost(host)];
      if (entry === undefined) return null;
      return { username: entry.username, password: await decrypt(entry, cipher, file) };
    },
    set(host, credentials) {
      return serialised(async (): Promise<CredentialSaved> => {
        checkCredentials(credentials);
        const current = await readFile(file);
        const secret = await cipher.encrypt(credentials.password);
        const registries = { ...current.registries, [normaliseHost(host)]: { username: credentials.username, secret, cipher: cipher.id } };
        await writeFile(file, registries, cipher);
        return { path: file, protection };
      });
    },
    delete(host) {
      return serialised(async () => {
        const current = await readFile(file);
        const key = normaliseHost(host);
        if (current.registries[key] === undefined) return false;
        const registries = { ...current.registries };
        delete registries[key];
        await writeFile(file, registries, cipher);
        return true;
      });
    },
    async hosts() {
      const { registries } = await readFile(file);
      return Object.entries(registries).map(([host, entry]) => ({ host, username: entry.username }));
    }
  };
}

/** `https://Registry.Example.com:443/` → `registry.example.com:443`: the key an image reference gives. */
export function normaliseHost(host: string): string {
  const key = host.trim().replace(/^[a-z]+:\/\//i, '').replace(/\/+$/, '').toLowerCase();
  if (key === '' || /[\s/@]/.test(key)) {
    throw new AppError('INVALID_INPUT', `"${host}" is not a registry host.`, 'Give the host and optional port, e.g. 127.0.0.1:5000.');
  }
  return key;
}

function checkCredentials(credentials: RegistryCredentials): void {
  if (credentials.username.trim() === '' || credentials.username.includes(':')) {
    throw new AppError('INVALID_INPUT', 'The user name is empty or contains ":".', 'Give the user name the registry knows you by.');
  }
  if (credentials.password === '') throw new AppError('INVALID_INPUT', 'The password is empty.', 'Pass the password or access token on standard input.');
}

async function readFile(file: string): Promise<CredentialsFile> {
  let handle: fs.FileHandle;
  try {
    // O_NOFOLLOW: a symbolic link put in place of the file is refused rather than followed.
    handle = await fs.open(file, fsConstants.O_RDONLY | (fsConstants.O_NOFOLLOW ?? 0));
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return { version: 1, note: '', registries: {} };
    if (errorCode(error) === 'ELOOP') throw unsafe(file, 'is a symbolic link');
    throw new AppError('STORE_FAILED', `Could not read the credentials file ${file} (${errorCode(error) ?? 'unknown error'}).`, 'Check that your user can read it.');
  }
  try {
    const stat = await handle.stat();
    if (process.platform !== 'win32') {
      if ((stat.mode & 0o077) !== 0) throw unsafe(file, `can be read by others (mode ${(stat.mode & 0o777).toString(8)})`);
      if (typeof process.getuid === 'function' && stat.uid !== process.getuid()) throw unsafe(file, 'belongs to another user');
    }
    return parse(await handle.readFile('utf8'), file);
  } finally {
    await handle.close();
  }
}

function unsafe(file: string, what: string): AppError {
  return new AppError(
    'CREDENTIALS_UNSAFE',
    `Shipdeck will not use the registry credentials in ${file}: the file ${what}.`,
    `Make it readable by you alone: chmod 600 "${file}" (and change the passwords in it if others may have read it).`
  );
}

function parse(text: string, file: string): CredentialsFile {
  const broken = (): AppError =>
    new AppError('STORE_FAILED', `The credentials file ${file} is not one Shipdeck wrote (it cannot be read).`, `Remove it and log in to your registries again: rm "${file}"`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw broken();
  }
  if (typeof parsed !== 'object' || parsed === null) throw broken();
  const { version, registries } = parsed as { version?: unknown; registries?: unknown };
  if (version !== 1 || typeof registries !== 'object' || registries === null) throw broken();
  const entries: Record<string, StoredEntry> = {};
  for (const [host, value] of Object.entries(registries)) {
    const entry = value as Partial<Record<keyof StoredEntry, unknown>>;
    if (typeof entry.username !== 'string' || typeof entry.secret !== 'string' || typeof entry.cipher !== 'string') throw broken();
    entries[host] = { username: entry.username, secret: entry.secret, cipher: entry.cipher };
  }
  return { version: 1, note: '', registries: entries };
}

async function decrypt(entry: StoredEntry, cipher: SecretCipher, file: string): Promise<string> {
  if (entry.cipher !== cipher.id) {
    throw new AppError(
      'STORE_FAILED',
      `The credentials in ${file} were stored with "${entry.cipher}" protection, which this mode of Shipdeck cannot read ("${cipher.id}").`,
      'Log in to the registry again from here.'
    );
  }
  try {
    return await cipher.decrypt(entry.secret);
  } catch {
    throw new AppError('STORE_FAILED', `The stored credentials in ${file} could not be decrypted.`, 'Log in to the registry again.');
  }
}

async function writeFile(file: string, registries: Readonly<Record<string, StoredEntry>>, cipher: SecretCipher): Promise<void> {
  const content: CredentialsFile = {
    version: 1,
    note: cipher.encrypts
      ? `Registry credentials for Shipdeck; secrets encrypted with ${cipher.id}.`
      : 'Registry credentials for Shipdeck; secrets are base64-encoded, NOT encrypted. Keep this file mode 600.',
    registries
  };
  const dir = path.dirname(file);
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await fs.mkdir(dir, { recursive: true, mode: 0o700 });
    // Created 0600 from the first byte ('wx' refuses an existing file), so the secret is never readable by others.
    const handle = await fs.open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(`${JSON.stringify(content, null, 2)}\n`, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, file);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw new AppError('STORE_FAILED', `Could not write the credentials file ${file} (${errorCode(error) ?? 'unknown error'}).`, 'Check that the data folder is writable and the disk is not full.');
  }
}

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}
