/** Announces a page's Atom feed to the browser and feed readers: a <link rel="alternate"> in the head while shown. */
import { useEffect } from 'preact/hooks';

export function useFeedLink(href: string, title: string): void {
  useEffect(() => {
    const link = document.createElement('link');
    link.rel = 'alternate';
    link.type = 'application/atom+xml';
    link.title = title;
    link.href = href;
    document.head.append(link);
    return () => link.remove();
  }, [href, title]);
}
