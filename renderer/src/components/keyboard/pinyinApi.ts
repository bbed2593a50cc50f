import { pinyinEndpoints } from '../../../../electron/backend/pinyin/contract';
import { endpointClient } from '../../api/endpoint-client';

/** The pinyin input's call, built from the backend's endpoint table. */
const client = endpointClient(pinyinEndpoints);

export const pinyinApi = {
  warm: () => client.warm(),
  candidates: (input: string, page: number, pageSize?: number) =>
    client.candidates({ body: { input, page, ...(pageSize ? { pageSize } : {}) } }),
};
