import { handwritingEndpoints } from '../../../../electron/backend/handwriting/contract';
import { endpointClient } from '../../api/endpoint-client';

/** Handwriting recognition's call, built from the backend's endpoint table. */
const client = endpointClient(handwritingEndpoints);

export type PadStroke = [number, number][];

export const handwritingApi = {
  recognise: (strokes: PadStroke[], limit?: number) => client.recognise({ body: { strokes, limit } }),
};
