// Child process: opens a release store file the way another Shipdeck process would, and holds it.
//   lock-holder.ts <db-file> open       — keeps a connection open (as a running Shipdeck does)
//   lock-holder.ts <db-file> lock [ms]  — also holds the write lock (BEGIN IMMEDIATE) for ms, or until told
// Sends 'ready' once holding, and lets go on the message 'release' (or when ms have passed).
import Database from 'better-sqlite3';

const [file, mode, holdMs] = process.argv.slice(2) as [string, 'open' | 'lock', string | undefined];
const db = new Database(file, { fileMustExist: true });
db.prepare('SELECT count(*) FROM sqlite_master').get();
if (mode === 'lock') db.exec('BEGIN IMMEDIATE');

const release = () => {
  if (db.inTransaction) db.exec('COMMIT');
  db.close();
  process.send?.('released');
  process.disconnect?.();
};
process.on('message', (message) => {
  if (message === 'release') release();
});
if (holdMs) setTimeout(release, Number(holdMs));
process.send?.('ready');
