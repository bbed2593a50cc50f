import { createHash } from 'node:crypto';
import type { VerifyProofResponse } from './contract';
import { writtenDate } from './content';

/**
 * The public verification page a certificate's QR code opens on a phone. It says the paper is
 * genuine and what it is; the only personal thing on it is the masked name, as printed.
 */
const STYLE = `
body{font-family:"WenQuanYi Zen Hei","Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;margin:0;background:#f4f5f7;color:#1a1a1a}
main{max-width:34rem;margin:2rem auto;padding:1.5rem;background:#fff;border-radius:.75rem;box-shadow:0 1px 4px #0002}
h1{font-size:1.4rem;margin:.2rem 0 1rem}
.ok h1{color:#0a7a3b}.none h1{color:#8a1c1c}
.en{color:#555;font-size:.9rem}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.5rem 1rem;margin:0}
dt{color:#555}dd{margin:0;font-weight:600}
footer{margin-top:1.25rem;font-size:.8rem;color:#666}
`;

/** The inline style is allowed by its hash, so the page needs no second request and no 'unsafe-inline'. */
export const VERIFY_PAGE_HEADERS = {
  'content-security-policy':
    `default-src 'none'; style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'; ` +
    "frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  // A forged code must not be cached as "not found" by a proxy in front of a genuine one, nor the reverse.
  'cache-control': 'no-store',
  'x-robots-tag': 'noindex',
} as const;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

function page(kind: 'ok' | 'none', title: string, body: string): string {
  return (
    '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width,initial-scale=1">' +
    `<title>${title}</title><style>${STYLE}</style></head>` +
    `<body><main class="${kind}">${body}</main></body></html>`
  );
}

export function renderGenuinePage(proof: VerifyProofResponse): string {
  const rows: [string, string, string][] = [
    [
      '证明名称',
      'Certificate',
      `${escapeHtml(proof.itemName.zh)}<br><span class="en">${escapeHtml(proof.itemName.en)}</span>`,
    ],
    ['证明对象', 'Holder', escapeHtml(proof.holderMaskedName)],
    ['出具地点', 'Issued at', escapeHtml(proof.hallName)],
    ['出具日期', 'Issued on', `${writtenDate(proof.issuedOn)} <span class="en">${proof.issuedOn}</span>`],
    ['验证码', 'Code', escapeHtml(proof.verificationCode)],
  ];
  return page(
    'ok',
    '证明验证 Verify a certificate',
    '<h1>✔ 此证明真实有效<br><span class="en">This certificate is genuine</span></h1><dl>' +
      rows
        .map(([zh, en, value]) => `<dt>${zh} <span class="en">${en}</span></dt><dd>${value}</dd>`)
        .join('') +
      '</dl><footer>请核对纸质证明上的内容与本页一致。Check that the paper says the same as this page.</footer>',
  );
}

/** One page for every code that is not a certificate's: unknown, mistyped or malformed alike. */
export const NOT_FOUND_PAGE = page(
  'none',
  '证明验证 Verify a certificate',
  '<h1>未找到该证明<br><span class="en">No certificate has this code</span></h1>' +
    '<p>请核对验证码是否与纸质证明上的一致，或到政务服务大厅窗口咨询。</p>' +
    '<p class="en">Check the code against the paper, or ask at a window of the service hall.</p>',
);
