/**
 * The network steps as a waterfall: each bar from when a step started to when it ended on the measurement's clock.
 * A step recorded without a start draws no bar and says only when it ended; a step with no time says none.
 */
import { useI18n } from '../../i18n/i18n.js';
import type { NetworkStep } from './network-steps.js';

export function Waterfall({ steps }: { steps: NetworkStep[] }) {
  const { t, num } = useI18n();
  const max = Math.max(0.001, ...steps.map((s) => s.span?.end ?? 0));
  const ms = (seconds: number) => t('unit.ms', { n: num(Math.round(seconds * 1000)) });
  return (
    <ol class="waterfall">
      {steps.map((s, i) => (
        <li key={`${s.kind}-${i}`} class={s.failure ? 'step failed' : 'step'}>
          <span class="step-kind">{s.kind}</span>
          <span>
            <span class="step-label datum">{s.label}</span>
            {s.retry && <span class="step-note muted"> — {t('measurement.retry')}</span>}
          </span>
          {s.span ? (
            <span class="step-bar" aria-hidden="true">
              <span
                style={{
                  marginLeft: `${(s.span.start / max) * 100}%`,
                  width: `${Math.max(1, ((s.span.end - s.span.start) / max) * 100)}%`,
                }}
              />
            </span>
          ) : (
            <span class="step-when muted">
              {s.end !== null ? t('measurement.endedAt', { t: ms(s.end) }) : ''}
            </span>
          )}
          <span
            class="step-time"
            title={
              s.span
                ? t('measurement.stepSpan', { start: ms(s.span.start), end: ms(s.span.end) })
                : s.duration === null
                  ? t('measurement.durationUnknown')
                  : undefined
            }
          >
            {s.duration === null ? '–' : ms(s.duration)}
          </span>
          {s.failure && <span class="step-failure datum">{s.failure}</span>}
        </li>
      ))}
    </ol>
  );
}
