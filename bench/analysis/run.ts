/**
 * Benchmark: analyzeMeasurement throughput over the bundled web_connectivity samples (real and
 * synthetic, cycled), as a ratio against a floor measured in the same run: JSON.parse of the same
 * measurements, which any pipeline pays to read them. Usage: npx tsx bench/analysis/run.ts [count]
 */
import { analyzeMeasurement, loadAnalysisContext } from '../../src/analysis/analyze.js';
import type { Measurement } from '../../src/model/measurement.js';
import { loadSamples } from '../../test/support/ooni-samples.js';

const count = Number(process.argv[2] ?? 20_000);
const pool = loadSamples()
  .filter((s) => s.measurement.test_name === 'web_connectivity')
  .map((s) => JSON.stringify(s.measurement));
const texts = Array.from({ length: count }, (_, i) => pool[i % pool.length]!);
const bytes = texts.reduce((n, t) => n + t.length, 0);

const t0 = performance.now();
loadAnalysisContext();
const loadMs = performance.now() - t0;

// Floor: parsing the JSON of every measurement.
let start = performance.now();
const parsed = texts.map((t) => JSON.parse(t) as Measurement);
const parseMs = performance.now() - start;

// Warm-up (JIT, certificate and pattern caches), then the measured run.
for (const m of parsed.slice(0, Math.min(500, parsed.length))) analyzeMeasurement(m);
start = performance.now();
const outcomes: Record<string, number> = {};
for (const m of parsed) {
  const a = analyzeMeasurement(m);
  outcomes[a.outcome] = (outcomes[a.outcome] ?? 0) + 1;
}
const analyzeMs = performance.now() - start;

const perSec = (count / analyzeMs) * 1000;
console.log(
  `analysis benchmark: ${count} web_connectivity measurements (${pool.length} distinct samples, ${(bytes / 1e6).toFixed(1)} MB of JSON)`,
);
console.log(`  context load (fingerprints + CAs): ${loadMs.toFixed(0)} ms, once`);
console.log(
  `  floor  JSON.parse:          ${parseMs.toFixed(0)} ms (${((parseMs / count) * 1000).toFixed(1)} µs/measurement)`,
);
console.log(
  `  analyzeMeasurement:         ${analyzeMs.toFixed(0)} ms (${((analyzeMs / count) * 1000).toFixed(1)} µs/measurement, ${perSec.toFixed(0)}/s)`,
);
console.log(`  ratio analyze / parse:      ${(analyzeMs / parseMs).toFixed(2)}×`);
console.log(`  1M measurements ≈ ${(1e6 / perSec / 60).toFixed(1)} min on one core`);
console.log(`  outcomes: ${JSON.stringify(outcomes)}`);
