/**
 * The offline submission queue: one file per finished measurement, written atomically (a temporary file written
 * and synced, renamed into place, the folder synced) before any submission is tried, so that a probe killed at any
 * point loses no measurement it finished. A file is removed once a server has stored its measurement; a server
 * that refuses one for good moves it to `rejected/`. The file's name is the SHA-256 of the measurement's text: the
 * same measurement is queued once, and is sent byte for byte as it was made (the server's id is a hash of it).
 */
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { measurementHash } from '../measurement-file.js';

/** One queued measurement. */
export interface QueueEntry {
  /** The SHA-256 of `text`: the file's name. */
  id: string;
  /** The server it is for. */
  server: string;
  queuedAt: string;
  /** The measurement's JSON text, sent as it is. */
  text: string;
}

/** What `status` tells. */
export interface QueueStatus {
  dir: string;
  pending: number;
  bytes: number;
  oldestQueuedAt: string | null;
  /** Pending measurements per server. */
  servers: Record<string, number>;
  rejected: number;
  /** Files in `pending/` that could not be read (left alone, never sent). */
  unreadable: string[];
}

const ENTRY = /^[0-9a-f]{64}\.json$/;

/** A queue in `dir` (created on first use). */
export class SubmissionQueue {
  readonly pendingDir: string;
  readonly rejectedDir: string;

  constructor(readonly dir: string) {
    this.pendingDir = join(dir, 'pending');
    this.rejectedDir = join(dir, 'rejected');
  }

  /** Queues `text` for `server`, durably, before returning its id; the same text queued again changes nothing. */
  add(text: string, server: string): string {
    mkdirSync(this.pendingDir, { recursive: true });
    const id = measurementHash(text);
    const file = join(this.pendingDir, `${id}.json`);
    if (existsSync(file)) return id;
    const body = `${JSON.stringify({ v: 1, server, queued_at: new Date().toISOString(), measurement: text })}\n`;
    const tmp = join(this.pendingDir, `.${id}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    const fd = openSync(tmp, 'w');
    try {
      writeSync(fd, body);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, file);
    syncDir(this.pendingDir);
    return id;
  }

  /** The queued measurements, oldest first; unreadable files are listed in `status`, never returned. */
  pending(): QueueEntry[] {
    return this.scan().entries;
  }

  /** Forgets a measurement a server stored. */
  remove(id: string): void {
    rmSync(join(this.pendingDir, `${id}.json`), { force: true });
    syncDir(this.pendingDir);
  }

  /** Moves a measurement a server refused for good to `rejected/`, with the reason beside it. */
  reject(id: string, reason: string): void {
    mkdirSync(this.rejectedDir, { recursive: true });
    writeFileSync(join(this.rejectedDir, `${id}.reason.txt`), `${reason}\n`);
    renameSync(join(this.pendingDir, `${id}.json`), join(this.rejectedDir, `${id}.json`));
    syncDir(this.pendingDir);
  }

  /** Removes the temporary files a process killed mid-write left (their measurement was never queued). */
  removeStaleTemporaries(): number {
    let removed = 0;
    for (const name of listDir(this.pendingDir)) {
      if (name.startsWith('.') && name.endsWith('.tmp')) {
        unlinkSync(join(this.pendingDir, name));
        removed += 1;
      }
    }
    return removed;
  }

  status(): QueueStatus {
    const { entries, unreadable } = this.scan();
    const servers: Record<string, number> = {};
    for (const e of entries) servers[e.server] = (servers[e.server] ?? 0) + 1;
    return {
      dir: this.dir,
      pending: entries.length,
      bytes: entries.reduce((n, e) => n + Buffer.byteLength(e.text), 0),
      oldestQueuedAt: entries[0]?.queuedAt ?? null,
      servers,
      rejected: listDir(this.rejectedDir).filter((n) => ENTRY.test(n)).length,
      unreadable,
    };
  }

  /** Deletes every pending and rejected measurement; returns how many of each. */
  clear(): { pending: number; rejected: number } {
    const pending = listDir(this.pendingDir).filter((n) => ENTRY.test(n)).length;
    const rejected = listDir(this.rejectedDir).filter((n) => ENTRY.test(n)).length;
    rmSync(this.pendingDir, { recursive: true, force: true });
    rmSync(this.rejectedDir, { recursive: true, force: true });
    return { pending, rejected };
  }

  private scan(): { entries: QueueEntry[]; unreadable: string[] } {
    const entries: QueueEntry[] = [];
    const unreadable: string[] = [];
    for (const name of listDir(this.pendingDir)) {
      if (!ENTRY.test(name)) continue;
      const entry = readEntry(join(this.pendingDir, name), name.slice(0, 64));
      if (entry) entries.push(entry);
      else unreadable.push(name);
    }
    entries.sort((a, b) =>
      a.queuedAt < b.queuedAt ? -1 : a.queuedAt > b.queuedAt ? 1 : a.id < b.id ? -1 : 1,
    );
    return { entries, unreadable };
  }
}

function readEntry(file: string, id: string): QueueEntry | null {
  try {
    const doc = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    const { server, queued_at: queuedAt, measurement: text } = doc;
    if (typeof server !== 'string' || typeof queuedAt !== 'string' || typeof text !== 'string') return null;
    // A file whose text does not hash to its name was not written by `add`: never send it.
    if (measurementHash(text) !== id) return null;
    return { id, server, queuedAt, text };
  } catch {
    return null;
  }
}

function listDir(dir: string): string[] {
  try {
    return statSync(dir).isDirectory() ? readdirSync(dir) : [];
  } catch {
    return [];
  }
}

/** Makes a rename or unlink in `dir` durable (the directory entry itself is synced). */
function syncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
