/** `netfreedom probe queue status|flush|clear`: the offline submission queue. */
import type { Command } from 'commander';
import { flushQueue } from '../../probe/queue/flush-queue.js';
import { SubmissionQueue } from '../../probe/queue/submission-queue.js';
import { addOptions, type JsonOption, jsonOption, type OptionTable } from '../option-table.js';
import { printJson } from '../output.js';
import { action, type CliContext, type Io } from '../run-command.js';
import { probeToken } from './probe-options.js';
import { backoffPolicy, QUEUE_OPTIONS, type QueueOptions, queueDir } from './probe-queue-options.js';

interface QueueCommandOptions extends JsonOption, QueueOptions {}

const OPTIONS: OptionTable<QueueCommandOptions> = { ...QUEUE_OPTIONS, ...jsonOption() };

export function registerProbeQueue(probe: Command, ctx: CliContext): void {
  const queue = probe
    .command('queue')
    .description('the offline submission queue: measurements kept until a server has stored them');
  const sub = (
    name: string,
    description: string,
    body: (io: Io, opts: QueueCommandOptions) => Promise<number>,
  ) =>
    addOptions(queue.command(name).description(description), OPTIONS).action(
      action(ctx, (opts: QueueCommandOptions) => body(ctx.io, opts)),
    );
  sub('status', 'how many measurements wait, for which servers, since when', queueStatus);
  sub(
    'flush',
    'send every queued measurement to its server now (retries with backoff); exit 1 if some remain',
    queueFlush,
  );
  sub('clear', 'delete every queued and rejected measurement (they are not sent)', queueClear);
}

async function queueStatus(io: Io, opts: QueueCommandOptions): Promise<number> {
  const s = new SubmissionQueue(queueDir(opts)).status();
  if (opts.json) {
    printJson(io, {
      dir: s.dir,
      pending: s.pending,
      bytes: s.bytes,
      oldest_queued_at: s.oldestQueuedAt,
      servers: s.servers,
      rejected: s.rejected,
      unreadable: s.unreadable,
    });
    return 0;
  }
  io.out(`${s.pending} measurement(s) queued in ${s.dir} (${s.bytes} bytes)`);
  io.out(s.oldestQueuedAt ? `, the oldest since ${s.oldestQueuedAt}\n` : '\n');
  for (const [server, n] of Object.entries(s.servers)) io.out(`  ${n}\tfor ${server}\n`);
  if (s.rejected > 0) io.out(`${s.rejected} refused by their server (kept in ${s.dir}/rejected)\n`);
  if (s.unreadable.length > 0)
    io.out(`${s.unreadable.length} unreadable file(s), never sent: ${s.unreadable.join(', ')}\n`);
  return 0;
}

async function queueFlush(io: Io, opts: QueueCommandOptions): Promise<number> {
  const queue = new SubmissionQueue(queueDir(opts));
  queue.removeStaleTemporaries();
  const total = queue.pending().length;
  let done = 0;
  const report = await flushQueue(queue, {
    policy: backoffPolicy(opts),
    token: probeToken(),
    onResult: (entry, result) => {
      if (result.kind === 'retry') {
        io.err(`netfreedom: ${entry.id.slice(0, 12)}: ${result.reason}; retrying\n`);
        return;
      }
      done += 1;
      if (!opts.json) io.out(`${result.kind === 'stored' ? result.status : 'refused'}\t${entry.id}\n`);
      else io.err(`\r${done}/${total}`);
    },
  });
  if (opts.json) {
    io.err('\n');
    printJson(io, {
      stored: report.stored.map((s) => ({ id: s.id, measurement_uid: s.uid, status: s.status })),
      refused: report.refused,
      left: report.left,
    });
  } else {
    io.err(
      `submitted ${report.stored.length} of ${total}` +
        `${report.refused.length ? `, ${report.refused.length} refused` : ''}` +
        `${report.left.length ? `, ${report.left.length} still queued (${report.left[0]!.reason})` : ''}\n`,
    );
  }
  return report.left.length > 0 || report.refused.length > 0 ? 1 : 0;
}

async function queueClear(io: Io, opts: QueueCommandOptions): Promise<number> {
  const queue = new SubmissionQueue(queueDir(opts));
  const removed = queue.clear();
  if (opts.json)
    printJson(io, { dir: queue.dir, removed_pending: removed.pending, removed_rejected: removed.rejected });
  else
    io.out(
      `removed ${removed.pending} queued and ${removed.rejected} rejected measurement(s) from ${queue.dir}\n`,
    );
  return 0;
}
