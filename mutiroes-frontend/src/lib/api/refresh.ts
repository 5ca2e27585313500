/**
 * Exchanging a refresh token for a new pair. The API rotates refresh tokens
 * and blacklists the old one, so two concurrent requests must never both
 * spend the same refresh token: calls are de-duplicated per token inside this
 * process and the result is remembered for a short while.
 */
import type { TokenPair } from "./tokens";

type Entry = { promise: Promise<TokenPair | null>; at: number };

const REMEMBER_MS = 60_000;

const globalKey = Symbol.for("mutiroes.refreshInFlight");
type GlobalWithRefresh = typeof globalThis & { [globalKey]?: Map<string, Entry> };

function inFlight(): Map<string, Entry> {
  const g = globalThis as GlobalWithRefresh;
  g[globalKey] ??= new Map<string, Entry>();
  return g[globalKey];
}

export type RefreshFetcher = (refresh: string) => Promise<TokenPair | null>;

export function apiRefreshFetcher(baseUrl: string, fetchImpl: typeof fetch = fetch): RefreshFetcher {
  return async (refresh) => {
    try {
      const res = await fetchImpl(`${baseUrl}/api/auth/token/refresh/`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify({ refresh }),
        cache: "no-store",
      });
      if (!res.ok) return null;
      const body: unknown = await res.json();
      if (body && typeof body === "object" && "access" in body && typeof body.access === "string") {
        const next = "refresh" in body && typeof body.refresh === "string" ? body.refresh : refresh;
        return { access: body.access, refresh: next };
      }
      return null;
    } catch {
      return null;
    }
  };
}

/** Refresh once per refresh token; concurrent and near-simultaneous callers share the result. */
export function refreshOnce(refresh: string, fetcher: RefreshFetcher, now: number = Date.now()): Promise<TokenPair | null> {
  const map = inFlight();
  for (const [key, entry] of map) {
    if (now - entry.at > REMEMBER_MS) map.delete(key);
  }
  const existing = map.get(refresh);
  if (existing) return existing.promise;
  const promise = fetcher(refresh);
  map.set(refresh, { promise, at: now });
  return promise;
}

/** For tests. */
export function resetRefreshCache(): void {
  inFlight().clear();
}
