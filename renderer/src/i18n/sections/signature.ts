import type { Strings } from '../strings';

/**
 * The signature pad of the commitments step in both languages. zh-CN.ts and en.ts mount it under
 * `signature`. The commitment's own wording is not here: the backend holds it with its version,
 * because the signature is bound to that exact text.
 */
export const signatureZh = {
  heading: '签名确认',
  hint: '请用手指在方框内写下您的姓名。签名即表示您作出以上承诺。',
  pad: '签名区：请用手指在这里签名',
  undo: '撤销一笔',
  clear: '清除',
  confirm: '我承诺，确认签名',
  checking: '正在保存签名…',
  blank: '方框内还没有签名，请用手指写下您的姓名。',
  tooSmall: '签名太小或只有一个点，请在方框内写下您的姓名。',
  version: '承诺书版本：{{version}}',
  signedAt: '已于 {{time}} 签名',
  image: '您的签名',
  again: '重新签名',
};

export const signatureEn: Strings<typeof signatureZh> = {
  heading: 'Sign to confirm',
  hint: 'Write your name in the box with your finger. By signing you make the commitments above.',
  pad: 'Signature box: sign here with your finger',
  undo: 'Undo stroke',
  clear: 'Clear',
  confirm: 'I promise: confirm my signature',
  checking: 'Saving the signature…',
  blank: 'There is no signature in the box yet; please write your name with your finger.',
  tooSmall: 'The signature is too small or only a dot; please write your name in the box.',
  version: 'Commitment version: {{version}}',
  signedAt: 'Signed at {{time}}',
  image: 'Your signature',
  again: 'Sign again',
};
