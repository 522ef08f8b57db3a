/**
 * Compiles the bundled fingerprints' automaton into dist/fingerprint-automaton.bin (run by `npm run build`), so
 * that commands read it instead of compiling it at every start (src/analysis/fingerprints/automaton-file.ts).
 */
import { BUNDLED_AUTOMATON_FILE, writeAutomatonFile } from '../src/analysis/fingerprints/automaton-file.js';
import { readBundledFingerprints } from '../src/analysis/fingerprints/fingerprint-db.js';

const db = readBundledFingerprints();
writeAutomatonFile(BUNDLED_AUTOMATON_FILE, db.bodyAutomaton);
console.log(`wrote ${BUNDLED_AUTOMATON_FILE} (${db.bodyAutomaton.literals.length} literals)`);
