/** Rules and timers the app scenarios share. */
import type { MiddleboxRule } from '../netsim/middlebox.js';

/** SYNs to each of `ips` dropped. */
export const drop = (...ips: string[]): MiddleboxRule[] =>
  ips.map((ip) => ({ action: 'drop', match: { ip } }));
/** A throttled link: 128 bytes every 120 ms. */
export const THROTTLE = { delayMs: 120, chunkBytes: 128 };
/** A real probe's timers (10 s): a throttled page takes seconds, and a loaded machine must not turn it into a timeout. */
export const PATIENT = { tlsHandshake: 10_000, http: 10_000 };
