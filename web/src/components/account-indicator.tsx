/** The header's signed-in indicator: who is signed in and a way out, or a link to sign in. */
import { useEffect, useState } from 'preact/hooks';
import { accountApi } from '../api/account-client.js';
import type { Principal } from '../api/types.js';
import { useI18n } from '../i18n/i18n.js';
import { Link, navigate } from '../router.js';

/** Re-reads who is signed in when the page says so (after signing in or out). */
export const ACCOUNT_CHANGED = 'netfreedom:account';

export function AccountIndicator() {
  const { t } = useI18n();
  const [me, setMe] = useState<Principal | null>(null);
  useEffect(() => {
    const load = () => accountApi.me().then(setMe, () => setMe(null));
    load();
    window.addEventListener(ACCOUNT_CHANGED, load);
    return () => window.removeEventListener(ACCOUNT_CHANGED, load);
  }, []);
  if (!me)
    return (
      <Link href="/login" class="account">
        {t('account.signIn')}
      </Link>
    );
  return (
    <span class="account">
      <SignedInAs name={me.name} role={me.role} />{' '}
      <button
        type="button"
        onClick={async () => {
          await accountApi.signOut().catch(() => undefined);
          window.dispatchEvent(new Event(ACCOUNT_CHANGED));
          navigate('/');
        }}
      >
        {t('account.signOut')}
      </button>
    </span>
  );
}

/** "Signed in: ana (analyst)": the role in the reader's language, the name as data (it is not translated). */
function SignedInAs({ name, role }: { name: string; role: Principal['role'] }) {
  const { t } = useI18n();
  const [before, after] = t('account.signedInAs', { role: t(`role.${role}`) }).split('{name}');
  return (
    <span data-testid="signed-in">
      {before}
      <span class="datum">{name}</span>
      {after}
    </span>
  );
}
