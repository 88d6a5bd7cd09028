/**
 * PostgreSQL LISTEN/NOTIFY, so that every server process sees what any of them publishes. NOTIFY
 * goes through the pool; LISTEN needs a connection of its own for as long as the process runs,
 * outside the pool (a pooled connection is handed to other queries and its LISTEN would be lost).
 */
import pg from 'pg';
import { sql } from 'kysely';
import type { Db } from './database.ts';

export interface ListenLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface Listener {
  close(): Promise<void>;
}

/**
 * Sends `payload` to every listener of `channel`. Outside a transaction it is delivered at once;
 * inside one, only when it commits. PostgreSQL refuses payloads of 8000 bytes or more.
 */
export async function notify(db: Db, channel: string, payload: string): Promise<void> {
  await sql`select pg_notify(${channel}, ${payload})`.execute(db);
}

const FIRST_RETRY_MS = 100;
const MAX_RETRY_MS = 5000;

/**
 * LISTENs on `channel` over a dedicated connection and hands each payload to `onPayload`. When the
 * connection drops (server restart, failover, an administrator terminating it) it reconnects,
 * backing off up to 5 s between attempts; notifications sent while it is away are lost. Resolves
 * once the first LISTEN is in place, so nothing published after that is missed.
 */
export async function listen(
  connectionString: string,
  channel: string,
  onPayload: (payload: string) => void,
  log: ListenLog,
): Promise<Listener> {
  let current: pg.Client | null = null;
  let closed = false;
  let retry: NodeJS.Timeout | null = null;
  let delay = FIRST_RETRY_MS;

  const open = async (): Promise<void> => {
    const client = new pg.Client({ connectionString, keepAlive: true });
    client.on('notification', (message) => {
      if (message.channel === channel && message.payload !== undefined) onPayload(message.payload);
    });
    // A dropped connection emits 'error' then 'end'; an 'error' without a handler would crash the process.
    client.on('error', (error) => log.warn({ err: error.message, channel }, 'listen connection lost'));
    client.on('end', () => {
      if (current !== client) return;
      current = null;
      if (!closed) reconnect();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${client.escapeIdentifier(channel)}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    if (closed) await client.end();
    else current = client;
  };

  const reconnect = () => {
    retry = setTimeout(() => {
      retry = null;
      open().then(
        () => {
          delay = FIRST_RETRY_MS;
          log.info({ channel }, 'listen connection restored');
        },
        (error: Error) => {
          log.warn({ err: error.message, channel, retryInMs: delay }, 'listen connection failed');
          delay = Math.min(delay * 2, MAX_RETRY_MS);
          if (!closed) reconnect();
        },
      );
    }, delay);
  };

  await open();
  return {
    close: async () => {
      closed = true;
      if (retry) clearTimeout(retry);
      const client = current;
      current = null;
      await client?.end();
    },
  };
}
