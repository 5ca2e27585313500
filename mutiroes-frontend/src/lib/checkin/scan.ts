/** Pure rules of the organizer's QR scanner: what a scan means and when to send it. */

/** Participant codes are short upper-case letters and digits (the API accepts up to 12). */
const CODE = /^[A-Z0-9]{4,12}$/;

/**
 * The participant code in a scanned QR payload, or null when the QR code is not one of ours.
 * The participant's QR code holds just the code; spaces and case are forgiven.
 */
export function codeFromScan(payload: string): string | null {
  const code = payload.replace(/\s+/g, "").toUpperCase();
  return CODE.test(code) ? code : null;
}

/** Seconds during which the same code, still in front of the camera, is not sent again. */
export const REPEAT_WINDOW_MS = 5_000;

/**
 * Remembers when each code was last seen. A code is sent when it has not been seen in the
 * last `windowMs`: holding a QR code in front of the camera sends it once, showing it again
 * after a pause sends it again (the API then says the person already checked in).
 */
export function createRepeatFilter(windowMs = REPEAT_WINDOW_MS): (code: string, nowMs: number) => boolean {
  const lastSeen = new Map<string, number>();
  return (code, nowMs) => {
    for (const [seen, at] of lastSeen) if (nowMs - at >= windowMs) lastSeen.delete(seen);
    const fresh = !lastSeen.has(code);
    lastSeen.set(code, nowMs);
    return fresh;
  };
}

export type CameraSupport = { isSecureContext: boolean; hasGetUserMedia: boolean };

/** Why the camera cannot even be asked for, or null when it can. */
export function cameraUnavailableMessage(support: CameraSupport): string | null {
  if (!support.isSecureContext) {
    return "A câmera só pode ser usada em uma conexão segura (HTTPS). Use o campo “Check-in por código”.";
  }
  if (!support.hasGetUserMedia) return "Este navegador não dá acesso à câmera. Use o campo “Check-in por código”.";
  return null;
}

/** A pt-BR message for a failed getUserMedia call (the error's DOMException name decides). */
export function cameraErrorMessage(error: unknown): string {
  const name = typeof error === "object" && error !== null && "name" in error ? String((error as { name: unknown }).name) : "";
  switch (name) {
    case "NotAllowedError":
    case "PermissionDeniedError":
    case "SecurityError":
      return "Permissão para usar a câmera negada. Libere a câmera nas configurações do navegador ou digite o código do participante.";
    case "NotFoundError":
    case "DevicesNotFoundError":
    case "OverconstrainedError":
      return "Nenhuma câmera encontrada neste aparelho. Digite o código do participante.";
    case "NotReadableError":
    case "TrackStartError":
    case "AbortError":
      return "Não foi possível ligar a câmera: ela pode estar em uso por outro aplicativo. Feche-o e tente de novo, ou digite o código.";
    default:
      return "Não foi possível abrir a câmera. Tente de novo ou digite o código do participante.";
  }
}
