/** Finds what a page shows in English that is not data: words of the English catalogue, and runs of English words. */
import type { Page } from 'playwright-core';
import { TECHNIQUES } from '../../src/model/verdict.js';
import { en } from '../../web/src/i18n/messages.js';

/** Elements whose text is data, shown as it is in any language: quoted values, codes, raw JSON, cited titles. */
const DATA = 'pre, code, .datum, cite, script, style';

/** Names and terms that stay in Latin letters in Russian and Kazakh text (terms kept once in parentheses). */
const NAMES = [
  'Freedom on the Net',
  'Freedom House',
  'Censored Planet',
  'Quick Facts',
  'test helper',
  'fastpath',
  'sandbox',
  'netfreedom',
  'OpenAPI',
  'English', // the switcher names each language in its own language
];

/** Every text the reader gets outside data: text nodes (screen-reader-only ones too) and labels, titles, alt texts. */
export async function readerTexts(page: Page): Promise<string[]> {
  return page.evaluate((data) => {
    type Node = { textContent: string | null; parentElement: Element | null };
    type Element = { closest(s: string): Element | null; getAttribute(a: string): string | null };
    const doc = (
      globalThis as unknown as {
        document: {
          body: unknown;
          createTreeWalker(root: unknown, what: number): { nextNode(): Node | null };
          querySelectorAll(s: string): Iterable<Element>;
        };
      }
    ).document;
    const out: string[] = [];
    const walker = doc.createTreeWalker(doc.body, 4 /* NodeFilter.SHOW_TEXT */);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (n.parentElement?.closest(data)) continue;
      const text = n.textContent?.trim();
      if (text) out.push(text);
    }
    for (const el of doc.querySelectorAll('[aria-label], [title], [alt]')) {
      if (el.closest(data)) continue;
      for (const attr of ['aria-label', 'title', 'alt']) {
        const text = el.getAttribute(attr)?.trim();
        if (text) out.push(text);
      }
    }
    return out;
  }, DATA);
}

/**
 * Latin-letter words that are neither data nor a name: a token with a digit, dot, slash, colon, @, =, _ or -
 * (addresses, domains, ASNs, codes such as tls_sni) or in capitals (KZ, DNS, OONI) counts as data.
 */
export function englishWords(text: string): string[] {
  let rest = text;
  for (const name of NAMES) rest = rest.split(name).join(' ');
  const codes = new Set<string>(TECHNIQUES);
  return rest
    .split(/\s+/)
    .map((token) => token.replace(/^[([{«"'“‘—–…]+|[)\]}»"'”’.,;:!?…—–]+$/g, ''))
    .filter(
      (token) =>
        /[A-Za-z]/.test(token) &&
        !/[\d./:@=_-]/.test(token) &&
        token !== token.toUpperCase() &&
        !codes.has(token),
    );
}

/** The English catalogue's texts (those a language translates) whose words appear among `texts`, by key. */
export function catalogueLeftovers(texts: string[], translated: Record<string, string>): string[] {
  const joined = `\n${texts.join('\n')}\n`;
  const found: string[] = [];
  for (const [key, english] of Object.entries(en)) {
    if (translated[key] === english) continue;
    for (const piece of english.split(/\{\w+\}/)) {
      const words = piece.trim();
      // A fragment of a word or two could be anyone's; the word check above catches those.
      if (words.split(/\s+/).length < 3 || !/[A-Za-z]/.test(words)) continue;
      if (joined.includes(words)) found.push(`${key}: "${words}"`);
    }
  }
  return found;
}
