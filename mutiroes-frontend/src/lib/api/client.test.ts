import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { fakeJwt } from "@/test/jwt";
import { ANONYMOUS_CACHE_MAX_BYTES, resetAnonymousCache } from "./anonymous-cache";
import { resetRefreshCache } from "./refresh";
import { ACCESS_COOKIE, REFRESH_COOKIE } from "./tokens";

/** A cookie jar like next/headers' one; `readOnly` mimics rendering a Server Component. */
const jar = {
  values: new Map<string, string>(),
  readOnly: false,
  sets: [] as Array<{ name: string; value: string; options: Record<string, unknown> }>,
  get(name: string) {
    const value = this.values.get(name);
    return value === undefined ? undefined : { name, value };
  },
  set(name: string, value: string, options: Record<string, unknown>) {
    if (this.readOnly) throw new Error("Cookies can only be modified in a Server Action or Route Handler.");
    this.sets.push({ name, value, options });
    if (value) this.values.set(name, value);
    else this.values.delete(name);
  },
};

/** The incoming page request's headers, as nginx sets them. */
const incoming = new Headers({ "x-real-ip": "203.0.113.7", "x-request-id": "req-1" });

vi.mock("next/headers", () => ({ cookies: async () => jar, headers: async () => incoming }));

const { ApiRefusedError, SHARED_PAGE_HEADER, SharedPageLoadError, apiClient, publicReadClient, result } = await import("./client");

const now = Math.floor(Date.now() / 1000);
const fetchMock = vi.fn<typeof fetch>();

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

function authOf(call: unknown[]): string | undefined {
  const init = call[1] as RequestInit | undefined;
  return new Headers(init?.headers).get("Authorization") ?? undefined;
}

const listEvents = () => result(apiClient().GET("/api/events/"));
const me = () => result(apiClient().GET("/api/users/me/"));
const join = () => result(apiClient().POST("/api/events/{event_id}/join/", { params: { path: { event_id: 1 } }, body: {} }));

beforeEach(() => {
  jar.values.clear();
  jar.sets = [];
  jar.readOnly = false;
  resetRefreshCache();
  resetAnonymousCache();
  fetchMock.mockReset();
  vi.stubGlobal("fetch", fetchMock);
  vi.stubEnv("API_INTERNAL_URL", "http://api.test");
  vi.stubEnv("AUTH_COOKIE_SECURE", "");
  vi.stubEnv("PUBLIC_URL", "");
  vi.stubEnv("PUBLIC_SITE_URL", "");
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.unstubAllEnvs();
});

