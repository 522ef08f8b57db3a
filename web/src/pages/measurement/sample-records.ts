/** Real records for the measurement page's tests: OONI's 2020 rutor.org (RU), 2025 archive.org (ID), and the KZ demo. */

import demo from '../../../../data/demo/kz-simulated.jsonl?raw';
import archive from '../../../../data/ooni/measurements/ooni-backend/fastpath-tests-data/20250527233111.802678_ID_webconnectivity_5a37ec909dbf14e3.json';
import rutorMeta from '../../../../data/ooni/measurements/ooni-explorer/e2e-fixtures/measurement_meta/measurement_meta__measurement_uid-01202003039e13e3e38be1918d3a64c2ec27ea22_full-true.json';

/** OONI's web_connectivity 0.3.0 record of http://rutor.org/ from AS42668, 2020-03-03: redirected to a blockpage. */
export const RUTOR: unknown = JSON.parse(
  (JSON.parse(rutorMeta.body) as { raw_measurement: string }).raw_measurement,
);

/** OONI's web_connectivity 0.4.3 record of http://archive.org from AS23693, 2025-05-27: redirected to a blockpage. */
export const ARCHIVE: unknown = archive;

/** A record of the simulated Kazakhstan demo set by its scenario. */
export function demoRecord(scenario: string): unknown {
  const found = demo
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { annotations: { scenario: string } })
    .find((m) => m.annotations.scenario === scenario);
  if (!found) throw new Error(`no demo record ${scenario}`);
  return found;
}
