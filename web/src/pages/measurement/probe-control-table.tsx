/** The probe beside the control as a table: one row per observation, each side's value as measured (data, as text). */
import type { ComponentChild } from 'preact';
import { Datum, Message } from '../../components/message.js';
import { useI18n } from '../../i18n/i18n.js';
import type { Cell, ComparisonRow } from './probe-control.js';

export function ProbeControlTable({ rows, probeUrl }: { rows: ComparisonRow[]; probeUrl: string | null }) {
  const { t } = useI18n();
  const heading = (r: ComparisonRow): ComponentChild => {
    switch (r.row) {
      case 'dns':
        return t('pc.dns');
      case 'tcp':
        return t('pc.tcp', { endpoint: r.endpoint });
      case 'tls':
        return r.serverName
          ? t('pc.tls', { endpoint: r.endpoint, name: r.serverName })
          : t('pc.tlsNoName', { endpoint: r.endpoint });
      default:
        return t(`pc.${r.row}`);
    }
  };
  return (
    <table class="data probe-control">
      {probeUrl && (
        <caption class="muted">
          <Message id="pc.caption" values={{ url: <Datum>{probeUrl}</Datum> }} />
        </caption>
      )}
      <thead>
        <tr>
          <th scope="col">{t('pc.what')}</th>
          <th scope="col">{t('measurement.probe')}</th>
          <th scope="col">{t('measurement.control')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={`${r.row}-${i}`} data-row={r.row}>
            <th scope="row">{heading(r)}</th>
            <td>
              <CellValue cell={r.probe} row={r.row} />
            </td>
            <td>
              <CellValue cell={r.control} row={r.row} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function CellValue({ cell, row }: { cell: Cell; row: ComparisonRow['row'] }) {
  const { t, num } = useI18n();
  if ('none' in cell) return <span class="muted">{t('pc.notMeasured')}</span>;
  if ('failure' in cell) return <code class="failure">{cell.failure}</code>;
  if ('ok' in cell) return <>{t(row === 'tls' ? 'pc.handshake' : 'pc.connected')}</>;
  if ('bytes' in cell)
    return <>{t(cell.truncated ? 'pc.bytesTruncated' : 'pc.bytes', { n: num(cell.bytes) })}</>;
  if ('text' in cell) return <Datum>{cell.text}</Datum>;
  if (cell.values.length === 0) return <span class="muted">{t('common.none')}</span>;
  return <Datum>{cell.values.join(', ')}</Datum>;
}
