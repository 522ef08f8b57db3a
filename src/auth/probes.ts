/** Registered probes: each gets an id, stored with every measurement it submits, and a token to submit with. */
import type { Probe } from '../model/account.js';
import { ConflictError, InvalidInputError } from '../shared/errors.js';
import type { Store } from '../store/store.js';
import type { Acting } from './acting.js';
import { createToken, type PublicToken } from './api-tokens.js';
import { randomId } from './secret-token.js';

const PROBE_NAME = /^[A-Za-z0-9][A-Za-z0-9 ._-]{0,59}$/;

/** Registers a probe and creates its token (shown once). Names are unique. */
export async function registerProbe(
  store: Store,
  acting: Acting,
  name: string,
): Promise<{ probe: Probe; token: string; record: PublicToken }> {
  if (!PROBE_NAME.test(name))
    throw new InvalidInputError('a probe name is 1–60 letters, digits, spaces, ".", "_" or "-"');
  return store.transaction(async () => {
    const existing = await store.documents.list<Probe>('probe');
    if (existing.some((p) => p.name === name))
      throw new ConflictError(`a probe named "${name}" exists already`);
    const probe: Probe = {
      id: randomId('probe-'),
      name,
      createdAt: acting.now().toISOString(),
      createdBy: acting.actor,
      disabled: false,
    };
    await store.documents.put('probe', probe.id, probe);
    await store.audit.append({
      actor: acting.actor,
      action: 'probe.register',
      entity: `probe:${probe.id}`,
      before: null,
      after: probe,
      reason: null,
      requestId: acting.requestId,
    });
    const { token, record } = await createToken(store, acting, {
      label: `probe ${name}`,
      user: null,
      probe: probe.id,
      role: 'probe',
      countries: [],
    });
    return { probe, token, record };
  });
}

export function listProbes(store: Store): Promise<Probe[]> {
  return store.documents.list<Probe>('probe');
}
