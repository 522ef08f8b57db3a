/** Prints the reliability suite's figures as one table, writes them as JSON, and with `--markdown FILE` as the committed table. */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { figuresDir, type SectionFigures } from '../testkit/reliability/figures.js';

async function readSections(): Promise<SectionFigures[]> {
  const names = (await readdir(figuresDir).catch(() => [] as string[]))
    .filter((n) => n.endsWith('.json'))
    .sort();
  return Promise.all(
    names.map(async (n) => JSON.parse(await readFile(join(figuresDir, n), 'utf8')) as SectionFigures),
  );
}

function markdownTable(sections: SectionFigures[]): string {
  const lines = ['| section | figure | value | goal | met |', '| --- | --- | --- | --- | --- |'];
  for (const s of sections)
    for (const f of s.figures)
      lines.push(
        `| ${s.section} (${s.mode}) | ${f.name} | ${f.value} | ${f.goal} | ${f.ok ? 'yes' : '**no**'} |`,
      );
  return `${lines.join('\n')}\n`;
}

const sections = await readSections();
if (sections.length === 0) {
  console.error(`no figures in ${figuresDir}: run the suite first (npm run test:reliability)`);
  process.exit(2);
}
const table = markdownTable(sections);
process.stdout.write(table);
await writeFile(join(figuresDir, '..', 'reliability.json'), `${JSON.stringify(sections, null, 2)}\n`);
const markdownAt = process.argv.indexOf('--markdown');
if (markdownAt > 0) {
  const file = process.argv[markdownAt + 1];
  if (!file) {
    console.error('--markdown needs a file name');
    process.exit(2);
  }
  const when = sections.map((s) => s.recordedAt).sort()[0];
  await writeFile(
    file,
    `# Reliability figures\n\nThe latest full run of \`npm run test:reliability\` (first section recorded ${when}). Each section's tests assert its goals; this table reports the figures.\n\n${table}`,
  );
}
const missed = sections.flatMap((s) => s.figures).filter((f) => !f.ok).length;
process.exit(missed === 0 ? 0 : 1);
