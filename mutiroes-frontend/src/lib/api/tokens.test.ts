import { describe, expect, it } from "vitest";
import { fakeJwt } from "@/test/jwt";
import { ACCESS_COOKIE, REFRESH_COOKIE, cookieSecure, isTokenStale, jwtExpiry, secondsUntilExpiry, sessionCookies } from "./tokens";

describe("jwtExpiry", () => {
  it("reads the exp claim", () => {
    expect(jwtExpiry(fakeJwt(1_700_000_000))).toBe(1_700_000_000);
  });
  it("is null for missing or malformed tokens", () => {
    expect(jwtExpiry(undefined)).toBeNull();
    expect(jwtExpiry("not-a-jwt")).toBeNull();
    expect(jwtExpiry("a.%%%.c")).toBeNull();
    expect(jwtExpiry(`x.${Buffer.from('{"exp":"soon"}').toString("base64url")}.y`)).toBeNull();
  });
});

describe("isTokenStale", () => {
  const now = 1_000_000;
  it("is fresh well before expiry", () => {
    expect(isTokenStale(fakeJwt(now + 3600), now)).toBe(false);
  });
  it("is stale within the margin and after expiry", () => {
    expect(isTokenStale(fakeJwt(now + 10), now, 30)).toBe(true);
    expect(isTokenStale(fakeJwt(now - 1), now)).toBe(true);
  });
  it("is stale when missing or unreadable", () => {
    expect(isTokenStale(undefined, now)).toBe(true);
    expect(isTokenStale("garbage", now)).toBe(true);
  });
});

describe("cookies", () => {
  it("are Secure unless explicitly turned off", () => {
    expect(cookieSecure({})).toBe(true);
    expect(cookieSecure({ AUTH_COOKIE_SECURE: "1" })).toBe(true);
    expect(cookieSecure({ AUTH_COOKIE_SECURE: "0" })).toBe(false);
    expect(cookieSecure({ AUTH_COOKIE_SECURE: "false" })).toBe(false);
  });

  it("follow the public URL's scheme when not set explicitly", () => {
    expect(cookieSecure({ PUBLIC_URL: "http://127.0.0.1:8080" })).toBe(false);
    expect(cookieSecure({ PUBLIC_URL: "https://mutiroes.org.br" })).toBe(true);
    expect(cookieSecure({ PUBLIC_URL: "http://localhost", AUTH_COOKIE_SECURE: "1" })).toBe(true);
  });

  it("are httpOnly, SameSite=Lax and live as long as each token", () => {
    const now = 2_000_000;
    const [access, refresh] = sessionCookies({ access: fakeJwt(now + 3600), refresh: fakeJwt(now + 7 * 86400) }, {}, now);
    expect(access).toMatchObject({ name: ACCESS_COOKIE, options: { httpOnly: true, secure: true, sameSite: "lax", path: "/", maxAge: 3600 } });
    expect(refresh).toMatchObject({ name: REFRESH_COOKIE, options: { httpOnly: true, maxAge: 7 * 86400 } });
  });

  it("never gives a negative lifetime", () => {
    expect(secondsUntilExpiry(fakeJwt(10), 100)).toBe(0);
  });
});
