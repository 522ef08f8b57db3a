/**
 * One suite for the store's documents and audit log on every engine: accounts, tokens, sessions and revisions go
 * through the single writer, concurrent writers never break the hash chain or take one name twice, and
 * `verifyChain` finds an entry edited or deleted behind the store's back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, listUsers } from '../../src/auth/accounts.js';
import { createToken, resolveToken, revokeToken } from '../../src/auth/api-tokens.js';
import { registerProbe } from '../../src/auth/probes.js';
import type { AuditEntry } from '../../src/model/audit.js';
import { GENESIS_HASH, verifyChain } from '../../src/store/audit-chain.js';
import type { Store } from '../../src/store/store.js';
import { testActing } from '../helpers/acting.js';

export interface AccountEngine {
  store: Store;
  /** Runs a statement on the engine behind the store's back (an attacker with database access). */
  tamper(sql: string): Promise<void>;
  close(): Promise<void>;
}

const PASSWORD = 'a long enough passphrase';

export function accountStoreSuite(name: string, open: () => Promise<AccountEngine>): void {
  describe(`documents and audit log: ${name}`, () => {
    let e: AccountEngine;
    let store: Store;

    beforeAll(async () => {
      e = await open();
      store = e.store;
    }, 180_000);
    afterAll(async () => e?.close(), 60_000);

    it('keeps documents by kind and id, the latest write winning, listed by id', async () => {
      await store.documents.put('probe', 'b', { v: 1 });
      await store.documents.put('probe', 'a', { v: 1 });
      await store.documents.put('probe', 'b', { v: 2 });
      expect(await store.documents.get('probe', 'b')).toEqual({ v: 2 });
      expect(await store.documents.get('user', 'b')).toBeNull();
      expect(await store.documents.list('probe')).toEqual([{ v: 1 }, { v: 2 }]);
    });

    it('lets one of twenty concurrent writers take a name, and chains every entry they append', async () => {
      const results = await Promise.allSettled(
        Array.from({ length: 20 }, (_, i) =>
          addUser(store, testActing(`op${i}`), {
            name: 'same',
            role: 'viewer',
            countries: [],
            password: PASSWORD,
          }),
        ),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(results.filter((r) => r.status === 'rejected').map((r) => String(r.reason))).toEqual(
        Array(19).fill('ConflictError: a user named same exists already'),
      );
      // Twenty writers at once of different kinds: every append lands, once, in one chain.
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          i % 2
            ? addUser(store, testActing(), {
                name: `u${i}`,
                role: 'analyst',
                countries: ['KZ'],
                password: PASSWORD,
              })
            : registerProbe(store, testActing(), `probe ${i}`),
        ),
      );
      expect((await listUsers(store)).map((u) => u.name)).toContain('u19');
      const check = await verifyChain((after, n) => store.audit.page(after, n), 7);
      // one user, ten users, ten probes with their tokens
      expect(check).toMatchObject({ ok: true, entries: 1 + 10 + 20 });
    });

    it('appends after committed entries inside a transaction, in order', async () => {
      const before = (await store.audit.list({ limit: 1 }))[0]!;
      await store.transaction(async () => {
        for (let i = 0; i < 3; i++)
          await store.audit.append({
            actor: 't',
            action: 'test',
            entity: 'x',
            before: null,
            after: i,
            reason: null,
            requestId: null,
          });
      });
      const [last] = await store.audit.list({ limit: 1 });
      expect(last!.seq).toBe(before.seq + 3);
      expect((await verifyChain((after, n) => store.audit.page(after, n))).ok).toBe(true);
    });

    it('lists entries by entity, by user (with their local and token marks) and since a day, newest first', async () => {
      const alice = await addUser(store, testActing('root'), {
        name: 'alice',
        role: 'analyst',
        countries: [],
        password: PASSWORD,
      });
      const { record } = await createToken(
        store,
        { ...testActing('alice'), actor: 'alice' },
        {
          label: 'script',
          user: alice.name,
          probe: null,
          role: 'viewer',
          countries: [],
        },
      );
      const aboutAlice = await store.audit.list({ entity: 'user:alice' });
      expect(aboutAlice.map((x) => [x.action, x.actor])).toEqual([['user.add', 'root (local)']]);
      expect(JSON.parse(aboutAlice[0]!.afterJson)).not.toHaveProperty('passwordHash');
      expect((await store.audit.list({ actor: 'alice' })).map((x) => x.entity)).toEqual([
        `token:${record.id}`,
      ]);
      expect((await store.audit.list({ actor: 'root' }))[0]!.entity).toBe('user:alice');
      expect(await store.audit.list({ since: '2999-01-01' })).toEqual([]);
      const all = await store.audit.list();
      expect(all.map((x) => x.seq)).toEqual([...all.map((x) => x.seq)].sort((a, b) => b - a));
    });

    it('revokes a token for every later request', async () => {
      const { token, record } = await createToken(store, testActing('root'), {
        label: 'to revoke',
        user: 'alice',
        probe: null,
        role: 'analyst',
        countries: ['KZ'],
      });
      expect(await resolveToken(store, token, new Date())).toMatchObject({ name: 'alice', role: 'analyst' });
      await revokeToken(store, testActing('root'), record.id);
      expect(await resolveToken(store, token, new Date())).toBeNull();
      expect(await resolveToken(store, `${token.slice(0, -1)}x`, new Date())).toBeNull();
    });

    it('finds an edited entry, then a deleted one, by its sequence number', async () => {
      const entries = await store.audit.page(0, 10_000);
      expect(entries[0]!.prevHash).toBe(GENESIS_HASH);
      const target: AuditEntry = entries[4]!;
      await e.tamper(`UPDATE audit_log SET reason = 'nothing happened' WHERE seq = ${target.seq}`);
      expect(await verifyChain((after, n) => store.audit.page(after, n), 3)).toMatchObject({
        ok: false,
        seq: target.seq,
        reason: expect.stringMatching(/edited/),
        entries: target.seq - 1,
      });
      await e.tamper(`DELETE FROM audit_log WHERE seq = ${target.seq}`);
      expect(await verifyChain((after, n) => store.audit.page(after, n))).toMatchObject({
        ok: false,
        seq: target.seq,
        reason: expect.stringMatching(/missing \(deleted\)/),
      });
    });
  });
}
