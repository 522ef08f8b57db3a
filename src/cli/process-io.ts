/** The process's standard streams as the CLI's `Io`: a reader that goes away (`| head`) ends the output quietly. */
import { type Io, OutputClosedError } from './run-command.js';

/**
 * Writes to `stream` until it fails. Writes to pipes, files and terminals are synchronous on Linux, so a
 * failure is known right after the write that met it: `out` then throws `OutputClosedError`, which stops the
 * command (the edge turns a closed pipe into exit 0, any other failure into one line and exit 1). A failure
 * reported later (an asynchronous pipe) only stops further writes: without a listener it would end the process
 * with a stack trace.
 */
function guardedWriter(stream: NodeJS.WriteStream, onFailure: (err: Error) => void): (text: string) => void {
  stream.on('error', () => {}); // the failure is read from `stream.errored` below
  return (text) => {
    if (!stream.errored) stream.write(text);
    if (stream.errored) onFailure(stream.errored);
  };
}

/** The real standard output and error. */
export function createProcessIo(): Io {
  const out = guardedWriter(process.stdout, (err) => {
    throw new OutputClosedError(err);
  });
  // Nowhere is left to report a failure of stderr itself: what would go there is dropped.
  const err = guardedWriter(process.stderr, () => {});
  return { out, err, isTty: Boolean(process.stdout.isTTY) };
}
