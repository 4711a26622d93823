import { Redis, type RedisOptions } from 'ioredis';
import { UserError } from '../../errors.js';

/**
 * Redis hash of the queues of experiments in progress -> the powderkeg version that submitted
 * them, so that workers find them and leave alone those another version would run differently.
 */
export const QUEUE_REGISTRY = 'powderkeg:queues';
export const QUEUE_PREFIX = 'powderkeg-';
/**
 * Set (for a minute) when a submitter finishes its experiment, so that workers leave the queue at
 * once; a queue missing from the registry without it may be one that a restarted Redis lost.
 */
export const FINISHED_PREFIX = 'powderkeg:finished:';

/** One queue per experiment: workers cache the job of a queue, so its runs must share one. */
export function queueNameFor(experimentHash: string): string {
  return `${QUEUE_PREFIX}${experimentHash}`;
}

/** Checks a --redis value; the option name goes into the error so the user knows what to fix. */
export function checkRedisUrl(url: string, option = '--redis'): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UserError({ path: option, message: `expected a URL such as redis://127.0.0.1:6379, found "${url}"` });
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new UserError({ path: option, message: `expected a redis:// or rediss:// URL, found "${url}"` });
  }
  return url;
}

/**
 * BullMQ's blocking connections must retry forever (maxRetriesPerRequest: null); a client that
 * waits forever for a Redis that is not there would hang, so `reachRedis` checks first.
 */
export function connectionOptions(url: string): RedisOptions & { url: string } {
  return { url, maxRetriesPerRequest: null, retryStrategy: reconnectDelay };
}

/**
 * Retry every second at most: BullMQ's own back-off grows to 20 s, which after a Redis restart
 * would leave workers and the submitter idle long after it is back.
 */
export function reconnectDelay(attempt: number): number {
  return Math.min(100 * attempt, 1000);
}

export function openRedis(url: string): Redis {
  const client = new Redis(url, { maxRetriesPerRequest: null, retryStrategy: reconnectDelay });
  // Reconnection is automatic; without a listener ioredis prints every attempt's error.
  client.on('error', () => undefined);
  return client;
}

/**
 * A client whose commands fail at once while Redis is unreachable, instead of waiting for it:
 * the submitter's health checks must notice an outage, not sit in it.
 */
export function openWatchdog(url: string): Redis {
  const client = new Redis(url, { maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: reconnectDelay, connectTimeout: 2000 });
  client.on('error', () => undefined);
  return client;
}

/** Fails fast, as a user error, when nothing answers at the URL. */
export async function reachRedis(url: string, option = '--redis'): Promise<void> {
  checkRedisUrl(url, option);
  const probe = new Redis(url, { lazyConnect: true, connectTimeout: 5000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  let failure: Error | undefined;
  probe.on('error', (err: Error) => (failure ??= err));
  try {
    await probe.connect();
    await probe.ping();
  } catch (err) {
    const reason = (failure ?? (err as Error)).message;
    throw new UserError({ path: option, message: `cannot reach Redis at ${url}: ${reason}` });
  } finally {
    probe.disconnect();
  }
}
