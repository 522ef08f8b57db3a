/**
 * Where a survey question's bars go: one row per answer, the share as a bar from 0, and the 95 % interval (when a
 * sample size gives one) as an error bar with caps; the value is written after whichever ends further right.
 */

/** What the layout needs of an answer (the API's names). */
export interface SurveyAnswerInput {
  share: number;
  interval_low: number | null;
  interval_high: number | null;
}

export interface SurveyBar {
  /** Top of the row; the answer's text is written there, the bar below it. */
  rowY: number;
  barY: number;
  barHeight: number;
  x0: number;
  /** Where the share ends. */
  x1: number;
  /** The interval's ends, kept inside 0..1; null without a sample size. */
  error: { x0: number; x1: number; y: number } | null;
  /** Where the value is written. */
  labelX: number;
}

export const SURVEY_ROW = 40;
const TEXT_LINE = 16;
const BAR_HEIGHT = 14;

/** The rows of `answers` between `left` and `right` (the 100 % line), from `top`. */
export function surveyBars(
  answers: readonly SurveyAnswerInput[],
  left: number,
  right: number,
  top = 0,
): SurveyBar[] {
  const x = (share: number) => left + Math.min(Math.max(share, 0), 1) * (right - left);
  return answers.map((a, i) => {
    const rowY = top + i * SURVEY_ROW;
    const barY = rowY + TEXT_LINE;
    const x1 = x(a.share);
    const error =
      a.interval_low === null || a.interval_high === null
        ? null
        : { x0: x(a.interval_low), x1: x(a.interval_high), y: barY + BAR_HEIGHT / 2 };
    return {
      rowY,
      barY,
      barHeight: BAR_HEIGHT,
      x0: left,
      x1,
      error,
      labelX: Math.max(x1, error?.x1 ?? x1) + 6,
    };
  });
}

/** The height of a chart of `n` answers. */
export function surveyHeight(n: number): number {
  return n * SURVEY_ROW;
}
