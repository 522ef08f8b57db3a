/**
 * netfreedom's own XSS corpus: each payload, if it ran, would call the test's hook (an unguessable global name
 * that Playwright exposes to every frame) with the payload's id, or open a dialog carrying it. The classes follow
 * the OWASP XSS filter-evasion cheat sheet and the mutation-XSS literature; no payload is copied from a list.
 */

/** One hostile string and where it comes from. */
export interface Payload {
  /** `zq` and three digits: found in a page's text, it shows the payload was rendered there (as text). */
  id: string;
  class: PayloadClass;
  text: string;
}

export type PayloadClass =
  | 'script tag'
  | 'event handler'
  | 'attribute breakout'
  | 'svg'
  | 'javascript: url'
  | 'css'
  | 'unicode'
  | 'mutation'
  | 'filter evasion'
  | 'host name';

type Maker = (call: string, id: string) => string;

/** By class, functions of the call to make (`hook('zq001')`) and the id. */
const MAKERS: Record<PayloadClass, Maker[]> = {
  'script tag': [
    (c) => `<script>${c}</script>`,
    (c) => `</title><script>${c}</script>`,
    (c) => `</textarea></style></noscript><script>${c}</script>`,
    (c) => `<scr<script>ipt>${c}</scr</script>ipt>`,
    (c) => `<SCRIPT>${c}//<</SCRIPT>`,
    (c) => `<script type="module">${c}</script>`,
  ],
  'event handler': [
    (c) => `<img src=x onerror=${c}>`,
    (c) => `<img src="/nonexistent.png" onerror="${c}">`,
    (c) => `<body onload=${c}>`,
    (c) => `<details open ontoggle=${c}>`,
    (c) => `<input autofocus onfocus=${c}>`,
    (c) => `<video><source onerror=${c}></video>`,
    (c) => `<iframe onload=${c}></iframe>`,
    (c) => `<style onload=${c}></style>`,
  ],
  'attribute breakout': [
    (c) => `" autofocus onfocus="${c}" x="`,
    (c) => `' autofocus onfocus='${c}' x='`,
    (c) => `"><img src=x onerror=${c}>`,
    (c) => `'><img src=x onerror=${c}>`,
    (c) => `\`><img src=x onerror=${c}>`,
  ],
  svg: [
    (c) => `<svg onload=${c}>`,
    (c) => `<svg><script>${c}</script></svg>`,
    (c) => `<svg><animate onbegin=${c} attributeName=x dur=1s>`,
    (c) => `<svg><set attributeName=onmouseover to=${c}><a><text>x</text></a></svg>`,
    (c, id) => `<svg><a xlink:href="javascript:${c}"><text>${id}</text></a></svg>`,
    (c) => `<svg><foreignObject><img src=x onerror=${c}></foreignObject></svg>`,
  ],
  'javascript: url': [
    (c) => `javascript:${c}`,
    (c) => `JaVaScRiPt:${c}`,
    (c) => ` \tjava\tscript:${c}`,
    (c) => `&#106;avascript:${c}`,
    (c, id) => `<a href="javascript:${c}">${id}</a>`,
    (c) => `<iframe src="javascript:${c}"></iframe>`,
    (c) => `data:text/html,<script>${c}</script>`,
    (c) => `<meta http-equiv="refresh" content="0;url=javascript:${c}">`,
    (c, id) => `<form action="javascript:${c}"><button>${id}</button></form>`,
  ],
  css: [
    (c) => `<div style="background:url('javascript:${c}')">x</div>`,
    (c) => `<div style="width:expression(${c})">x</div>`,
    (c) => `<style>@import 'javascript:${c}';</style>`,
    (c) => `<style>*{background:url("javascript:${c}")}</style>`,
    (c) => `<link rel=stylesheet href="javascript:${c}">`,
    (c, id) => `</style><style>body{--${id}:1}</style><img src=x onerror=${c}>`,
  ],
  unicode: [
    (c) => `＜script＞${c}＜/script＞`,
    (c) => `\u202e<img src=x onerror=${c}>\u202c`,
    (c) => `\u2028<script>${c}</script>\u2029`,
    (c) => `%3Cscript%3E${c}%3C%2Fscript%3E`,
    (c) => `\\u003cscript\\u003e${c}\\u003c/script\\u003e`,
    (c) => `&lt;script&gt;${c}&lt;/script&gt;`,
    (c) => `<scr\u200bipt>${c}</scr\u200bipt>`,
  ],
  mutation: [
    (c) => `<noscript><p title="</noscript><img src=x onerror=${c}>">`,
    (c) => `<svg></p><style><a id="</style><img src=1 onerror=${c}>">`,
    (c) => `<math><mtext><table><mglyph><style><img src=x onerror=${c}>`,
    (c) => `<form><math><mtext></form><form><mglyph><style></math><img src onerror=${c}>`,
    (c) => `<listing>&lt;img src=1 onerror=${c}&gt;</listing>`,
    (c) => `<template><img src=x onerror=${c}></template><xmp><img src=x onerror=${c}></xmp>`,
  ],
  'filter evasion': [
    (c) => `<IMG SRC=javascript:${c}>`,
    (c) => `<IMG """><SCRIPT>${c}</SCRIPT>">`,
    (c) => `<<SCRIPT>${c};//<</SCRIPT>`,
    (c) => `<IMG SRC=# onmouseover="${c}">`,
    (c) => `<iframe srcdoc="&lt;script&gt;parent.${c}&lt;/script&gt;"></iframe>`,
    (c) => `<object data="javascript:${c}"></object><embed src="javascript:${c}">`,
    (c) => `<base href="javascript:${c}//">`,
    (c) => `<img src=x:alert(alt) onerror=eval(src) alt=0>${c}`,
    (c) => `\${${c}}{{constructor.constructor('${c.replace(/'/g, '\\x27')}')()}}`,
    (_c, id) => `<img src=x onerror=alert('${id}')>`,
    (_c, id) => `<script>confirm('${id}')</script>`,
  ],
  // Host names: a URL's host may hold quotes, parentheses and equals signs, and the domain is shown everywhere.
  'host name': [
    (c) => `a"onmouseover="${c}"x.example`,
    (c) => `b'onfocus='${c}'autofocus='x.example`,
    (c) => `c\`onload=${c}\`.example`,
  ],
};

/** The corpus: every maker of every class, numbered; `hook` is the name of the global each payload calls. */
export function xssCorpus(hook: string): Payload[] {
  const out: Payload[] = [];
  for (const [cls, makers] of Object.entries(MAKERS) as [PayloadClass, Maker[]][])
    for (const make of makers) {
      const id = `zq${String(out.length + 1).padStart(3, '0')}`;
      out.push({ id, class: cls, text: make(`${hook}('${id}')`, id) });
    }
  return out;
}

/** The ids of the corpus a text shows. */
export function payloadIdsIn(text: string): Set<string> {
  return new Set(text.match(/zq\d{3}(?!\d)/g) ?? []);
}
