import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';

/**
 * The calendar stand-in's events, in memory per mailbox, optionally kept in `<dataDir>/calendar/events.json`
 * (written to a temporary file and renamed over, after every change, before the change is answered).
 * Times are stored as UTC instants; the HTTP layer renders them in the zone a request asks for.
 */

const storedEvent = z.strictObject({
  id: z.string().min(1),
  /** Lower-case UPN of the mailbox the event is in (the organiser's). */
  mailbox: z.string().min(1),
  subject: z.string(),
  body: z.strictObject({ contentType: z.enum(['text', 'html']), content: z.string() }),
  start: z.iso.datetime(),
  end: z.iso.datetime(),
  originalStartTimeZone: z.string(),
  originalEndTimeZone: z.string(),
  attendees: z.array(z.strictObject({ address: z.string(), name: z.string().optional(), type: z.enum(['required', 'optional', 'resource']) })),
  isOnlineMeeting: z.boolean(),
  onlineMeetingProvider: z.string(),
  joinUrl: z.string().nullable(),
  conferenceId: z.string().nullable(),
  allowNewTimeProposals: z.boolean(),
  transactionId: z.string().nullable(),
  isCancelled: z.boolean(),
  createdDateTime: z.iso.datetime(),
  lastModifiedDateTime: z.iso.datetime(),
  changeKey: z.string(),
});
export type StoredEvent = z.infer<typeof storedEvent>;

const eventsFile = z.strictObject({ schemaVersion: z.literal(1), events: z.array(storedEvent) });

export class StandInEvents {
  private readonly events = new Map<string, StoredEvent>();
  private writing: Promise<void> = Promise.resolve();

  private constructor(private readonly file: string | undefined) {}

  /** Loads the events file when a data directory is given (a missing file is an empty calendar). */
  static async open(dataDir: string | undefined): Promise<StandInEvents> {
    const file = dataDir === undefined ? undefined : path.join(dataDir, 'calendar', 'events.json');
    const store = new StandInEvents(file);
    if (file === undefined) return store;
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return store;
      throw err;
    }
    const parsed = eventsFile.safeParse(JSON.parse(text));
    if (!parsed.success) throw new Error(`CALENDAR_STANDIN.BAD_FILE: ${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    for (const e of parsed.data.events) store.events.set(e.id, e);
    return store;
  }

  get(mailbox: string, id: string): StoredEvent | undefined {
    const e = this.events.get(id);
    return e && e.mailbox === mailbox ? e : undefined;
  }

  byTransactionId(mailbox: string, transactionId: string): StoredEvent | undefined {
    for (const e of this.events.values()) if (e.mailbox === mailbox && e.transactionId === transactionId) return e;
    return undefined;
  }

  all(): StoredEvent[] {
    return [...this.events.values()];
  }

  /** Stores the event and, with a data directory, writes the file before resolving. */
  async put(event: StoredEvent): Promise<StoredEvent> {
    this.events.set(event.id, storedEvent.parse(event));
    await this.persist();
    return event;
  }

  private persist(): Promise<void> {
    const file = this.file;
    if (file === undefined) return Promise.resolve();
    const snapshot = JSON.stringify({ schemaVersion: 1, events: this.all() }, null, 1);
    // A failed write fails the request that caused it, not the writes after it.
    this.writing = this.writing.catch(() => undefined).then(async () => {
      await fs.mkdir(path.dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      await fs.writeFile(tmp, snapshot, 'utf8');
      await fs.rename(tmp, file);
    });
    return this.writing;
  }

  /** Waits for pending writes. */
  flush(): Promise<void> {
    return this.writing.catch(() => undefined);
  }
}
