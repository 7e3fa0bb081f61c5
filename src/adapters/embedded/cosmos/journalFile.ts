/**
 * An append-only NDJSON file that is fsync'ed before an append is reported done.
 *
 * - Group commit: appends that arrive while a write+fdatasync is running wait and go out together in the next
 *   one, so concurrent writers share one fsync.
 * - Fail-stop: after a failed write or sync the file may hold a partial line, so every later append is refused
 *   (and the failure is kept for health reporting) instead of writing behind garbage.
 * - Recovery (`readJournal`): a crash can leave an incomplete last line (or, after a power cut, a tail of
 *   garbage). Lines that do not parse at the end of the file are a torn tail and are cut off; a line that does
 *   not parse *followed* by good lines is real corruption and stops the start.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

const NEWLINE = 0x0a;

export interface JournalContents {
  readonly records: unknown[];
  /** Bytes of the file up to and including the last good line. */
  readonly validBytes: number;
  /** Bytes after that (a torn tail), to be truncated. */
  readonly tornBytes: number;
}

export async function readJournal(filePath: string): Promise<JournalContents> {
  let data: Buffer;
  try {
    data = await fs.readFile(filePath);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { records: [], validBytes: 0, tornBytes: 0 };
    throw error;
  }
  const records: unknown[] = [];
  let validBytes = 0;
  let firstBadLine: number | undefined;
  let lineNumber = 0;
  for (let start = 0; start < data.length; lineNumber += 1) {
    const end = data.indexOf(NEWLINE, start);
    const complete = end !== -1;
    const text = data.subarray(start, complete ? end : data.length).toString('utf8');
    start = complete ? end + 1 : data.length;
    if (text.trim() === '') {
      if (complete && firstBadLine === undefined) validBytes = start;
      continue;
    }
    const record = complete ? parseJson(text) : undefined;
    if (record === undefined) {
      firstBadLine ??= lineNumber + 1;
      continue;
    }
    if (firstBadLine !== undefined) {
      throw new Error(
        `EMBEDDED_COSMOS.JOURNAL_CORRUPT: line ${firstBadLine} of ${filePath} is damaged but later lines are intact; ` +
          'fix: inspect the file, remove the damaged line by hand or move the journal aside',
      );
    }
    records.push(record);
    validBytes = start;
  }
  return { records, validBytes, tornBytes: data.length - validBytes };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Cuts the file to `length` bytes and makes the cut durable. */
export async function truncateDurably(filePath: string, length: number): Promise<void> {
  const handle = await fs.open(filePath, 'r+');
  try {
    await handle.truncate(length);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Makes a directory entry change (create, rename) durable. */
export async function syncDirectory(directory: string): Promise<void> {
  const handle = await fs.open(directory, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Replaces the file atomically with the given lines: temp file, fsync, rename, fsync of the directory. */
export async function rewriteDurably(filePath: string, lines: Iterable<string>): Promise<number> {
  const temporary = `${filePath}.compact-${process.pid}.tmp`;
  const handle = await fs.open(temporary, 'w');
  let bytes = 0;
  try {
    let chunk: string[] = [];
    const writeChunk = async (): Promise<void> => {
      if (chunk.length === 0) return;
      const buffer = Buffer.from(`${chunk.join('\n')}\n`, 'utf8');
      await writeFully(handle, buffer);
      bytes += buffer.length;
      chunk = [];
    };
    for (const line of lines) {
      chunk.push(line);
      if (chunk.length >= 1000) await writeChunk();
    }
    await writeChunk();
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fs.rename(temporary, filePath);
  await syncDirectory(path.dirname(filePath));
  return bytes;
}

async function writeFully(handle: fs.FileHandle, buffer: Buffer): Promise<void> {
  for (let offset = 0; offset < buffer.length; ) {
    const { bytesWritten } = await handle.write(buffer, offset, buffer.length - offset);
    offset += bytesWritten;
  }
}

type Waiter = (error?: Error) => void;

export class JournalWriter {
  private pendingLines: string[] = [];
  private waiters: Waiter[] = [];
  private writing = false;
  private closed = false;
  private failure: Error | undefined;

  private constructor(
    private readonly handle: fs.FileHandle,
    private bytes: number,
  ) {}

  /** Opens for appending; creates the file (and makes its directory entry durable) when missing. */
  static async open(filePath: string): Promise<JournalWriter> {
    const existed = await fs.stat(filePath).then(
      () => true,
      () => false,
    );
    const handle = await fs.open(filePath, 'a');
    if (!existed) {
      await handle.sync();
      await syncDirectory(path.dirname(filePath));
    }
    const { size } = await handle.stat();
    return new JournalWriter(handle, size);
  }

  get size(): number {
    return this.bytes;
  }

  get lastError(): Error | undefined {
    return this.failure;
  }

  get accepting(): boolean {
    return !this.closed && this.failure === undefined;
  }

  /**
   * Queues the lines (no newlines inside) and resolves once they are written and fdatasync'ed. The lines are
   * queued synchronously, so calls made in a given order are written in that order.
   */
  append(lines: readonly string[]): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (!this.accepting) {
        reject(this.failure ?? new Error('EMBEDDED_COSMOS.JOURNAL_CLOSED: the journal is closed'));
        return;
      }
      this.pendingLines.push(...lines);
      this.waiters.push((error) => (error ? reject(error) : resolve()));
      if (!this.writing) void this.drain();
    });
  }

  /** Resolves when everything appended so far is on disk. */
  async flush(): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.closed || (!this.writing && this.waiters.length === 0)) return;
    await this.append([]);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.flush().catch(() => undefined);
    this.closed = true;
    await this.handle.close();
  }

  private async drain(): Promise<void> {
    this.writing = true;
    while (this.waiters.length > 0) {
      const lines = this.pendingLines;
      const waiters = this.waiters;
      this.pendingLines = [];
      this.waiters = [];
      try {
        if (this.failure) throw this.failure;
        if (lines.length > 0) {
          const buffer = Buffer.from(`${lines.join('\n')}\n`, 'utf8');
          await writeFully(this.handle, buffer);
          this.bytes += buffer.length;
          await this.handle.datasync();
        }
        for (const done of waiters) done();
      } catch (error) {
        this.failure ??= error instanceof Error ? error : new Error(String(error));
        for (const done of waiters) done(this.failure);
      }
    }
    this.writing = false;
  }
}
