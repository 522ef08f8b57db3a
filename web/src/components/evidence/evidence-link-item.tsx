/**
 * The evidence links of a question or key internet control, each an event (a link to its entry on the timeline), a
 * source, or a measurement query, whose figures when it was linked are shown beside today's so that a reader sees whether the
 * evidence still holds.
 */
import type { EvidenceLink, MeasurementFigures } from '../../api/types.js';
import { useI18n } from '../../i18n/i18n.js';
import { Link } from '../../router.js';
import { Datum } from '../message.js';
import { Sources } from '../status.js';
import { EventDate } from './fact-refs.js';

function EvidenceLinkItem({ link }: { link: EvidenceLink }) {
  const { t, date } = useI18n();
  return (
    <li class={`evidence-link ${link.evidence_kind}`} data-kind={link.evidence_kind}>
      {link.event && (
        <>
          {t('evidenceLink.event')}:{' '}
          <a href={`#ev-${link.event.id}`} lang="en">
            <Datum>{link.event.title}</Datum>
          </a>{' '}
          (<EventDate start={link.event.start} end={link.event.end} />)
        </>
      )}
      {link.source && <Sources sources={[link.source]} />}
      {link.query && (
        <>
          {t('evidenceLink.query')}:{' '}
          <Link href={`/measurements?${link.query.query}`}>
            <code>{link.query.query}</code>
          </Link>
          <FiguresTable snapshot={link.snapshot} current={link.current} />
        </>
      )}
      {link.note && (
        <div class="muted" lang="en">
          <Datum>{link.note}</Datum>
        </div>
      )}
      <div class="muted">{t('evidenceLink.linkedAt', { date: date(link.linked_at) })}</div>
    </li>
  );
}

const ROWS = [
  ['measurement_count', 'col.measurements'],
  ['anomaly_count', 'outcome.anomaly'],
  ['confirmed_count', 'badge.confirmed'],
  ['tls_confirmed_count', 'badge.tlsConfirmed'],
  ['blocked_site_count', 'evidenceLink.blockedSites'],
] as const;

/** The figures when linked and today's, row by row. */
function FiguresTable({
  snapshot,
  current,
}: {
  snapshot: MeasurementFigures | null;
  current: MeasurementFigures | null;
}) {
  const { t, num, date } = useI18n();
  return (
    <table class="data figures">
      <thead>
        <tr>
          <th scope="col" />
          <th scope="col">{t('evidenceLink.then', { date: date(snapshot?.computed_at) })}</th>
          <th scope="col">{t('evidenceLink.now', { date: date(current?.computed_at) })}</th>
        </tr>
      </thead>
      <tbody>
        {ROWS.map(([key, label]) => (
          <tr key={key}>
            <th scope="row">{t(label)}</th>
            <td>{num(snapshot?.[key])}</td>
            <td>{num(current?.[key])}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Evidence links under a heading of their own. */
export function LinkList({ links }: { links: EvidenceLink[] }) {
  const { t } = useI18n();
  return (
    <div class="evidence-links">
      <span class="label">{t('evidenceLink.title')}:</span>
      <ul>
        {links.map((l) => (
          <EvidenceLinkItem key={l.id} link={l} />
        ))}
      </ul>
    </div>
  );
}
