import { describe, expect, it } from 'vitest';
import { progressBar } from './progress.js';
import type { Io } from './run-command.js';

function io(isTty: boolean): Io & { text: () => string } {
  let err = '';
  return { out: () => {}, err: (t) => (err += t), isTty, text: () => err };
}

describe('progress bar', () => {
  it('draws a bar with the share and label on a terminal, and clears it at the end', () => {
    const tty = io(true);
    const bar = progressBar(tty);
    bar.update(50, 200, '1/3 files');
    expect(tty.text()).toContain(`[${'#'.repeat(8)}${'.'.repeat(22)}]  25% 1/3 files`);
    bar.done();
    expect(tty.text().endsWith('\r\u001b[K')).toBe(true);
  });

  it('prints nothing when the output is not a terminal', () => {
    const pipe = io(false);
    const bar = progressBar(pipe);
    bar.update(1, 2, 'x');
    bar.done();
    expect(pipe.text()).toBe('');
  });
});
