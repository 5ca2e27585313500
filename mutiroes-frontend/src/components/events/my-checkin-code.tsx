import "server-only";
import { create } from "qrcode";
import type { EventDetail } from "@/lib/api/types";
import { KeepOffline } from "@/components/field/keep-offline";
import { qrPath } from "@/lib/checkin/qr-path";
import { formatTime } from "@/lib/format";

/**
 * The participant's own check-in code, in text and as a QR code drawn on the server (an inline
 * SVG, no script). The organizer scans it in the management panel or types the code. Once the
 * participant is checked in, it says so instead. The page is kept on the device for use without
 * signal (field mode).
 */
export function MyCheckInCode({ event, viewerId }: { event: Pick<EventDetail, "my_participation_code" | "my_checked_in_at">; viewerId: number | null }) {
  // The API sends the code only to a confirmed participant of a published mutirão.
  const code = event.my_participation_code;
  if (!code) return null;
  if (event.my_checked_in_at) {
    return (
      <section aria-labelledby="meu-codigo-titulo" className="card space-y-2 p-5" data-testid="my-checked-in">
        <h2 id="meu-codigo-titulo" className="text-lg font-semibold">
          Check-in feito
        </h2>
        <p className="text-sm text-stone-700">
          Você chegou às <time dateTime={event.my_checked_in_at}>{formatTime(event.my_checked_in_at)}</time>. Bom mutirão!
        </p>
      </section>
    );
  }
  const { modules } = create(code, { errorCorrectionLevel: "M" });
  const { side, d } = qrPath({ size: modules.size, isDark: (row, col) => Boolean(modules.get(row, col)) });
  return (
    <section aria-labelledby="meu-codigo-titulo" className="card space-y-3 p-5 text-center" data-testid="my-checkin-code">
      <h2 id="meu-codigo-titulo" className="text-left text-lg font-semibold">
        Seu código de check-in
      </h2>
      <p className="text-left text-sm text-stone-700">Na chegada, mostre este QR code à organização ou diga o código.</p>
      <svg
        role="img"
        aria-label={`QR code do seu código de check-in: ${code}`}
        viewBox={`0 0 ${side} ${side}`}
        shapeRendering="crispEdges"
        className="mx-auto h-48 w-48 rounded bg-white"
        data-testid="my-checkin-qr"
      >
        <rect width={side} height={side} fill="#ffffff" />
        <path d={d} fill="#000000" />
      </svg>
      <p className="font-mono text-2xl font-bold tracking-widest" data-testid="my-checkin-code-text">
        {code}
      </p>
      {viewerId !== null ? <KeepOffline viewerId={viewerId} /> : null}
    </section>
  );
}
