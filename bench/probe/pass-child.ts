/**
 * One pass of bench/probe in a process of its own, so that each pass starts cold as a CLI run does, neither warming
 * the other's code, and its peak RSS is its own: `pass-child.ts probe|bare URLS RTT_MS RESULT_FILE` writes the
 * pass's figures (passes.ts) to RESULT_FILE as JSON.
 */
import { writeFileSync } from 'node:fs';
import { barePass, probePass } from './passes.js';

const [kind, urls, rtt, resultFile] = process.argv.slice(2);
if (!(kind === 'probe' || kind === 'bare') || !resultFile)
  throw new Error('usage: pass-child.ts probe|bare URLS RTT_MS RESULT_FILE');
const result = await (kind === 'probe' ? probePass : barePass)(Number(urls), Number(rtt));
writeFileSync(resultFile, JSON.stringify(result));
