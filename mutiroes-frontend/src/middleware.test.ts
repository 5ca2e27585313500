import { NextRequest } from "next/server";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { fakeJwt } from "@/test/jwt";
import { resetRefreshCache } from "./lib/api/refresh";
import { middleware } from "./middleware";

const now = Math.floor(Date.now() / 1000);
const fetchMock = vi.fn<typeof fetch>();

beforeEach(() => {
  resetRefreshCache();
  fetchMock.mockReset();
  vi.stubGlobal("fetch", fetchMock);
  vi.stubEnv("API_INTERNAL_URL", "http://api.test");
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.unstubAllEnvs();
});

function request(cookies: Record<string, string>, url = "http://localhost/eventos"): NextRequest {
  const header = Object.entries(cookies)
    .map(([k, v]) => `${k}=${v}`)
    .join("; ");
  return new NextRequest(url, { headers: header ? { cookie: header } : {} });
}

describe("middleware", () => {
  it("does nothing for visitors and for fresh sessions", async () => {
    await middleware(request({}));
    await middleware(request({ mut_access: fakeJwt(now + 3600), mut_refresh: fakeJwt(now + 86400) }));
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it("lets nginx keep a page made for a visitor without cookies to the end of this second, and no other", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-12-02T13:00:07.950Z"));
    try {
      const anonymous = await middleware(request({}));
      expect(anonymous.headers.get("X-Accel-Expires")).toBe(`@${Date.UTC(2026, 11, 2, 13, 0, 7) / 1000}`);
      expect(anonymous.headers.getSetCookie()).toEqual([]);
      const session = await middleware(request({ mut_access: fakeJwt(now + 3600), mut_refresh: fakeJwt(now + 86400) }));
      expect(session.headers.get("X-Accel-Expires")).toBe("0");
      expect((await middleware(request({ theme: "dark" }))).headers.get("X-Accel-Expires")).toBe("0");
      const invited = await middleware(request({}, "http://localhost/eventos/7?convite=aaaabbbbccccdddd0001"));
      expect(invited.headers.get("X-Accel-Expires")).toBe("0");
      const bearer = await middleware(new NextRequest("http://localhost/eventos", { headers: { authorization: "Bearer x" } }));
      expect(bearer.headers.get("X-Accel-Expires")).toBe("0");
    } finally {
      vi.useRealTimers();
    }
  });

  it("refreshes an expired access token and hands the new cookies to the page and the browser", async () => {
    const access = fakeJwt(now + 3600, { jti: "new" });
    const refresh = fakeJwt(now + 86400, { jti: "rotated" });
    fetchMock.mockResolvedValueOnce(new Response(JSON.stringify({ access, refresh }), { status: 200 }));
    const response = await middleware(request({ mut_access: fakeJwt(now - 10), mut_refresh: fakeJwt(now + 86400) }));
    const setCookie = response.headers.getSetCookie().join("\n");
    expect(setCookie).toContain(`mut_access=${access}`);
    expect(setCookie).toContain(`mut_refresh=${refresh}`);
    expect(setCookie.toLowerCase()).toContain("httponly");
    expect(setCookie.toLowerCase()).toContain("samesite=lax");
    // the rendering request sees the new token too
    expect(response.headers.get("x-middleware-request-cookie") ?? "").toContain(access);
  });

  it("logs out when the refresh token is no longer valid", async () => {
    fetchMock.mockResolvedValueOnce(new Response(JSON.stringify({ detail: "blacklisted" }), { status: 401 }));
    const response = await middleware(request({ mut_refresh: fakeJwt(now + 86400) }));
    const setCookie = response.headers.getSetCookie().join("\n");
    expect(setCookie).toMatch(/mut_access=;/);
    expect(setCookie).toMatch(/mut_refresh=;/);
  });

  it("keeps an unlisted mutirão's share token for that mutirão, from this very request on", async () => {
    const token = "aaaabbbbccccdddd0001";
    const response = await middleware(request({}, `http://localhost/eventos/42?convite=${token}`));
    const setCookie = response.headers.getSetCookie().join("\n");
    expect(setCookie).toContain(`mut_share_42=${token}`);
    expect(setCookie.toLowerCase()).toContain("httponly");
    expect(response.headers.get("x-middleware-request-cookie") ?? "").toContain(`mut_share_42=${token}`);
    const malformed = await middleware(request({}, "http://localhost/eventos/42?convite=%0D%0Ax"));
    expect(malformed.headers.getSetCookie()).toEqual([]);
    expect(fetchMock).not.toHaveBeenCalled();
  });
});
