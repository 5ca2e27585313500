/**
 * Exchanging a refresh token for a new pair. The API rotates refresh tokens
 * and blacklists the old one, so two concurrent requests must never both
 * spend the same refresh token: calls in flight are de-duplicated per token
 * inside this process. Nothing is remembered once the call settles: a
 * just-rotated (possibly stolen) refresh token must not yield the new pair.
 */
import type { TokenPair } from "./tokens";
import { apiTimeoutMs } from "./config";

const globalKey = Symbol.for("mutiroes.refreshInFlight");
type GlobalWithRefresh = typeof globalThis & { [globalKey]?: Map<string, Promise<TokenPair | null>> };

function inFlight(): Map<string, Promise<TokenPair | null>> {
  const g = globalThis as GlobalWithRefresh;
  g[globalKey] ??= new Map<string, Promise<TokenPair | null>>();
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
        signal: AbortSignal.timeout(apiTimeoutMs()),
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

/** Refresh once per refresh token; concurrent callers share the call in flight, and only that. */
export function refreshOnce(refresh: string, fetcher: RefreshFetcher): Promise<TokenPair | null> {
  const map = inFlight();
  const existing = map.get(refresh);
  if (existing) return existing;
  const promise = fetcher(refresh).finally(() => map.delete(refresh));
  map.set(refresh, promise);
  return promise;
}

/** How many refreshes are in flight (tests). */
export function refreshesInFlight(): number {
  return inFlight().size;
}

/** For tests. */
export function resetRefreshCache(): void {
  inFlight().clear();
}
