import { NextResponse, type NextRequest } from "next/server";
import { apiBaseUrl } from "./lib/api/config";
import { apiRefreshFetcher, refreshOnce } from "./lib/api/refresh";
import { ACCESS_COOKIE, REFRESH_COOKIE, authCookieOptions, isTokenStale, sessionCookies } from "./lib/api/tokens";

/**
 * Keeps the session fresh before anything renders: when the access token is
 * missing or about to expire and a refresh token exists, exchange it once and
 * hand the new tokens both to this request (so Server Components see them)
 * and to the browser (httpOnly cookies).
 */
export async function middleware(request: NextRequest): Promise<NextResponse> {
  const access = request.cookies.get(ACCESS_COOKIE)?.value;
  const refresh = request.cookies.get(REFRESH_COOKIE)?.value;
  if (!refresh || (access && !isTokenStale(access))) return NextResponse.next();

  const pair = await refreshOnce(refresh, apiRefreshFetcher(apiBaseUrl()));
  if (!pair) {
    request.cookies.delete(ACCESS_COOKIE);
    request.cookies.delete(REFRESH_COOKIE);
    const response = NextResponse.next({ request: { headers: request.headers } });
    response.cookies.set(ACCESS_COOKIE, "", authCookieOptions(0));
    response.cookies.set(REFRESH_COOKIE, "", authCookieOptions(0));
    return response;
  }
  const cookies = sessionCookies(pair);
  for (const c of cookies) request.cookies.set(c.name, c.value);
  const response = NextResponse.next({ request: { headers: request.headers } });
  for (const c of cookies) response.cookies.set(c.name, c.value, c.options);
  return response;
}

export const config = {
  runtime: "nodejs",
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg|robots.txt|healthz).*)"],
};
