import { create } from 'zustand';
import type { PostTo } from '../../../../electron/backend/apply/contract';
import type { ApplyDelivery } from '../../../../electron/backend/apply/contract';
import { regionEndpoints } from '../../../../electron/backend/regions/contract';
import { endpointClient } from '../../api/endpoint-client';
import { onNewSession } from '../../state/session-epoch';

/** The region list's call (the central's codes, through the kiosk). */
export const regionsApi = endpointClient(regionEndpoints);

/**
 * Another postal address than the card's, as the citizen fills it in: the recipient's name and the
 * address typed on the one keyboard, the region picked from the central's codes. Personal data:
 * kept for this session only, like the rest of the application.
 */
export interface PostToState {
  /** 'card': the card's address (with a building and room added); 'other': the fields below. */
  to: 'card' | 'other';
  recipientName: string;
  /** The district picked, then the street within it (the finer one is sent). */
  districtCode: string | null;
  streetCode: string | null;
  detail: string;
  /** Which field the keyboard types into. */
  field: 'name' | 'detail';
}

const fresh = (): PostToState => ({
  to: 'card',
  recipientName: '',
  districtCode: null,
  streetCode: null,
  detail: '',
  field: 'name',
});

export const usePostToStore = create<PostToState>()(fresh);
onNewSession(() => usePostToStore.setState(fresh(), true));

export const MAX_RECIPIENT_NAME = 30;
export const MAX_ADDRESS_DETAIL = 60;

export function postTo(to: PostToState['to']): void {
  usePostToStore.setState({ to });
}
export function pickDistrict(code: string): void {
  usePostToStore.setState({ districtCode: code, streetCode: null });
}
export function pickStreet(code: string): void {
  usePostToStore.setState({ streetCode: code });
}
export function typeInto(field: PostToState['field']): void {
  usePostToStore.setState({ field });
}
export function setRecipientName(name: string): void {
  usePostToStore.setState({ recipientName: name.slice(0, MAX_RECIPIENT_NAME) });
}
export function setPostDetail(detail: string): void {
  usePostToStore.setState({ detail: detail.slice(0, MAX_ADDRESS_DETAIL) });
}

/**
 * The submission's part for another address: present whenever the citizen chose one, complete or
 * not, so an incomplete one is refused plainly rather than posted to the card's address.
 */
export function postToRequest(delivery: ApplyDelivery): { postTo: PostTo } | Record<string, never> {
  const s = usePostToStore.getState();
  if (delivery !== 'post' || s.to !== 'other') return {};
  const name = s.recipientName.trim();
  return {
    postTo: {
      regionCode: s.streetCode ?? s.districtCode ?? '',
      detail: s.detail,
      ...(name ? { recipientName: name } : {}),
    },
  };
}
