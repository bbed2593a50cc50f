/**
 * How a citizen journey asks the backend: its store shows progress while the request runs and the
 * error when it fails, and an answer that arrives after the session changed is dropped.
 */
import type { ApiError, ApiResult } from '../api/client';
import { whileSameSession } from './session-epoch';

/** The part of a journey's store that a request drives. */
export interface RequestStatus {
  busy: boolean;
  error: ApiError | null;
}

export type RunRequest = <T>(request: () => Promise<ApiResult<T>>, onOk: (value: T) => void) => Promise<void>;

/** A `run` for one journey's store; `set` writes its busy flag and error. */
export function requestRunner(set: (status: Partial<RequestStatus>) => void): RunRequest {
  return async (request, onOk) => {
    set({ busy: true, error: null });
    await whileSameSession(request, (r) => {
      set({ busy: false });
      if (r.ok) onOk(r.value);
      else set({ error: r.error });
    });
  };
}
