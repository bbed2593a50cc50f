import { useEffect, useState } from 'react';

/** A QR code drawn in the renderer to a data: URL (CSP allows img-src data:). */
export function QrImage({ data, label, testId }: { data: string; label: string; testId?: string }) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void import('qrcode').then((qr) =>
      qr.toDataURL(data, { margin: 1, width: 320, errorCorrectionLevel: 'M' }).then(
        (u) => live && setUrl(u),
        () => live && setUrl(null),
      ),
    );
    return () => {
      live = false;
    };
  }, [data]);
  return url === null ? (
    <p className="progress" role="status">
      …
    </p>
  ) : (
    <img className="qr" src={url} alt={label} width={320} height={320} data-testid={testId} />
  );
}
