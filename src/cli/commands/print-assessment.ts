/** One assessment as text for people: `assessment show`, and what an analyst's edit leaves. */
import type { Assessment } from '../../model/assessment.js';
import type { Io } from '../run-command.js';

export function printAssessment(io: Io, a: Assessment): void {
  const scale = a.scale === 'legacy' ? ' (legacy scale: 0 = most free)' : '';
  io.out(
    `${a.country} ${a.edition}${scale}: ${a.total ?? 'unknown'} / 100, ${a.status ?? 'status unknown'}\n`,
  );
  if (a.coverageStart) io.out(`coverage ${a.coverageStart} – ${a.coverageEnd}\n`);
  io.out(
    `categories: ${a.categories.map((c) => `${c.categoryId} ${c.score ?? '?'}${c.computed ? ' (computed)' : ''}`).join(', ')}\n`,
  );
  for (const q of a.questions) {
    io.out(
      `  ${q.questionId} ${q.score ?? '?'}  ${q.justification ?? ''}  [${q.sources.map((s) => s.url).join(' ')}]\n`,
    );
  }
  for (const k of a.keyControls) io.out(`  ${k.controlId} ${k.answer}  ${k.evidence ?? ''}\n`);
  for (const s of a.totalSources) io.out(`source (total): ${s.url}\n`);
  for (const s of a.categorySources) io.out(`source (categories): ${s.url}\n`);
  if (a.notes) io.out(`notes: ${a.notes}\n`);
}
