import { useEffect, useState } from 'react';
import { isAbort } from './api.js';

/** Set the document title for the current page: "<page> – Koers". */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} – Koers` : 'Koers';
  }, [title]);
}

export type AsyncState<T> =
  /** While loading again, `data` holds the previous result (if any) so the page does not jump. */
  | { status: 'loading'; data?: T; error?: undefined }
  | { status: 'success'; data: T; error?: undefined }
  | { status: 'error'; data?: undefined; error: unknown };

/**
 * Load data when the dependencies change; the previous request is aborted.
 * `load` receives an AbortSignal to pass to the API client.
 */
export function useAsync<T>(load: (signal: AbortSignal) => Promise<T>, deps: readonly unknown[]): AsyncState<T> {
  const [state, setState] = useState<AsyncState<T>>({ status: 'loading' });
  useEffect(() => {
    const controller = new AbortController();
    setState((previous) => ({ status: 'loading', data: previous.data }));
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ status: 'success', data });
      },
      (error: unknown) => {
        if (!controller.signal.aborted && !isAbort(error)) setState({ status: 'error', error });
      },
    );
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return state;
}