describe("the typed client", () => {
  it("passes the visitor's address and request id on, except on a cached public GET (one cache entry for every visit)", async () => {
    fetchMock.mockResolvedValue(json(200, []));
    await listEvents();
    await result(apiClient({ auth: false, revalidate: 300 }).GET("/api/categories/"));
    expect(fetchMock).toHaveBeenCalledTimes(2);
    const [live, cached] = fetchMock.mock.calls.map((call) => (call[1] ?? {}) as RequestInit & { next?: { revalidate?: number } });
    if (!live || !cached) throw new Error("two calls expected");
    expect(new Headers(live.headers).get("X-Forwarded-For")).toBe("203.0.113.7");
    expect(new Headers(live.headers).get("X-Request-ID")).toBe("req-1");
    expect(live.cache).toBe("no-store");
    expect(new Headers(cached.headers).get("X-Forwarded-For")).toBeNull();
    expect(new Headers(cached.headers).get("X-Request-ID")).toBeNull();
    expect(cached.next).toEqual({ revalidate: 300 });
  });

  it("calls the API anonymously without cookies", async () => {
    fetchMock.mockResolvedValueOnce(json(200, { count: 0, results: [] }));
    const answer = await result(apiClient().GET("/api/events/", { params: { query: { q: "praia" } } }));
    expect(answer).toEqual({ ok: true, status: 200, data: { count: 0, results: [] } });
    expect(fetchMock.mock.calls[0]?.[0]).toBe("http://api.test/api/events/?q=praia");
    expect(authOf(fetchMock.mock.calls[0]!)).toBeUndefined();
  });

  it("sends a fresh access token as Bearer", async () => {
    const access = fakeJwt(now + 3600);
    jar.values.set(ACCESS_COOKIE, access);
    fetchMock.mockResolvedValueOnce(json(200, { id: 1 }));
    await me();
    expect(authOf(fetchMock.mock.calls[0]!)).toBe(`Bearer ${access}`);
  });

  it("refreshes a stale access token before the call and stores the rotated pair", async () => {
    const refresh = fakeJwt(now + 86400, { jti: "old" });
    const newAccess = fakeJwt(now + 3600, { jti: "a2" });
    const newRefresh = fakeJwt(now + 7 * 86400, { jti: "r2" });
    jar.values.set(ACCESS_COOKIE, fakeJwt(now - 5));
    jar.values.set(REFRESH_COOKIE, refresh);
    fetchMock.mockResolvedValueOnce(json(200, { access: newAccess, refresh: newRefresh })).mockResolvedValueOnce(json(200, { id: 1 }));

    const answer = await me();

    expect(answer.ok).toBe(true);
    expect(fetchMock.mock.calls[0]?.[0]).toBe("http://api.test/api/auth/token/refresh/");
    expect(authOf(fetchMock.mock.calls[1]!)).toBe(`Bearer ${newAccess}`);
    expect(jar.sets.map((s) => [s.name, s.value, s.options.httpOnly, s.options.secure, s.options.sameSite])).toEqual([
      [ACCESS_COOKIE, newAccess, true, true, "lax"],
      [REFRESH_COOKIE, newRefresh, true, true, "lax"],
    ]);
  });

  it("refreshes and retries once when the API answers 401", async () => {
    jar.values.set(ACCESS_COOKIE, fakeJwt(now + 3600, { jti: "revoked" }));
    jar.values.set(REFRESH_COOKIE, fakeJwt(now + 86400));
    const newAccess = fakeJwt(now + 3600, { jti: "ok" });
    fetchMock
      .mockResolvedValueOnce(json(401, { detail: "Token inválido", code: "token_not_valid" }))
      .mockResolvedValueOnce(json(200, { access: newAccess, refresh: fakeJwt(now + 86400, { jti: "r3" }) }))
      .mockResolvedValueOnce(json(201, { status: "confirmed" }));

    const answer = await join();

    expect(answer).toEqual({ ok: true, status: 201, data: { status: "confirmed" } });
    expect(authOf(fetchMock.mock.calls[2]!)).toBe(`Bearer ${newAccess}`);
  });

  it("clears the session when the refresh token is revoked, and retries a GET anonymously", async () => {
    jar.values.set(ACCESS_COOKIE, fakeJwt(now + 3600));
    jar.values.set(REFRESH_COOKIE, fakeJwt(now + 86400));
    fetchMock
      .mockResolvedValueOnce(json(401, { detail: "expirado" }))
      .mockResolvedValueOnce(json(401, { detail: "Token is blacklisted" }))
      .mockResolvedValueOnce(json(200, { count: 1, results: [] }));

    const answer = await listEvents();

    expect(answer.ok).toBe(true);
    expect(authOf(fetchMock.mock.calls[2]!)).toBeUndefined();
    expect(jar.values.size).toBe(0);
  });

  it("does not fail while rendering, where cookies are read-only", async () => {
    jar.values.set(REFRESH_COOKIE, fakeJwt(now + 86400));
    jar.readOnly = true;
    const newAccess = fakeJwt(now + 3600);
    fetchMock.mockResolvedValueOnce(json(200, { access: newAccess, refresh: fakeJwt(now + 86400, { jti: "x" }) })).mockResolvedValueOnce(json(200, { id: 7 }));
    const answer = await me();
    expect(answer).toMatchObject({ ok: true, data: { id: 7 } });
    expect(authOf(fetchMock.mock.calls[1]!)).toBe(`Bearer ${newAccess}`);
  });

  it("returns the API's error in one shape, and a network failure as status 0", async () => {
    fetchMock.mockResolvedValueOnce(json(409, { detail: "Você já está inscrito neste mutirão.", code: "already_joined" }));
    const conflict = await join();
    expect(conflict).toEqual({ ok: false, status: 409, error: { status: 409, message: "Você já está inscrito neste mutirão.", code: "already_joined", fields: {} } });

    fetchMock.mockRejectedValueOnce(new TypeError("fetch failed"));
    const down = await listEvents();
    expect(down).toMatchObject({ ok: false, status: 0 });
  });

  it("sends JSON bodies with pt-BR language", async () => {
    fetchMock.mockResolvedValueOnce(json(201, { id: 3 }));
    await result(apiClient({ auth: false }).POST("/api/events/{event_id}/cancel/", { params: { path: { event_id: 3 } }, body: { reason: "X" } }));
    const init = fetchMock.mock.calls[0]?.[1] as RequestInit;
    expect(fetchMock.mock.calls[0]?.[0]).toBe("http://api.test/api/events/3/cancel/");
    expect(new TextDecoder().decode(init.body as ArrayBuffer)).toBe('{"reason":"X"}');
    const headers = new Headers(init.headers);
    expect([headers.get("Content-Type"), headers.get("Accept-Language")]).toEqual(["application/json", "pt-BR"]);
  });

  it("fails loudly when the API refuses the web app itself (a Host outside DJANGO_ALLOWED_HOSTS)", async () => {
    const refused = () => new Response("<!doctype html><title>Bad Request (400)</title><h1>Bad Request (400)</h1>", { status: 400, headers: { "Content-Type": "text/html" } });
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    fetchMock.mockResolvedValueOnce(refused());
    await expect(listEvents()).rejects.toBeInstanceOf(ApiRefusedError);
    fetchMock.mockResolvedValueOnce(refused());
    await expect(me()).rejects.toThrow("DJANGO_ALLOWED_HOSTS");
    expect(logged).toHaveBeenCalledTimes(2);
    logged.mockRestore();
    // the API's own 400s stay form errors
    fetchMock.mockResolvedValueOnce(json(400, { detail: "Confira os dados.", code: "invalid", errors: { emergency_contact: ["Longo demais."] } }));
    const answer = await join();
    expect(answer.ok).toBe(false);
  });

  it("sends an unlisted mutirão's share token with the calls about it only", async () => {
    jar.values.set("mut_share_7", "aaaabbbbccccdddd0001");
    fetchMock.mockImplementation(async () => json(200, {}));
    await result(apiClient().GET("/api/events/{event_id}/comments/", { params: { path: { event_id: 7 } } }));
    await result(apiClient().GET("/api/events/{event_id}/", { params: { path: { event_id: 8 } } }));
    await listEvents();
    const sent = fetchMock.mock.calls.map((call) => new Headers((call[1] as RequestInit).headers).get("X-Share-Token"));
    expect(sent).toEqual(["aaaabbbbccccdddd0001", null, null]);
  });

  it("gives up on a slow API after API_TIMEOUT_MS with a pt-BR message (no endless wait)", async () => {
    vi.stubEnv("API_TIMEOUT_MS", "30");
    // An API that never answers: only the web app's timeout ends the call.
    fetchMock.mockImplementation(
      (_url, init) =>
        new Promise<Response>((_resolve, reject) => {
          init?.signal?.addEventListener("abort", () => reject(init.signal?.reason));
        }),
    );
    const answer = await listEvents();
    expect(answer).toEqual({
      ok: false,
      status: 0,
      error: { status: 0, message: "O servidor demorou demais para responder. Tente novamente em instantes.", fields: {} },
    });
    const init = fetchMock.mock.calls[0]?.[1] as RequestInit;
    expect(init.signal).toBeInstanceOf(AbortSignal);
  });
});

