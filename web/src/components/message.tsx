/** A translated message whose placeholders are filled with elements: quoted data, codes, a technique with its code. */
import type { ComponentChild } from 'preact';
import type { EvidenceItem } from '../../../src/model/analysis.js';
import { evidenceParts } from '../i18n/evidence-text.js';
import { useI18n } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/messages.js';

/** The message `key` with each `{name}` replaced by `values[name]` (placeholders without a value stay visible). */
export function Message({ id, values }: { id: MessageKey; values: Record<string, ComponentChild> }) {
  const { t } = useI18n();
  return (
    <>
      {t(id)
        .split(/\{(\w+)\}/)
        .map((piece, i) => (i % 2 === 0 ? piece : piece in values ? values[piece] : `{${piece}}`))}
    </>
  );
}

/** Text quoted from a measurement or from data: marked as such, rendered as text. */
export function Datum({ children }: { children: string }) {
  return <span class="datum">{children}</span>;
}

/** One evidence sentence in the reader's language; in English (as the analysis wrote it) when it has no item. */
export function EvidenceSentence({ item, english }: { item: EvidenceItem | undefined; english: string }) {
  const i18n = useI18n();
  const parts = item ? evidenceParts(i18n, item) : null;
  // Not marked as data: it is the analysis' words, only not in the reader's language.
  if (!parts) return <span lang="en">{english}</span>;
  return <>{parts.map((p) => (typeof p === 'string' ? p : <Datum>{p.datum}</Datum>))}</>;
}
