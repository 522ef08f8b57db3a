import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

describe('the test PKI', () => {
  it('deletes its folder on dispose, and the folders of PKIs never disposed when the process exits', () => {
    // In a process of its own with its own TMPDIR, so that no other test's PKI is counted.
    const tmp = mkdtempSync(join(tmpdir(), 'nf-pkitmp-'));
    const pkiFolders = () => readdirSync(tmp).filter((n) => n.startsWith('netfreedom-pki-'));
    const module = fileURLToPath(new URL('./test-pki.ts', import.meta.url));
    const script = `import { readdirSync } from 'node:fs';
      import { createTestPki } from ${JSON.stringify(module)};
      const count = () => readdirSync(process.env.TMPDIR).filter((n) => n.startsWith('netfreedom-pki-')).length;
      const disposed = createTestPki();
      if (!disposed.root.issue(['site.example']).cert.includes('BEGIN CERTIFICATE')) throw new Error('no leaf');
      createTestPki();
      createTestPki();
      console.log(count());
      disposed.dispose();
      console.log(count());
      process.exit(3);`;
    try {
      let output = '';
      try {
        execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
          env: { ...process.env, TMPDIR: tmp },
          encoding: 'utf8',
        });
      } catch (error) {
        const failed = error as { status: number; stdout: string };
        expect(failed.status).toBe(3); // the exit the script asked for, not a crash
        output = failed.stdout;
      }
      expect(output.trim().split('\n')).toEqual(['3', '2']);
      expect(pkiFolders()).toEqual([]);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});