describe("anonymous public reads (a mutirão's page)", () => {
  const event = (id = 7) => result(publicReadClient().GET("/api/events/{event_id}/", { params: { path: { event_id: id } } }));
  const comments = (page: number) =>
    result(publicReadClient().GET("/api/events/{event_id}/comments/", { params: { path: { event_id: 7 }, query: { page, page_size: 100 } } }));

  it("shares a 200 answer among anonymous visitors: same data, one API call, the visitor's address on it", async () => {
    fetchMock.mockImplementation(async () => json(200, { id: 7, title: "Limpeza" }));
    const first = await event();
    const second = await event();
    expect(second).toEqual(first);
    expect(first).toEqual({ ok: true, status: 200, data: { id: 7, title: "Limpeza" } });
    expect(fetchMock).toHaveBeenCalledTimes(1);
    const init = (fetchMock.mock.calls[0]?.[1] ?? {}) as RequestInit & { next?: unknown };
    expect(new Headers(init.headers).get("X-Forwarded-For")).toBe("203.0.113.7");
    expect(init.cache).toBe("no-store");
    expect(init.next).toBeUndefined();
  });

  it("keys on the whole URL: another mutirão or another page is its own call", async () => {
    fetchMock.mockImplementation(async () => json(200, { count: 0, results: [] }));
    await comments(1);
    await comments(2);
    await event(7);
    await event(8);
    await comments(1);
    expect(fetchMock).toHaveBeenCalledTimes(4);
  });

  it("asks again once the answer is API_ANONYMOUS_CACHE_SECONDS old (strict expiry, no stale answer)", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-12-02T13:00:07.000Z"));
    vi.stubEnv("API_ANONYMOUS_CACHE_SECONDS", "10");
    fetchMock.mockImplementationOnce(async () => json(200, { title: "antes" })).mockImplementation(async () => json(200, { title: "depois" }));
    expect(await event()).toMatchObject({ data: { title: "antes" } });
    vi.advanceTimersByTime(9_999);
    expect(await event()).toMatchObject({ data: { title: "antes" } });
    vi.advanceTimersByTime(1);
    expect(await event()).toMatchObject({ data: { title: "depois" } });
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });

  it("keeps an answer only to the end of the wall-clock second it was got in (with 1 s, the default)", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-12-02T13:00:07.900Z"));
    fetchMock.mockImplementationOnce(async () => json(200, { title: "antes" })).mockImplementation(async () => json(200, { title: "depois" }));
    expect(await event()).toMatchObject({ data: { title: "antes" } });
    vi.advanceTimersByTime(99);
    expect(await event()).toMatchObject({ data: { title: "antes" } });
    vi.advanceTimersByTime(1);
    expect(await event()).toMatchObject({ data: { title: "depois" } });
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });

  it("never keeps an answer other than 200: a hidden mutirão's 404, a throttle's 429, an error", async () => {
    fetchMock
      .mockImplementationOnce(async () => json(404, { detail: "Mutirão não encontrado." }))
      .mockImplementationOnce(async () => json(429, { detail: "Muitas requisições." }))
      .mockImplementationOnce(async () => {
        throw new TypeError("fetch failed");
      })
      .mockImplementation(async () => json(200, { id: 7 }));
    expect((await event()).status).toBe(404);
    expect((await event()).status).toBe(429);
    expect((await event()).status).toBe(0);
    expect((await event()).status).toBe(200);
    expect((await event()).status).toBe(200);
    expect(fetchMock).toHaveBeenCalledTimes(4);
  });

  it("is never used with a session, with a share token, for other calls, or when turned off", async () => {
    fetchMock.mockImplementation(async () => json(200, { id: 7 }));
    jar.values.set(ACCESS_COOKIE, fakeJwt(now + 3600));
    await event();
    await event();
    jar.values.clear();
    jar.values.set("mut_share_7", "aaaabbbbccccdddd0001");
    await event();
    await event();
    jar.values.clear();
    await listEvents();
    await listEvents();
    vi.stubEnv("API_ANONYMOUS_CACHE_SECONDS", "0");
    await event(9);
    await event(9);
    expect(fetchMock).toHaveBeenCalledTimes(8);
    expect(authOf(fetchMock.mock.calls[0] ?? [])).toMatch(/^Bearer /);
    expect(new Headers((fetchMock.mock.calls[2]?.[1] as RequestInit).headers).get("X-Share-Token")).toBe("aaaabbbbccccdddd0001");
  });

  it("does not serve a session's or a share token's answer to anonymous visitors", async () => {
    fetchMock.mockImplementation(async (_url, init) => json(200, { viewer: new Headers(init?.headers).has("Authorization") ? "member" : "anonymous" }));
    jar.values.set(ACCESS_COOKIE, fakeJwt(now + 3600));
    expect(await event()).toMatchObject({ data: { viewer: "member" } });
    jar.values.clear();
    expect(await event()).toMatchObject({ data: { viewer: "anonymous" } });
  });

  it("makes one API call for concurrent anonymous views of the same thing", async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    fetchMock.mockImplementation(async () => {
      await gate;
      return json(200, { id: 7 });
    });
    const views = [event(), event(), event()];
    release();
    const answers = await Promise.all(views);
    expect(answers.every((a) => a.ok && (a.data as { id: number }).id === 7)).toBe(true);
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it("holds at most ANONYMOUS_CACHE_MAX_BYTES (oldest out first)", async () => {
    const big = "x".repeat(ANONYMOUS_CACHE_MAX_BYTES / 10);
    fetchMock.mockImplementation(async () => json(200, { big }));
    for (let id = 1; id <= 12; id++) await event(id);
    await event(12); // kept
    expect(fetchMock).toHaveBeenCalledTimes(12);
    await event(1); // evicted
    expect(fetchMock).toHaveBeenCalledTimes(13);
  });
});

