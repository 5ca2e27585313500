/** Where the Next server reaches the API (never exposed to the browser). */
export function apiBaseUrl(env: Record<string, string | undefined> = process.env): string {
  const raw = env.API_INTERNAL_URL?.trim() || "http://127.0.0.1:8000";
  return raw.replace(/\/+$/, "");
}

/**
 * How long the Next server waits for one API call before giving up (API_TIMEOUT_MS, default 10 s):
 * a slow or stuck API gives the person a pt-BR message and a retry, not an endless "Enviando…".
 */
export function apiTimeoutMs(env: Record<string, string | undefined> = process.env): number {
  const value = Number(env.API_TIMEOUT_MS);
  return Number.isFinite(value) && value > 0 ? value : 10_000;
}

/**
 * How long an anonymous visitor's public read (a mutirão's page and its parts) is shared with
 * every other anonymous visitor in this server's memory (API_ANONYMOUS_CACHE_SECONDS, default 1:
 * to the end of the wall-clock second it was got in, the nginx micro-caches' staleness bound; 0 turns it off). See anonymous-cache.ts.
 */
export function anonymousCacheSeconds(env: Record<string, string | undefined> = process.env): number {
  const raw = env.API_ANONYMOUS_CACHE_SECONDS?.trim();
  const value = raw ? Number(raw) : 1;
  return Number.isFinite(value) && value >= 0 ? value : 1;
}
