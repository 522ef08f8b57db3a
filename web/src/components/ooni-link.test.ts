import { describe, expect, it } from 'vitest';
import { ooniExplorerUrl } from './ooni-link.js';

describe('the link to a measurement on OONI Explorer', () => {
  it('uses the measurement_uid of the current shape', () => {
    expect(ooniExplorerUrl('20250527233111.802678_ID_webconnectivity_5a37ec909dbf14e3')).toBe(
      'https://explorer.ooni.org/m/20250527233111.802678_ID_webconnectivity_5a37ec909dbf14e3',
    );
  });

  it('builds a legacy (01…) measurement’s link from its record’s report_id and input, or gives none', () => {
    const uid = '01202003039e13e3e38be1918d3a64c2ec27ea22';
    const raw = {
      report_id: '20200303T085244Z_AS42668_UThI3Fdoo0IZ6610604dd0CGkhd7oQV6QLWWzZDVLJ35oGxBO4',
      input: 'http://rutor.org/',
    };
    expect(ooniExplorerUrl(uid, raw)).toBe(
      'https://explorer.ooni.org/measurement/20200303T085244Z_AS42668_UThI3Fdoo0IZ6610604dd0CGkhd7oQV6QLWWzZDVLJ35oGxBO4?input=http%3A%2F%2Frutor.org%2F',
    );
    expect(ooniExplorerUrl(uid, { report_id: raw.report_id })).toBe(
      `https://explorer.ooni.org/measurement/${raw.report_id}`,
    );
    expect(ooniExplorerUrl(uid)).toBeNull();
    // A report_id is data: one that could leave the path is no link.
    expect(ooniExplorerUrl(uid, { report_id: '../../evil?x=1', input: 'x' })).toBeNull();
  });

  it('never links netfreedom’s own ids', () => {
    expect(ooniExplorerUrl('h-7463fe95b903ca88ffec17d41688da40', { report_id: 'r', input: 'x' })).toBeNull();
    expect(ooniExplorerUrl('cp-7463fe95b903ca88ffec17d41688da40')).toBeNull();
    expect(ooniExplorerUrl('uid-000001')).toBeNull();
  });
});
