import { afterEach, describe, expect, it, vi } from "vitest";
import { apiRefreshFetcher, refreshesInFlight, refreshOnce, resetRefreshCache } from "./refresh";

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

  it("forgets a refresh token as soon as its call settles", async () => {
    // A stolen, just-rotated refresh token used to yield the victim's new pair for 60 s.
    const fetcher = vi.fn(async (r: string) => (r === "r2" && fetcher.mock.calls.length === 1 ? { access: "a", refresh: "b" } : null));
    expect(await refreshOnce("r2", fetcher)).toEqual({ access: "a", refresh: "b" });
    expect(refreshesInFlight()).toBe(0);
    expect(await refreshOnce("r2", fetcher)).toBeNull();
    expect(fetcher).toHaveBeenCalledTimes(2);
  });

  it("forgets a failed call too", async () => {
    const fetcher = vi.fn(async () => {
      throw new Error("down");
    });
    await expect(refreshOnce("r3", fetcher)).rejects.toThrow("down");
    expect(refreshesInFlight()).toBe(0);
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
