/**
 * The provenance check: walks a rendered report and lists every number in its body that carries no reference.
 * HTML: a figure is `<span class="fig">` followed by `<sup class="ref">` whose links reach a numbered source or
 * query snapshot; a quoted text sits in an element whose `data-refs` names existing references; dates are
 * `<time>`, identifiers (editions, question ids, ASNs, domains) `<code>`, and a method's constant (the surveys'
 * 95 % level) `.const`. Any other digit in the body is a violation. The numbered sources and the appendix are
 * the references themselves and are not walked.
 */
import { type Element, type Node, Window } from 'happy-dom';

/** Every digit-bearing text of the HTML body without a reference, with a little context. */
export function unreferencedNumbersHtml(html: string): string[] {
  const window = new Window();
  const document = window.document;
  document.write(html);
  const problems: string[] = [];
  const exists = (label: string) =>
    document.getElementById(label.startsWith('Q') ? `query-${label.slice(1)}` : `source-${label}`) !== null;
  const refsResolve = (sup: Element | null) => {
    if (sup?.tagName !== 'SUP' || !sup.classList.contains('ref')) return false;
    const links = [...sup.querySelectorAll('a')];
    return (
      links.length > 0 &&
      links.every((a) => document.getElementById((a.getAttribute('href') ?? '').slice(1)) !== null)
    );
  };
  const walk = (node: Node) => {
    if (node.nodeType === 3) {
      const text = node.textContent ?? '';
      if (/\d/.test(text))
        problems.push(
          `${text.trim().slice(0, 80)} (in <${(node.parentNode as Element)?.tagName?.toLowerCase()}>)`,
        );
      return;
    }
    if (node.nodeType !== 1) return;
    const el = node as Element;
    const tag = el.tagName.toLowerCase();
    if (tag === 'section' && (el.id === 'sources' || el.id === 'snapshots')) return;
    if (tag === 'style' || tag === 'time' || tag === 'code') return;
    if (el.classList.contains('const')) return;
    if (tag === 'sup' && el.classList.contains('ref')) {
      if (!refsResolve(el)) problems.push(`a reference that leads nowhere: ${el.outerHTML.slice(0, 80)}`);
      return;
    }
    if (el.hasAttribute('data-refs')) {
      const labels = (el.getAttribute('data-refs') ?? '').split(' ').filter(Boolean);
      // A quoted text without a source may carry no number; with one, its references must exist.
      if (labels.length === 0 && /\d/.test(el.textContent ?? ''))
        problems.push(`numbers in a text without a reference: ${(el.textContent ?? '').slice(0, 80)}`);
      else if (!labels.every(exists))
        problems.push(`data-refs "${labels.join(' ')}" names a missing reference`);
      return;
    }
    if (el.classList.contains('fig')) {
      let next = el.nextSibling;
      while (next && next.nodeType === 3 && !(next.textContent ?? '').trim()) next = next.nextSibling;
      if (!refsResolve(next as Element | null)) problems.push(`figure ${el.textContent} without a reference`);
      return;
    }
    for (const child of [...el.childNodes]) walk(child);
  };
  walk(document.body);
  window.close();
  return problems;
}

const MARKER = /\[(?:Q?\d+)(?:, Q?\d+)*\]/;

/**
 * The same check on the Markdown: in each unit (a table cell, else a line) outside the sources and the appendix,
 * once code spans, link targets, list numbers, the surveys' 95 % level and references are removed, a digit needs a
 * reference in that unit.
 */
export function unreferencedNumbersMarkdown(markdown: string): string[] {
  const problems: string[] = [];
  let skipping = false;
  for (const line of markdown.split('\n')) {
    if (line === '<a id="sources"></a>') skipping = true;
    if (skipping) continue;
    if (/^<a id="[\w-]+"><\/a>$/.test(line)) continue;
    const units = line.startsWith('|') ? line.split(/(?<!\\)\|/).slice(1, -1) : [line];
    for (const unit of units) {
      const bare = unit
        .replace(/`[^`]*`/g, '')
        .replace(/\]\(<[^>]*>\)/g, ']')
        .replace(/\]\([^)]*\)/g, ']')
        .replace(/^\s*\d+\.\s/, '')
        // The method's constant, as the HTML's .const.
        .replaceAll('95 %', '');
      const withoutRefs = bare.replace(new RegExp(MARKER.source, 'g'), '');
      if (/\d/.test(withoutRefs) && !MARKER.test(bare)) problems.push(unit.trim().slice(0, 100));
    }
  }
  return problems;
}
