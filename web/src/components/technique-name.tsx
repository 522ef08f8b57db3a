/** A technique code in the reader's words, the code itself in its tooltip; a code we do not know, as it is. */
import { isTechnique } from '../../../src/model/verdict.js';
import { useI18n } from '../i18n/i18n.js';

/** The name as a label of its own (a list's option): written to fit in a sentence, it starts upper case here. */
export function techniqueLabel(t: ReturnType<typeof useI18n>['t'], code: string): string {
  if (!isTechnique(code)) return code;
  const name = t(`technique.${code}`);
  return name.charAt(0).toUpperCase() + name.slice(1);
}

export function TechniqueName({ code }: { code: string }) {
  const { t } = useI18n();
  return isTechnique(code) ? <span title={code}>{t(`technique.${code}`)}</span> : <code>{code}</code>;
}
