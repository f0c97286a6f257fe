import { useEffect, useRef } from 'react';
import QRCode from 'qrcode';

/** A QR code of `text` drawn on a canvas (real pixels: a phone camera, and the tests, read it). */
export function QrCode({ text, size, label, testId }: { text: string; size: number; label: string; testId: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    QRCode.toCanvas(canvas.current, text, { width: size, margin: 2, errorCorrectionLevel: 'M' }).catch(() => {
      // A text too long for a QR code: the link next to it still works.
    });
  }, [text, size]);
  return <canvas ref={canvas} className="qr-code" data-testid={testId} role="img" aria-label={label} width={size} height={size} />;
}
