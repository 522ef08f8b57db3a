/** Text about to reach a terminal or a log with untrusted parts in it: an escape sequence there would act. */

/** `text` with every control character but the line break replaced by U+FFFD (`lineBreaks: false` replaces it too). */
export function terminalSafe(text: string, { lineBreaks = true } = {}): string {
  return text.replace(
    lineBreaks ? /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g : /[\u0000-\u001f\u007f-\u009f]/g,
    '\ufffd',
  );
}
