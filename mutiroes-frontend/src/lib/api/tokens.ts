/**
 * Pure helpers about JWTs and token pairs. No Next.js imports here so the
 * middleware, the data layer and the unit tests can all use them.
 */

import type { TokenPair } from "./types";

export type { TokenPair };

export const ACCESS_COOKIE = "mut_access";
export const REFRESH_COOKIE = "mut_refresh";

/** Refresh this many seconds before the access token really expires. */
export const EXPIRY_MARGIN_SECONDS = 30;

/** Refresh tokens live 7 days on the API; the cookie lives as long. */
export const REFRESH_MAX_AGE_SECONDS = 7 * 24 * 60 * 60;

function base64UrlDecode(segment: string): string {
  const padded = segment.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(segment.length / 4) * 4, "=");
  return Buffer.from(padded, "base64").toString("utf8");
}

/** The `exp` claim (seconds since the epoch) of a JWT, or null when unreadable. The signature is not checked: the API does that. */
export function jwtExpiry(token: string | undefined | null): number | null {
  if (!token) return null;
  const parts = token.split(".");
  if (parts.length !== 3 || !parts[1]) return null;
  try {
    const payload: unknown = JSON.parse(base64UrlDecode(parts[1]));
    if (payload && typeof payload === "object" && "exp" in payload) {
      const exp = (payload as { exp: unknown }).exp;
      return typeof exp === "number" && Number.isFinite(exp) ? exp : null;
    }
    return null;
  } catch {
    return null;
  }
}

/** True when the token is missing, unreadable or expires within `marginSeconds`. */
export function isTokenStale(
  token: string | undefined | null,
  nowSeconds: number = Math.floor(Date.now() / 1000),
  marginSeconds: number = EXPIRY_MARGIN_SECONDS,
): boolean {
  const exp = jwtExpiry(token);
  if (exp === null) return true;
  return exp - marginSeconds <= nowSeconds;
}

/** Seconds until the token expires (at least 0), used as the cookie's max-age. */
export function secondsUntilExpiry(token: string, nowSeconds: number = Math.floor(Date.now() / 1000)): number {
  const exp = jwtExpiry(token);
  if (exp === null) return 0;
  return Math.max(0, exp - nowSeconds);
}

export type CookieOptions = {
  httpOnly: true;
  secure: boolean;
  sameSite: "lax";
  path: "/";
  maxAge: number;
};

/**
 * Whether the auth cookies carry `Secure`. AUTH_COOKIE_SECURE ("1"/"0") decides
 * when set; otherwise they are Secure unless the public URL the app is served
 * at (PUBLIC_SITE_URL / PUBLIC_URL) is plain http (local runs, the native
 * cluster on a loopback port).
 */
export function cookieSecure(env: Record<string, string | undefined> = process.env): boolean {
  const raw = (env.AUTH_COOKIE_SECURE ?? "").trim().toLowerCase();
  if (["0", "false", "off", "no"].includes(raw)) return false;
  if (["1", "true", "on", "yes"].includes(raw)) return true;
  const publicUrl = (env.PUBLIC_SITE_URL || env.PUBLIC_URL || "").trim().toLowerCase();
  return !publicUrl.startsWith("http://");
}

export function authCookieOptions(maxAge: number, env?: Record<string, string | undefined>): CookieOptions {
  return { httpOnly: true, secure: cookieSecure(env), sameSite: "lax", path: "/", maxAge };
}

/** Both cookies for a fresh token pair, as name/value/options triples. */
export function sessionCookies(
  pair: TokenPair,
  env?: Record<string, string | undefined>,
  nowSeconds?: number,
): Array<{ name: string; value: string; options: CookieOptions }> {
  const refreshAge = secondsUntilExpiry(pair.refresh, nowSeconds) || REFRESH_MAX_AGE_SECONDS;
  return [
    { name: ACCESS_COOKIE, value: pair.access, options: authCookieOptions(secondsUntilExpiry(pair.access, nowSeconds) || 60 * 60, env) },
    { name: REFRESH_COOKIE, value: pair.refresh, options: authCookieOptions(refreshAge, env) },
  ];
}
