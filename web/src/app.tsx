/** The app shell: header with navigation and language switcher, and the page for the current path. */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { AccountIndicator } from './components/account-indicator.js';
import {
  I18nContext,
  initialLang,
  LANGUAGE_NAMES,
  LANGUAGES,
  type Lang,
  makeI18n,
  saveLang,
  useI18n,
} from './i18n/i18n.js';
import { langOf } from './i18n/lang-choice.js';
import { ComparePage } from './pages/compare-page.js';
import { CountryPage } from './pages/country-page.js';
import { DomainPage } from './pages/domain-page.js';
import { ExplorerPage } from './pages/explorer-page.js';
import { LoginPage } from './pages/login-page.js';
import { MapPage } from './pages/map-page.js';
import { MeasurementPage } from './pages/measurement/measurement-page.js';
import { MethodologyPage } from './pages/methodology-page.js';
import { NetworkPage } from './pages/network-page.js';
import { ReviewPage } from './pages/review-page.js';
import { Link, type Location, navigate, useLocation } from './router.js';

export function App() {
  const [chosen, setChosen] = useState<Lang>(initialLang);
  const loc = useLocation();
  // A URL that names a language (a shared link, history) shows it, whatever was chosen before.
  const lang = langOf(loc.query) ?? chosen;
  const i18n = useMemo(() => makeI18n(lang), [lang]);
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = `${i18n.t('app.title')} — ${i18n.t('app.tagline')}`;
  }, [lang, i18n]);
  return (
    <I18nContext.Provider value={i18n}>
      <a class="skip" href="#main">
        ↓
      </a>
      <Header
        lang={lang}
        onLang={(l) => {
          saveLang(l);
          setChosen(l);
          // The address names the language too, so that it can be shared as it is read.
          const query = new URLSearchParams(window.location.search);
          query.set('lang', l);
          navigate(`${window.location.pathname}?${query}${window.location.hash}`, true);
        }}
      />
      <main id="main" tabIndex={-1}>
        <Page loc={loc} />
      </main>
      <footer>
        <p class="muted">
          FOTN © Freedom House · {i18n.t('footer.ooniData')} CC BY-NC-SA 4.0 · <a href="/api/docs">OpenAPI</a>
        </p>
      </footer>
    </I18nContext.Provider>
  );
}

function Header({ lang, onLang }: { lang: Lang; onLang: (l: Lang) => void }) {
  const { t } = useI18n();
  return (
    <header>
      <Link href="/" class="brand">
        {t('app.title')}
      </Link>
      <nav aria-label={t('nav.label')}>
        <Link href="/">{t('nav.map')}</Link>
        <Link href="/compare">{t('nav.compare')}</Link>
        <Link href="/measurements">{t('nav.explorer')}</Link>
        <Link href="/methodology">{t('nav.methodology')}</Link>
        <a href="/api/docs">{t('nav.api')}</a>
      </nav>
      <label class="lang">
        <span class="sr-only">{t('lang.label')}</span>
        <select
          aria-label={t('lang.label')}
          value={lang}
          onChange={(e) => onLang((e.target as HTMLSelectElement).value as Lang)}
        >
          {LANGUAGES.map((l) => (
            <option key={l} value={l}>
              {LANGUAGE_NAMES[l]}
            </option>
          ))}
        </select>
      </label>
      <AccountIndicator />
    </header>
  );
}

function Page({ loc }: { loc: Location }) {
  const { t } = useI18n();
  const parts = loc.path.split('/').filter(Boolean).map(decodeURIComponent);
  const [first, second] = parts;
  if (!first) return <MapPage loc={loc} />;
  if (first === 'country' && second && /^[A-Za-z]{2}$/.test(second))
    return <CountryPage cc={second.toUpperCase()} loc={loc} />;
  if (first === 'compare') return <ComparePage loc={loc} />;
  if (first === 'methodology') return <MethodologyPage />;
  if (first === 'measurements') return <ExplorerPage loc={loc} />;
  if (first === 'm' && second) return <MeasurementPage uid={second} />;
  if (first === 'domain' && second) return <DomainPage domain={second} loc={loc} />;
  if (first === 'network' && second) return <NetworkPage asn={second} loc={loc} />;
  if (first === 'login') return <LoginPage loc={loc} />;
  const third = parts[2];
  if (first === 'review' && second && /^[A-Za-z]{2}$/.test(second) && third && /^\d{4}$/.test(third))
    return <ReviewPage cc={second.toUpperCase()} edition={Number(third)} />;
  return <h1>{t('common.notFound')}</h1>;
}
