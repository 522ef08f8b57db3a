/** Every record a store holds, with its raw record, read in pages by uid (as re-analysis reads them). */
import type { MeasurementRecord, PipelineMeasurementStore } from '../../src/store/measurement-store.js';

export async function* storedRecords(s: PipelineMeasurementStore): AsyncGenerator<MeasurementRecord> {
  for (let after: string | undefined; ; ) {
    const page = await s.staleRecords(Number.MAX_SAFE_INTEGER, {
      limit: 5000,
      ...(after ? { afterUid: after } : {}),
    });
    if (page.length === 0) return;
    yield* page;
    after = page.at(-1)!.uid;
  }
}
