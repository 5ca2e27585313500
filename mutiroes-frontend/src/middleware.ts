import { NextResponse, type NextRequest } from "next/server";
import { apiBaseUrl } from "./lib/api/config";
import { apiRefreshFetcher, refreshOnce } from "./lib/api/refresh";
import { SHARE_MAX_AGE_SECONDS, shareCookieName, shareFromPageUrl } from "./lib/api/share";
import { ACCESS_COOKIE, REFRESH_COOKIE, authCookieOptions, isTokenStale, sessionCookies, type CookieOptions } from "./lib/api/tokens";

type OutgoingCookie = { name: string; value: string; options: CookieOptions };

/**
 * Before anything renders:
 * - the share token of an unlisted mutirão's link (`?convite=`) is kept in an httpOnly cookie
 *   for that mutirão, already for this request (see lib/api/share.ts);
 * - the session is kept fresh: when the access token is missing or about to expire and a
 *   refresh token exists, exchange it once and hand the new tokens both to this request (so
 *   Server Components see them) and to the browser (httpOnly cookies);
 * - nginx is told how long it may keep the page for other anonymous visitors (pageCacheStamp).
 */
export async function middleware(request: NextRequest): Promise<NextResponse> {
  const outgoing: OutgoingCookie[] = [];
  const share = shareFromPageUrl(request.nextUrl.pathname, request.nextUrl.searchParams);
  if (share) {
    const name = shareCookieName(share.eventId);
    request.cookies.set(name, share.token);
    outgoing.push({ name, value: share.token, options: authCookieOptions(SHARE_MAX_AGE_SECONDS) });
  }
  outgoing.push(...(await refreshedSession(request)));
  const response = outgoing.length === 0 ? NextResponse.next() : NextResponse.next({ request: { headers: request.headers } });
  for (const c of outgoing) response.cookies.set(c.name, c.value, c.options);
  response.headers.set(PAGE_CACHE_HEADER, pageCacheStamp(request, outgoing));
  return response;
}

/** Read by nginx only (it never forwards X-Accel-* headers), on the routes whose anonymous views it
 * keeps (nginx.conf.template, "pages micro-cache"; nginx makes the decision, this is a second veto). */
const PAGE_CACHE_HEADER = "X-Accel-Expires";

/**
 * A page made for a visitor with no cookie and no credentials may be kept until the end of the
 * wall-clock second its request came in (`@<epoch second>`, like the API's answers: the data it
 * shows was read during that second or later); any other page never (`0`).
 */
function pageCacheStamp(request: NextRequest, outgoing: readonly OutgoingCookie[]): string {
  if (outgoing.length > 0 || request.headers.has("cookie") || request.headers.has("authorization")) return "0";
  return `@${Math.floor(Date.now() / 1000)}`;
}

/** The session cookies to send (also set on the request), or none when the session is fresh or absent. */
async function refreshedSession(request: NextRequest): Promise<OutgoingCookie[]> {
  const access = request.cookies.get(ACCESS_COOKIE)?.value;
  const refresh = request.cookies.get(REFRESH_COOKIE)?.value;
  if (!refresh || (access && !isTokenStale(access))) return [];

  const pair = await refreshOnce(refresh, apiRefreshFetcher(apiBaseUrl()));
  if (!pair) {
    request.cookies.delete(ACCESS_COOKIE);
    request.cookies.delete(REFRESH_COOKIE);
    return [
      { name: ACCESS_COOKIE, value: "", options: authCookieOptions(0) },
      { name: REFRESH_COOKIE, value: "", options: authCookieOptions(0) },
    ];
  }
  const cookies = sessionCookies(pair);
  for (const c of cookies) request.cookies.set(c.name, c.value);
  return cookies;
}

export const config = {
  runtime: "nodejs",
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg|robots.txt|healthz|sw.js|manifest.webmanifest|offline.html|icons/).*)"],
};
