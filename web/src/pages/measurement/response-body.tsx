/**
 * The body of the response the probe ended with. It is attacker-controlled: shown as escaped text, or in an
 * `<iframe sandbox="">` that can run no script, submit no form and reach nothing of this page.
 */
import { useState } from 'preact/hooks';
import { Datum } from '../../components/message.js';
import { useI18n } from '../../i18n/i18n.js';
import { bodyText } from './test-keys.js';

export function ResponseBody({
  body,
  contentType,
  url,
}: {
  body: unknown;
  contentType: string | null;
  url: string | null;
}) {
  const { t } = useI18n();
  const [rendered, setRendered] = useState(false);
  const text = bodyText(body, contentType);
  if (!text) return null;
  return (
    <>
      <h2>{t('measurement.body')}</h2>
      {url && (
        <p class="muted">
          <Datum>{url}</Datum>
        </p>
      )}
      <div class="tabs">
        <button type="button" aria-pressed={!rendered} onClick={() => setRendered(false)}>
          {t('measurement.bodyText')}
        </button>
        <button type="button" aria-pressed={rendered} onClick={() => setRendered(true)}>
          {t('measurement.bodyRender')}
        </button>
      </div>
      {rendered ? (
        <iframe class="body-frame" title={t('measurement.body')} sandbox="" srcDoc={text.slice(0, 200_000)} />
      ) : (
        <pre class="body-text" data-testid="body-text">
          {text.slice(0, 200_000)}
        </pre>
      )}
    </>
  );
}
