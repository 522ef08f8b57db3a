/**
 * Writes made in the server's process by something other than its routes (a scheduled sync): each notice clears the
 * server's answer cache, as the routes' own writes do.
 */
export class WriteNotices {
  private readonly listeners: (() => void)[] = [];

  subscribe(listener: () => void): void {
    this.listeners.push(listener);
  }

  /** Call after a write has committed. */
  notify(): void {
    for (const listener of this.listeners) listener();
  }
}
