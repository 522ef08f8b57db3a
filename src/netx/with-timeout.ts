/** Races a promise against a step timer: a dropped SYN or ClientHello otherwise raises nothing for minutes. */
import { timeoutError } from './classify.js';

/** Resolves like `work`, or rejects with a timeout error after `ms`; `onTimeout` releases what `work` holds. */
export function withTimeout<T>(
  work: Promise<T>,
  ms: number,
  what: string,
  onTimeout?: () => void,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      onTimeout?.();
      reject(timeoutError(what, ms));
    }, ms);
    work.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}
