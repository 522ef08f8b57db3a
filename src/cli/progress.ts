/** Progress for long commands: a redrawn bar on a terminal, nothing in between otherwise (callers print one line per item). */
import type { Io } from './run-command.js';

export interface Progress {
  update(done: number, total: number, label: string): void;
  done(): void;
}

/** A bar on stderr when stdout is a TTY; a no-op otherwise. At most 10 redraws a second. */
export function progressBar(io: Io): Progress {
  if (!io.isTty) return { update() {}, done() {} };
  let last = 0;
  let drawn = false;
  return {
    update(done, total, label) {
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      const share = total > 0 ? Math.min(1, done / total) : 0;
      const width = 30;
      const full = Math.round(share * width);
      io.err(
        `\r[${'#'.repeat(full)}${'.'.repeat(width - full)}] ${(share * 100).toFixed(0).padStart(3)}% ${label}\u001b[K`,
      );
      drawn = true;
    },
    done() {
      if (drawn) io.err('\r\u001b[K');
    },
  };
}
