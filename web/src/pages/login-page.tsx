/** Sign in: name and password; the server sets the session cookie (HttpOnly), the page then goes where it was asked. */
import { useState } from 'preact/hooks';
import { accountApi } from '../api/account-client.js';
import { ACCOUNT_CHANGED } from '../components/account-indicator.js';
import { useI18n } from '../i18n/i18n.js';
import { type Location, navigate } from '../router.js';

export function LoginPage({ loc }: { loc: Location }) {
  const { t } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Only a path of this site: never a redirect to another one.
  const next = loc.query.get('next');
  const target = next?.startsWith('/') && !next.startsWith('//') ? next : '/';
  return (
    <section>
      <h1>{t('login.title')}</h1>
      <form
        class="login"
        onSubmit={async (e) => {
          e.preventDefault();
          const form = new FormData(e.currentTarget as HTMLFormElement);
          setBusy(true);
          setError(null);
          try {
            await accountApi.signIn(String(form.get('name') ?? ''), String(form.get('password') ?? ''));
            window.dispatchEvent(new Event(ACCOUNT_CHANGED));
            navigate(target);
          } catch (err) {
            setError(err instanceof Error ? err.message : String(err));
          } finally {
            setBusy(false);
          }
        }}
      >
        <label>
          {t('login.name')}
          <input name="name" autocomplete="username" required />
        </label>
        <label>
          {t('login.password')}
          <input name="password" type="password" autocomplete="current-password" required />
        </label>
        <button type="submit" disabled={busy}>
          {t('login.title')}
        </button>
        {error && (
          <p role="alert" class="error">
            {t('login.failed', { message: error })}
          </p>
        )}
      </form>
    </section>
  );
}
