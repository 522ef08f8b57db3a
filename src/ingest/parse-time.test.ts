import { describe, expect, it } from 'vitest';
import { parseTime } from './parse-time.js';

describe('parseTime', () => {
  it('reads OONI, ISO 8601 and Go time strings as UTC', () => {
    expect(parseTime('2022-11-10 10:59:36')).toBe('2022-11-10T10:59:36Z');
    expect(parseTime('2022-11-10T10:59:36Z')).toBe('2022-11-10T10:59:36Z');
    expect(parseTime('2021-10-20 14:51:41.221546144 -0400 EDT')).toBe('2021-10-20T18:51:41Z');
    expect(parseTime('2021-04-26T04:22:27.172011795-04:00')).toBe('2021-04-26T08:22:27Z');
  });
  it('returns null for anything else', () => {
    for (const bad of ['yesterday', '2022-13-40 10:00:00', 12, null, '2022-11-10', 'x'.repeat(100)]) {
      expect(parseTime(bad)).toBeNull();
    }
  });
});
