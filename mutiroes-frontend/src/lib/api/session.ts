import "server-only";
import { cookies } from "next/headers";
import { apiBaseUrl } from "./config";
import { apiRefreshFetcher, refreshOnce } from "./refresh";
import { ACCESS_COOKIE, REFRESH_COOKIE, authCookieOptions, isTokenStale, sessionCookies, type TokenPair } from "./tokens";

/** Writes both auth cookies. Works in Server Actions and Route Handlers; silently ignored while rendering. */
export async function storeSession(pair: TokenPair): Promise<boolean> {
  const jar = await cookies();
  try {
    for (const { name, value, options } of sessionCookies(pair)) jar.set(name, value, options);
    return true;
  } catch {
    return false;
  }
}

export async function clearSession(): Promise<void> {
  const jar = await cookies();
  try {
    jar.set(ACCESS_COOKIE, "", authCookieOptions(0));
    jar.set(REFRESH_COOKIE, "", authCookieOptions(0));
  } catch {
    // Rendering a Server Component: cookies are read-only there; the middleware cleans up on the next request.
  }
}

export async function readTokens(): Promise<{ access?: string; refresh?: string }> {
  const jar = await cookies();
  return { access: jar.get(ACCESS_COOKIE)?.value || undefined, refresh: jar.get(REFRESH_COOKIE)?.value || undefined };
}

/** True when this request carries a session cookie (not a guarantee the tokens are still valid). */
export async function hasSession(): Promise<boolean> {
  const { access, refresh } = await readTokens();
  return Boolean(access || refresh);
}

/** A usable access token, refreshing (once, shared) when the current one is stale. */
export async function currentAccessToken(): Promise<string | undefined> {
  const { access, refresh } = await readTokens();
  if (access && !isTokenStale(access)) return access;
  if (!refresh) return undefined;
  return refreshAccessToken(refresh);
}

export async function refreshAccessToken(refresh: string): Promise<string | undefined> {
  const pair = await refreshOnce(refresh, apiRefreshFetcher(apiBaseUrl()));
  if (!pair) {
    await clearSession();
    return undefined;
  }
  await storeSession(pair);
  return pair.access;
}
