/**
 * Requests counted per client in fixed windows, in memory only: the key is a salted hash of the client's address,
 * so no address is kept. Shared by the server's rate limit and the control's.
 */
import { createHash, randomBytes } from 'node:crypto';

export class ClientWindows {
  private readonly salt = randomBytes(16);
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts a request of `client`: null while it is within its allowance, else the seconds until its next window. */
  hit(client: string): number | null {
    const t = this.now();
    const key = createHash('sha256').update(this.salt).update(client).digest('base64url');
    let w = this.windows.get(key);
    if (!w || t - w.start >= this.windowMs) {
      w = { start: t, count: 0 };
      this.windows.set(key, w);
      if (this.windows.size > 10_000) this.prune(t);
    }
    w.count += 1;
    return w.count > this.max ? Math.max(1, Math.ceil((w.start + this.windowMs - t) / 1000)) : null;
  }

  private prune(t: number): void {
    for (const [k, w] of this.windows) if (t - w.start >= this.windowMs) this.windows.delete(k);
  }
}
