/** The offline queue's options, shared by `probe run --submit` and `probe queue`. */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { type BackoffPolicy, DEFAULT_BACKOFF } from '../../probe/queue/backoff.js';
import type { OptionTable } from '../option-table.js';
import { parsePositiveInt } from '../parse-args.js';

export interface QueueOptions {
  queue?: string;
  retries?: number;
  retryDelay?: number;
}

export const QUEUE_OPTIONS: OptionTable<QueueOptions> = {
  queue: {
    flags: '--queue <dir>',
    description:
      'the offline submission queue (default $NETFREEDOM_QUEUE, else ~/.local/state/netfreedom/queue)',
  },
  retries: {
    flags: '--retries <n>',
    description: `attempts per measurement before it waits for the next flush (default ${DEFAULT_BACKOFF.maxAttempts})`,
    parse: parsePositiveInt,
  },
  retryDelay: {
    flags: '--retry-delay <ms>',
    description: `first wait between attempts, doubled each time with jitter, at most 60 s (default ${DEFAULT_BACKOFF.baseMs} ms)`,
    parse: parsePositiveInt,
  },
};

/** The queue's folder: `--queue`, else NETFREEDOM_QUEUE, else under XDG_STATE_HOME (or ~/.local/state). */
export function queueDir(opts: QueueOptions, env: NodeJS.ProcessEnv = process.env): string {
  if (opts.queue) return opts.queue;
  if (env.NETFREEDOM_QUEUE) return env.NETFREEDOM_QUEUE;
  const state = env.XDG_STATE_HOME || join(homedir(), '.local', 'state');
  return join(state, 'netfreedom', 'queue');
}

/** The retry policy the options ask for. */
export function backoffPolicy(opts: QueueOptions): BackoffPolicy {
  return {
    baseMs: opts.retryDelay ?? DEFAULT_BACKOFF.baseMs,
    maxMs: DEFAULT_BACKOFF.maxMs,
    maxAttempts: opts.retries ?? DEFAULT_BACKOFF.maxAttempts,
  };
}
