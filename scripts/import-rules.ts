/** The import rules of ARCHITECTURE.md as data, and a checker that lists every import breaking them. */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/** Which src/ modules each module may import (itself always allowed). */
export const ALLOWED: Record<string, string[]> = {
  model: [],
  shared: ['model'],
  netx: ['model', 'shared'],
  'test-lists': ['model', 'shared'],
  analysis: ['model', 'shared'],
  control: ['model', 'shared', 'netx'],
  probe: ['model', 'shared', 'netx', 'control', 'analysis', 'test-lists'],
  store: ['model', 'shared'],
  ingest: ['model', 'shared', 'analysis', 'store'],
  assessment: ['model', 'shared', 'store'],
  auth: ['model', 'shared', 'store'],
  evidence: ['model', 'shared', 'store', 'assessment'],
  report: ['model', 'shared', 'analysis', 'assessment', 'evidence', 'store'],
  sync: ['model', 'shared', 'store', 'ingest'],
  server: [
    'model',
    'shared',
    'analysis',
    'assessment',
    'auth',
    'evidence',
    'store',
    'ingest',
    'test-lists',
    'report',
  ],
  cli: ['*'],
};

/** Node modules that open sockets: only the network seam and the listening servers may use them. */
export const NETWORK_BUILTINS = ['net', 'tls', 'dns', 'dgram', 'http', 'https', 'http2'];
export const NETWORK_ALLOWED: Record<string, string[]> = {
  netx: NETWORK_BUILTINS,
  control: ['http'],
  server: ['http'],
  // Sync reads remote archives through the transport the CLI injects (netx/archive-transport.ts), never through sockets of its own.
  sync: [],
  cli: [],
};

export interface Violation {
  file: string;
  line: number;
  specifier: string;
  reason: string;
}

const IMPORT =
  /(?:^|\s)(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^import\s+['"]([^'"]+)['"]/gm;

/** Checks every .ts file under `srcDir`. */
export function checkImports(srcDir: string): Violation[] {
  const violations: Violation[] = [];
  for (const file of listTs(srcDir)) {
    const module = relative(srcDir, file).split(sep)[0]!;
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(IMPORT)) {
      const specifier = (match[1] ?? match[2] ?? match[3])!;
      const line = text.slice(0, match.index).split('\n').length;
      const at = { file: relative(srcDir, file), line, specifier };
      const reason = judge(srcDir, file, module, specifier);
      if (reason) violations.push({ ...at, reason });
    }
  }
  return violations;
}

function judge(srcDir: string, file: string, module: string, specifier: string): string | null {
  if (!(module in ALLOWED))
    return `module src/${module} is not in the import rules (add it to ARCHITECTURE.md)`;
  if (specifier.startsWith('.')) {
    const target = resolve(dirname(file), specifier);
    const rel = relative(srcDir, target);
    if (rel.startsWith('..')) {
      // Unit tests beside the code may use the test helpers and the simulated networks; shipped code may not.
      return file.endsWith('.test.ts')
        ? null
        : 'src/ must not import from outside src/ (testkit, bench, test)';
    }
    const targetModule = rel.split(sep)[0]!;
    const allowed = ALLOWED[module]!;
    if (targetModule !== module && !allowed.includes('*') && !allowed.includes(targetModule)) {
      return `${module} may not import ${targetModule}`;
    }
    return null;
  }
  const builtin = specifier.replace(/^node:/, '').split('/')[0]!;
  if (NETWORK_BUILTINS.includes(builtin) && (specifier.startsWith('node:') || !specifier.includes('@'))) {
    if (!(NETWORK_ALLOWED[module] ?? []).includes(builtin)) return `only netx/ may import node:${builtin}`;
  }
  return null;
}

function listTs(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return listTs(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [path] : [];
  });
}
