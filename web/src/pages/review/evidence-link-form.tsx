/**
 * The form that links measurements to a question or key internet control: search the country's measurements in the
 * coverage period by domain and network, see their figures, then link the query (the server keeps its figures as a
 * snapshot). Public once saved.
 */
import { useState } from 'preact/hooks';
import { accountApi } from '../../api/account-client.js';
import { api } from '../../api/client.js';
import type { Assessment, Methodology } from '../../api/types.js';
import { nextDay } from '../../components/partial-date.js';
import { useI18n } from '../../i18n/i18n.js';
import { EvidenceFormShell } from './evidence-form-shell.js';

const list = (text: string) => text.split(/[\s,]+/).filter(Boolean);

export function EvidenceLinkForm({
  cc,
  edition,
  draft,
  methodology,
  onSaved,
}: {
  cc: string;
  edition: number;
  draft: Assessment;
  methodology: Methodology;
  onSaved: () => void;
}) {
  const { t, num } = useI18n();
  const targets = [
    ...methodology.categories.flatMap((c) => c.questions.map((q) => q.id)),
    ...methodology.key_internet_controls.map((k) => k.id),
  ];
  const [target, setTarget] = useState(targets[0] ?? '');
  const [domain, setDomain] = useState('');
  const [asn, setAsn] = useState('');
  const [note, setNote] = useState('');
  const [found, setFound] = useState<string | null>(null);
  const query = () => ({
    ...(list(domain).length ? { domain: list(domain) } : {}),
    ...(list(asn).length ? { probe_asn: list(asn).map((a) => a.toUpperCase()) } : {}),
  });
  const search = async () => {
    // The window the server links by default: the edition's coverage period.
    const rows = await api.aggregation({
      probe_cc: cc,
      ...(domain.trim() ? { domain: list(domain).join(',') } : {}),
      ...(asn.trim() ? { probe_asn: list(asn).join(',').toUpperCase() } : {}),
      ...(draft.coverage_start ? { since: draft.coverage_start } : {}),
      ...(draft.coverage_end ? { until: nextDay(draft.coverage_end) } : {}),
    });
    const r = rows.result[0];
    setFound(
      t('edit.linkFound', {
        n: num(r?.measurement_count ?? 0),
        anomalies: num(r?.anomaly_count ?? 0),
        confirmed: num(r?.confirmed_count ?? 0),
      }),
    );
  };
  const save = async () => {
    if (!domain.trim() && !asn.trim()) return null;
    const out = await accountApi.linkEvidence(cc, edition, {
      target,
      query: query(),
      note: note.trim() || null,
    });
    onSaved();
    return out.id;
  };
  return (
    <EvidenceFormShell
      name="link-form"
      title="edit.linkTitle"
      inDraft={false}
      submit="edit.linkAdd"
      save={save}
    >
      <label for="link-target">{t('edit.linkTarget')}</label>
      <select
        id="link-target"
        name="target"
        value={target}
        onChange={(e) => setTarget(e.currentTarget.value)}
      >
        {targets.map((id) => (
          <option key={id} value={id}>
            {id}
          </option>
        ))}
      </select>
      <label for="link-domain">{t('edit.linkDomain')}</label>
      <input
        id="link-domain"
        name="domain"
        value={domain}
        onInput={(e) => setDomain(e.currentTarget.value)}
      />
      <label for="link-asn">{t('edit.linkAsn')}</label>
      <input id="link-asn" name="probe_asn" value={asn} onInput={(e) => setAsn(e.currentTarget.value)} />
      <button
        type="button"
        name="search"
        onClick={() => void search().catch((e: Error) => setFound(e.message))}
      >
        {t('edit.linkSearch')}
      </button>
      {found && (
        <p class="muted" data-testid="link-found" role="status">
          {found}
        </p>
      )}
      <label for="link-note">{t('edit.linkNote')}</label>
      <input id="link-note" name="note" value={note} onInput={(e) => setNote(e.currentTarget.value)} />
    </EvidenceFormShell>
  );
}
