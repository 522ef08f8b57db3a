/** An acting context for tests that write: a named person, as the command line would record them. */
import type { Acting } from '../../src/model/audit.js';

export function testActing(person = 'tester', now: () => Date = () => new Date()): Acting {
  return { actor: `${person} (local)`, person, requestId: null, now };
}