describe("a page view nginx may show to every anonymous visitor (the pages micro-cache)", () => {
  afterEach(() => {
    incoming.delete(SHARED_PAGE_HEADER);
  });

  it("is not rendered with a failure of the moment or of one visitor: the call throws, so the page answers 500 and nginx keeps nothing", async () => {
    incoming.set(SHARED_PAGE_HEADER, "1");
    const momentary: Array<() => Promise<Response>> = [
      async () => json(429, { detail: "Muitas requisições.", code: "throttled" }),
      async () => json(503, { detail: "Serviço temporariamente indisponível.", code: "unavailable" }),
      async () => json(500, { detail: "Erro." }),
      async () => json(408, { detail: "Tempo esgotado." }),
      async () => {
        throw new TypeError("fetch failed");
      },
    ];
    for (const answer of momentary) {
      fetchMock.mockImplementationOnce(answer);
      const error = await listEvents().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SharedPageLoadError);
    }
    expect(fetchMock).toHaveBeenCalledTimes(momentary.length);
  });

  it("still renders an answer that is the same for everyone: the data, a 404, a refused filter", async () => {
    incoming.set(SHARED_PAGE_HEADER, "1");
    fetchMock
      .mockResolvedValueOnce(json(200, { count: 0, results: [] }))
      .mockResolvedValueOnce(json(404, { detail: "Mutirão não encontrado.", code: "not_found" }))
      .mockResolvedValueOnce(json(400, { detail: "Dados inválidos.", code: "invalid", errors: { starts_before: ["Período invertido."] } }));
    expect(await listEvents()).toMatchObject({ ok: true, status: 200 });
    expect(await listEvents()).toMatchObject({ ok: false, status: 404 });
    expect(await listEvents()).toMatchObject({ ok: false, status: 400 });
  });

  it("a view for one visitor (no header, or any other value) still gets its failure as a result", async () => {
    for (const value of [undefined, "0", "true"]) {
      if (value === undefined) incoming.delete(SHARED_PAGE_HEADER);
      else incoming.set(SHARED_PAGE_HEADER, value);
      fetchMock.mockResolvedValueOnce(json(429, { detail: "Muitas requisições.", code: "throttled" }));
      expect(await listEvents()).toMatchObject({ ok: false, status: 429 });
    }
  });
});
