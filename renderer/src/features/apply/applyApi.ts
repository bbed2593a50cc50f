import {
  applyEndpoints,
  type ApplySelection,
  type ApplySignRequest,
  type ApplySubmitRequest,
} from '../../../../electron/backend/apply/contract';
import { endpointClient } from '../../api/endpoint-client';

/** The apply calls, built from the backend's endpoint table. */
const client = endpointClient(applyEndpoints);

export const applyApi = {
  offer: () => client.offer(),
  draft: (selection: ApplySelection) => client.draft({ body: { selection } }),
  sign: (req: ApplySignRequest) => client.sign({ body: req }),
  submit: (req: ApplySubmitRequest) => client.submit({ body: req }),
  receipt: (localRef: string) => client.receipt({ params: { localRef } }),
};
