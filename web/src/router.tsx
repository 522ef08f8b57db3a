/** A tiny history router: routes by path, query in the URL (shareable state), links that navigate without reload. */
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { linkInLang } from './i18n/lang-choice.js';

/** The current location: path and query. */
export interface Location {
  path: string;
  query: URLSearchParams;
}

function current(): Location {
  return { path: window.location.pathname, query: new URLSearchParams(window.location.search) };
}

/** An app URL naming the language the current URL names (`?lang=`), so that a shared link keeps its language. */
export function keepLang(url: string): string {
  return linkInLang(url, window.location.search);
}

/** Goes to a URL in the app, in the current URL's language; `replace` keeps the history entry (for filter changes). */
export function navigate(url: string, replace = false): void {
  const target = keepLang(url);
  if (replace) window.history.replaceState(null, '', target);
  else window.history.pushState(null, '', target);
  window.dispatchEvent(new Event('netfreedom:navigate'));
  if (!replace) window.scrollTo(0, 0);
}

/** Re-renders on every navigation. */
export function useLocation(): Location {
  const [loc, setLoc] = useState(current);
  useEffect(() => {
    const update = () => setLoc(current());
    window.addEventListener('popstate', update);
    window.addEventListener('netfreedom:navigate', update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener('netfreedom:navigate', update);
    };
  }, []);
  return loc;
}

/** Builds an app URL with query values (empty ones left out). */
export function href(
  path: string,
  query: Record<string, string | number | boolean | undefined | null> = {},
): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query))
    if (v !== undefined && v !== null && v !== '' && v !== false) params.set(k, String(v));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

/** An anchor that navigates inside the app, keeping the language (modifier clicks still open new tabs). */
export function Link(props: {
  href: string;
  class?: string;
  /** None for a mark that says what it is by its label (a day of a strip). */
  children?: ComponentChildren;
  'aria-label'?: string;
  title?: string;
}) {
  const url = keepLang(props.href);
  return (
    <a
      href={url}
      class={props.class}
      aria-label={props['aria-label']}
      title={props.title}
      onClick={(e) => {
        if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        navigate(url);
      }}
    >
      {props.children}
    </a>
  );
}
