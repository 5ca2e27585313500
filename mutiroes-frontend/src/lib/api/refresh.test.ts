import { afterEach, describe, expect, it, vi } from "vitest";
import { apiRefreshFetcher, refreshOnce, resetRefreshCache } from "./refresh";

afterEach(() => resetRefreshCache());

describe("refreshOnce", () => {
  it("spends a refresh token only once for concurrent callers", async () => {
    const fetcher = vi.fn(async (r: string) => ({ access: `access-for-${r}`, refresh: `${r}-rotated` }));
    const [a, b, c] = await Promise.all([refreshOnce("r1", fetcher), refreshOnce("r1", fetcher), refreshOnce("r1", fetcher)]);
    expect(fetcher).toHaveBeenCalledTimes(1);
    expect(a).toEqual({ access: "access-for-r1", refresh: "r1-rotated" });
    expect(b).toBe(a);
    expect(c).toBe(a);
  });

  it("remembers the result briefly, then forgets it", async () => {
    const fetcher = vi.fn(async () => ({ access: "a", refresh: "b" }));
    await refreshOnce("r2", fetcher, 1_000);
    await refreshOnce("r2", fetcher, 30_000);
    expect(fetcher).toHaveBeenCalledTimes(1);
    await refreshOnce("r2", fetcher, 120_000);
    expect(fetcher).toHaveBeenCalledTimes(2);
  });

  it("keeps different refresh tokens apart", async () => {
    const fetcher = vi.fn(async (r: string) => ({ access: r, refresh: r }));
    await Promise.all([refreshOnce("x", fetcher), refreshOnce("y", fetcher)]);
    expect(fetcher).toHaveBeenCalledTimes(2);
  });
});

describe("apiRefreshFetcher", () => {
  it("posts the refresh token and returns the rotated pair", async () => {
    const fetchImpl = vi.fn(async () => new Response(JSON.stringify({ access: "new-a", refresh: "new-r" }), { status: 200 }));
    const pair = await apiRefreshFetcher("http://api", fetchImpl as unknown as typeof fetch)("old-r");
    expect(pair).toEqual({ access: "new-a", refresh: "new-r" });
    const [url, init] = fetchImpl.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe("http://api/api/auth/token/refresh/");
    expect(init.method).toBe("POST");
    expect(JSON.parse(String(init.body))).toEqual({ refresh: "old-r" });
  });

  it("keeps the old refresh token when the API does not rotate", async () => {
    const fetchImpl = vi.fn(async () => new Response(JSON.stringify({ access: "new-a" }), { status: 200 }));
    expect(await apiRefreshFetcher("http://api", fetchImpl as unknown as typeof fetch)("old-r")).toEqual({ access: "new-a", refresh: "old-r" });
  });

  it("returns null for a revoked token or a network error", async () => {
    const revoked = vi.fn(async () => new Response(JSON.stringify({ detail: "Token is blacklisted" }), { status: 401 }));
    expect(await apiRefreshFetcher("http://api", revoked as unknown as typeof fetch)("r")).toBeNull();
    const down = vi.fn(async () => {
      throw new TypeError("fetch failed");
    });
    expect(await apiRefreshFetcher("http://api", down as unknown as typeof fetch)("r")).toBeNull();
  });
});
