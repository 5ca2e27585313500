/**
 * Unlisted mutirões: their link carries a share token (`/eventos/12?convite=…`); the id alone
 * opens nothing on the API. The middleware keeps the token of a link someone opened in an
 * httpOnly cookie for that mutirão, and the data layer sends it (`X-Share-Token`) with every
 * call about that mutirão: its page, comments, photos, calendar file, and the actions taken on it.
 * Pure helpers (no Next.js imports): the middleware, the data layer and the tests share them.
 */

export const SHARE_PARAM = "convite";
export const SHARE_MAX_AGE_SECONDS = 90 * 24 * 60 * 60;

const TOKEN = /^[A-Za-z0-9_-]{16,64}$/;
const EVENT_PAGE = /^\/eventos\/([1-9][0-9]{0,17})(?:\/|$)/;
const EVENT_API = /^\/api\/events\/([1-9][0-9]{0,17})(?:\/|$)/;

export function shareCookieName(eventId: string): string {
  return `mut_share_${eventId}`;
}

/** The mutirão and token of a page URL that carries a well-formed share token, else null. */
export function shareFromPageUrl(pathname: string, search: URLSearchParams): { eventId: string; token: string } | null {
  const match = EVENT_PAGE.exec(pathname);
  const token = search.get(SHARE_PARAM);
  if (!match?.[1] || !token || !TOKEN.test(token)) return null;
  return { eventId: match[1], token };
}

/** The cookie that holds the share token for an API path about one mutirão, else null. */
export function shareCookieForApiPath(path: string): string | null {
  const match = EVENT_API.exec(path);
  return match?.[1] ? shareCookieName(match[1]) : null;
}

/** The share token to send, if the cookie holds a well-formed one. */
export function shareTokenFromCookie(value: string | undefined): string | null {
  return value && TOKEN.test(value) ? value : null;
}

/** The link an organizer shares for an unlisted mutirão. */
export function shareLink(base: string, eventId: number, token: string): string {
  return `${base}/eventos/${eventId}?${SHARE_PARAM}=${encodeURIComponent(token)}`;
}
