/** Loads API data for a component: state is loading, an error, or the data; stale answers are dropped. */
import { useEffect, useState } from 'preact/hooks';

export type Loaded<T> =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ok'; data: T };

const LOADING = { status: 'loading' } as const;

/** Runs `load` whenever `key` changes. */
export function useApi<T>(load: () => Promise<T>, key: string): Loaded<T> {
  const [state, setState] = useState<{ key: string; value: Loaded<T> }>({ key, value: LOADING });
  useEffect(() => {
    let live = true;
    setState({ key, value: LOADING });
    load().then(
      (data) => live && setState({ key, value: { status: 'ok', data } }),
      (err: unknown) =>
        live &&
        setState({
          key,
          value: { status: 'error', message: err instanceof Error ? err.message : String(err) },
        }),
    );
    return () => {
      live = false;
    };
  }, [key]);
  // The first render under a new key comes before the effect above: it must not show the previous key's answer
  // (another filter's rows, another edition's scores) as if it were this one's.
  return state.key === key ? state.value : LOADING;
}
