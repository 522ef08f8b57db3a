/**
 * web_connectivity records shaped like OONI's real ones for the pipeline benchmarks: the varied samples of
 * varied-records.ts with the page bodies real measurements carry (sizes log-normal around a 10 KB median with a
 * 100 KB mean, half of them Cyrillic), or every body of one fixed size (`bodyBytes`, to test memory per record).
 */
import { type VariedOptions, variedMeasurement } from './varied-records.js';

/**
 * Log-normal body sizes: median 10 KB, σ 2.4, at most 2 MiB, which gives a mean of about 100 KB, as OONI's
 * web_connectivity bodies have (the median page is small; a few huge ones carry most of the bytes).
 */
const MEDIAN_BYTES = 10_000;
const SIGMA = 2.4;
const MAX_BYTES = 2 * 1024 * 1024;

/** Words pages are written in: drawn at random, so that a body compresses as text does (3–5×), not as a repeat. */
const CYRILLIC = (
  'интернет свобода доступ сайт новости политика экономика спорт право суд решение закон блокировка ' +
  'пользователь сеть провайдер оператор реестр информация ресурс главная страница читать далее комментарии ' +
  'Қазақстан желі қолжетімділік мазмұн шектеу құқық пайдаланушы хабар жаңалықтар мемлекет азамат ' +
  'Москва Алматы Астана эксперт аналитика события дня март апрель год область город район'
).split(' ');
const LATIN = (
  'independent journalism human rights press freedom internet newsroom world asia europe opinion ' +
  'analysis report government court ruling law access blocked network provider users information ' +
  'home page read more comments subscribe newsletter privacy policy terms contact about video photo'
).split(' ');
/** Markup around the words, as pages have it: `$` is where the words go, `#` a number. */
const MARKUP = [
  '<p>$</p>\n',
  '<li class="nav-item"><a class="nav-link" href="/news/#">$</a></li>\n',
  '<div class="card" data-id="#"><img src="/static/img/#.jpg" alt="$" width="640"><h3>$</h3></div>\n',
  '<script>window.dataLayer=window.dataLayer||[];gtag("config","UA-#-1",{"page":"$"});</script>\n',
  '<span class="date">#</span><h2>$</h2>\n',
];
const BLOCKPAGE =
  '<html><head><title>Доступ ограничен</title></head><body><p>Доступ к информационному ресурсу ограничен на основании Федерального закона от 27.07.2006 № 149-ФЗ.</p><a href="http://eais.rkn.gov.ru/">Единый реестр</a></body></html>';

export interface RealShapedOptions extends VariedOptions {
  /** Every body this many UTF-8 bytes (instead of the log-normal mix). */
  bodyBytes?: number;
}

/** Record `i` as one JSON line. */
export function realShapedRecord(i: number, options: RealShapedOptions = {}): string {
  const m = variedMeasurement(i, options) as { test_keys: Record<string, unknown> };
  const tk = m.test_keys as {
    blocking: unknown;
    requests?: { response?: Record<string, unknown> }[];
    control?: { http_request?: Record<string, unknown> };
  };
  const size = options.bodyBytes ?? bodySize(i);
  const blockpage = tk.blocking === 'http-diff';
  const body = blockpage ? BLOCKPAGE : page(i, size, i % 2 === 1);
  const requests = (tk.requests ?? [{}]).map((r, k) =>
    k === 0 ? { ...r, response: { ...r.response, code: 200, body } } : r,
  );
  const control = tk.control?.http_request
    ? { ...tk.control, http_request: { ...tk.control.http_request, body_length: size, title: 'Главная' } }
    : tk.control;
  return JSON.stringify({ ...m, test_keys: { ...tk, requests, control } });
}

/** The i-th body size: a log-normal draw from a fixed stream, so that every run generates the same file. */
export function bodySize(i: number): number {
  const random = mulberry32(i * 2654435761);
  // Box–Muller: one normal deviate from two uniform ones.
  const z = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  return Math.min(MAX_BYTES, Math.max(200, Math.round(MEDIAN_BYTES * Math.exp(SIGMA * z))));
}

/** An HTML page of about `bytes` UTF-8 bytes: random words (Cyrillic or Latin) in random markup. */
function page(i: number, bytes: number, cyrillic: boolean): string {
  const random = mulberry32(i + 1);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const pool = cyrillic ? CYRILLIC : LATIN;
  const words = () => Array.from({ length: 3 + Math.floor(random() * 25) }, () => pick(pool)).join(' ');
  const parts = ['<!DOCTYPE html><html><head><meta charset="utf-8"><title>Главная</title></head><body>\n'];
  let size = 120;
  while (size < bytes) {
    const p = pick(MARKUP)
      .replaceAll('$', words)
      .replaceAll('#', () => String(Math.floor(random() * 1e6)));
    parts.push(p);
    size += Buffer.byteLength(p);
  }
  parts.push('</body></html>');
  return parts.join('');
}

/** A small seeded generator of uniform numbers in [0, 1). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
