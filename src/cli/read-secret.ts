/** A secret given on standard input (`--password-stdin`), never on the command line where `ps` would show it. */
import { InvalidInputError } from '../shared/errors.js';

/** Reads standard input to its end and takes off one trailing line break. */
export async function readSecretFromStdin(stream: NodeJS.ReadableStream = process.stdin): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  const text = Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
  if (text === '') throw new InvalidInputError('no password on standard input (--password-stdin)');
  return text;
}
