import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Redis } from 'ioredis';
import { UserError } from '../../errors.js';

/**
 * One submitter per queue: two would each wait for the runs and both write them, into two stores
 * or, worse, one. The lock is a Redis key with an expiry, refreshed by the holder; a holder that
 * dies without releasing it loses it when the expiry passes, or at once to a submitter on the same
 * machine that sees its process is gone (a killed experiment resumed with --resume).
 */
export const LOCK_PREFIX = 'powderkeg:submitter:';

export interface LockHolder {
  readonly host: string;
  readonly pid: number;
  readonly token: string;
  readonly since: string;
}

// KEYS[1] lock, ARGV[1] our value, ARGV[2] ttl ms. 1: still ours; 2: it was gone (Redis lost it)
// and is ours again; 0: somebody else holds it.
const REFRESH = `
local v = redis.call('GET', KEYS[1])
if v == ARGV[1] then redis.call('PEXPIRE', KEYS[1], ARGV[2]) return 1 end
if not v then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 2 end
return 0`;
// KEYS[1] lock, ARGV[1] the value to replace, ARGV[2] ours, ARGV[3] ttl ms.
const REPLACE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3]) return 1 end
return 0`;
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

export class SubmitterLock {
  readonly key: string;
  private readonly value: string;

  constructor(private readonly client: Redis, queue: string, private readonly ttlMs: number) {
    this.key = `${LOCK_PREFIX}${queue}`;
    const holder: LockHolder = { host: hostname(), pid: process.pid, token: randomUUID(), since: new Date().toISOString() };
    this.value = JSON.stringify(holder);
  }

  /** Takes the lock, or refuses with a user error that says who holds it and what to do. */
  async acquire(url: string): Promise<void> {
    if ((await this.client.set(this.key, this.value, 'PX', this.ttlMs, 'NX')) === 'OK') return;
    const current = await this.client.get(this.key);
    if (current === null) return this.acquire(url);
    const holder = parseHolder(current);
    if (holder && holder.host === hostname() && !processAlive(holder.pid)) {
      if ((await this.client.eval(REPLACE, 1, this.key, current, this.value, this.ttlMs)) === 1) return;
      return this.acquire(url);
    }
    const ttl = await this.client.pttl(this.key);
    const who = holder ? `process ${holder.pid} on ${holder.host}, since ${holder.since}` : 'an unknown process';
    throw new UserError({
      path: '--redis',
      message:
        `another submitter is running this experiment through Redis at ${url} (${who}); two would share its runs. ` +
        `Wait for it to finish, or stop it; if it died, its claim expires within ${Math.ceil(Math.max(ttl, 0) / 1000)} s`,
    });
  }

  /** Renews the expiry; false when another submitter has taken the lock meanwhile. */
  async refresh(): Promise<boolean> {
    return (await this.client.eval(REFRESH, 1, this.key, this.value, this.ttlMs)) !== 0;
  }

  async release(): Promise<void> {
    await this.client.eval(RELEASE, 1, this.key, this.value);
  }
}

function parseHolder(text: string): LockHolder | undefined {
  try {
    const v = JSON.parse(text) as Partial<LockHolder>;
    return typeof v.host === 'string' && typeof v.pid === 'number' ? (v as LockHolder) : undefined;
  } catch {
    return undefined;
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
