/**
 * Watches Chromium for hostile content that runs: a binding under an unguessable name (which every corpus payload
 * calls and the dashboard's own code cannot know), dialogs, and the Content-Security-Policy refusals Chromium
 * logs; and reads a rendered page for the corpus ids it shows and for markup that should never be there.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { payloadIdsIn } from './xss-corpus.js';

/** What ran, or tried to, and where. */
export interface Sightings {
  executions: string[];
  dialogs: string[];
  /**
   * What the Content-Security-Policy refused. In the dashboard's own documents, hostile markup got into the page
   * and only the CSP stopped it; in a context that shows blockpages in their `<iframe sandbox="">`, the censor's
   * markup is rendered there by design and the CSP the frame inherits stops its loads, a wall behind the sandbox.
   */
  cspRefusals: string[];
}

/** Attaches the hook to `context` (every page and frame) and starts recording. */
export async function watchContext(context: BrowserContext, hook: string, s: Sightings): Promise<void> {
  await context.exposeBinding(hook, ({ frame }, id: unknown) => {
    s.executions.push(`${String(id)} in ${frame.url().slice(0, 120)}`);
  });
  context.on('page', (page) => watchPage(page, s));
  for (const page of context.pages()) watchPage(page, s);
}

function watchPage(page: Page, s: Sightings): void {
  page.on('dialog', (d) => {
    s.dialogs.push(`${d.type()} "${d.message().slice(0, 60)}" on ${page.url().slice(0, 120)}`);
    void d.dismiss().catch(() => {});
  });
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text()))
      s.cspRefusals.push(`${page.url().slice(0, 120)}: ${m.text().slice(0, 200)}`);
  });
}

/** What a page shows of the corpus, and what markup in its own document (not the sandboxed frames) is hostile. */
export interface Inspection {
  ids: Set<string>;
  injected: string[];
}

/**
 * Reads the page after its requests settled and its timers and handlers had a moment to fire. Hostile text in an
 * ordinary attribute (a title, a link to /domain/…) is harmless; an event-handler attribute or a link of a
 * scripting scheme is not, whatever it holds. `settled`: wait for the network to go quiet first.
 */
export async function inspectPage(page: Page, settled = true): Promise<Inspection> {
  // A censor's page in the sandboxed viewer may keep refreshing itself: the network never idles, so wait a while.
  if (settled) await page.waitForLoadState('networkidle');
  await page.waitForTimeout(settled ? 300 : 1000);
  const ids = payloadIdsIn(await shownText(page));
  const injected = (await page.evaluate(SCAN)) as string[];
  return { ids, injected };
}

/**
 * Run in the page (as text: this package is compiled without the DOM's types): every event-handler attribute, and
 * every URL attribute of a scripting scheme, in the page's own document; and any iframe not fully sandboxed.
 */
const SCAN = `(() => {
  const found = [];
  const bad = /^(javascript|vbscript|data:text\\/html)/;
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      const value = attr.value.replace(/[\\u0000-\\u0020]/g, '').toLowerCase();
      if (attr.name.toLowerCase().startsWith('on')) found.push('<' + el.localName + ' ' + attr.name + '>');
      else if (/^(href|src|action|formaction|data|xlink:href)$/.test(attr.name) && bad.test(value))
        found.push('<' + el.localName + ' ' + attr.name + '="' + attr.value.slice(0, 60) + '">');
    }
    if (el.localName === 'iframe' && el.getAttribute('sandbox') !== '') found.push('an iframe without sandbox=""');
  }
  return found;
})()`;

/** A node of the DevTools DOM tree, as far as the text needs it. */
interface DomNode {
  nodeType: number;
  nodeValue: string;
  children?: DomNode[];
  contentDocument?: DomNode;
  shadowRoots?: DomNode[];
}

/**
 * Every text of the page and of all its frames (as `textContent` has it: a template's content is not shown),
 * read from the DevTools DOM tree. Not by evaluating in each frame:
 * a frame that a sandbox stopped from navigating (an `<iframe src="javascript:…">` in a censor's page) never gets
 * a script context, and Playwright's `frame.evaluate` waits for one forever.
 */
async function shownText(page: Page): Promise<string> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
    const texts: string[] = [];
    const walk = (node: DomNode): void => {
      if (node.nodeType === 3) texts.push(node.nodeValue);
      for (const child of [
        ...(node.children ?? []),
        ...(node.shadowRoots ?? []),
        ...(node.contentDocument ? [node.contentDocument] : []),
      ])
        walk(child);
    };
    walk(root);
    return texts.join('\n');
  } finally {
    await cdp.detach();
  }
}
