import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkImports } from '../scripts/import-rules.js';
import { tempDir } from './helpers/temp.js';

describe('import rules (ARCHITECTURE.md)', () => {
  it('src/ follows them', () => {
    expect(checkImports(join(import.meta.dirname, '..', 'src'))).toEqual([]);
  });

  it('catches a forbidden import, a socket outside netx and an unknown module', () => {
    const dir = tempDir('nf-rules-');
    for (const m of ['model', 'server', 'probe', 'analysis', 'mystery']) mkdirSync(join(dir, m));
    writeFileSync(join(dir, 'model', 'a.ts'), "import { x } from '../server/app.js';\n");
    writeFileSync(join(dir, 'analysis', 'b.ts'), "import net from 'node:net';\n");
    writeFileSync(join(dir, 'server', 'c.ts'), "export { y } from '../probe/runner.js';\n");
    writeFileSync(join(dir, 'mystery', 'd.ts'), 'export const z = 1;\n');
    writeFileSync(join(dir, 'mystery', 'e.ts'), "import { z } from './d.js';\n");
    writeFileSync(join(dir, 'probe', 'f.ts'), "import { sim } from '../../testkit/netsim/sim.js';\n");
    writeFileSync(join(dir, 'probe', 'f.test.ts'), "import { sim } from '../../testkit/netsim/sim.js';\n");
    const reasons = checkImports(dir).map((v) => `${v.file}: ${v.reason}`);
    expect(reasons).toContain('model/a.ts: model may not import server');
    expect(reasons).toContain('analysis/b.ts: only netx/ may import node:net');
    expect(reasons).toContain('server/c.ts: server may not import probe');
    expect(
      reasons.some((r) => r.startsWith('mystery/e.ts: module src/mystery is not in the import rules')),
    ).toBe(true);
  });
});
