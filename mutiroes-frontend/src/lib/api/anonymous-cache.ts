import "server-only";

/**
 * A short-lived memory cache, in this Next server, of the API's 200 answers to GETs made for a
 * visitor with no session and no share token: those answers are the same for every such visitor,
 * so a public page viewed by many people asks the API once per `seconds` instead of once per view.
 *
 * - Only what the caller passes here is cached (client.ts: a GET without a token or share token,
 *   for a call that opts in); only 200 answers are kept, so a 404 (a draft, an unlisted mutirão
 *   without its secret, a removed one) is asked again on every view and a mutirão that becomes
 *   visible shows at once; a throttle's 429 or an error is never shared.
 * - Strict expiry, on the wall clock's seconds like nginx's micro-caches: an answer got during second
 *   S is served until second S + `seconds` starts (with 1, to the end of the second it was got in;
 *   no stale-while-revalidate). So every layer (the API's micro-cache, this one, nginx's cache of
 *   anonymous pages) keeps a thing only to the end of the second it was made in, and a page shown
 *   during second S holds data read from the database during S: staleness < 1 s (with 1).
 * - Concurrent misses for one key make one API call (the others wait for it).
 * - Bounded by the bytes it holds (oldest first out).
 */

type Entry = { expires: number; status: number; headers: Array<[string, string]>; body: ArrayBuffer };

export const ANONYMOUS_CACHE_MAX_BYTES = 32 * 1024 * 1024;

// the body is kept decoded: the wire's framing headers no longer describe it
const BODY_FRAMING = new Set(["content-encoding", "content-length", "transfer-encoding"]);

const entries = new Map<string, Entry>();
const inflight = new Map<string, Promise<Entry | null>>();
let bytes = 0;

function drop(key: string): void {
  const entry = entries.get(key);
  if (!entry) return;
  bytes -= entry.body.byteLength;
  entries.delete(key);
}

function keep(key: string, entry: Entry): void {
  drop(key);
  if (entry.body.byteLength > ANONYMOUS_CACHE_MAX_BYTES / 8) return; // one huge answer never evicts the rest
  entries.set(key, entry);
  bytes += entry.body.byteLength;
  for (const oldest of entries.keys()) {
    if (bytes <= ANONYMOUS_CACHE_MAX_BYTES) break;
    drop(oldest);
  }
}

function answer(entry: Entry): Response {
  return new Response(entry.body.slice(0), { status: entry.status, headers: entry.headers });
}

function fresh(key: string): Entry | undefined {
  const entry = entries.get(key);
  if (entry && entry.expires > Date.now()) return entry;
  if (entry) drop(key);
  return undefined;
}

/** The answer for `key`: from the cache while fresh, else `load()`'s (kept when it is a 200). */
export async function viaAnonymousCache(key: string, seconds: number, load: () => Promise<Response>): Promise<Response> {
  const hit = fresh(key);
  if (hit) return answer(hit);
  const pending = inflight.get(key);
  if (pending) {
    const shared = await pending;
    if (shared) return answer(shared);
    // the call in flight got no 200 (or failed): this view asks for itself
  }
  let settle: (entry: Entry | null) => void = () => {};
  const mine = new Promise<Entry | null>((resolve) => (settle = resolve));
  inflight.set(key, mine);
  try {
    const res = await load();
    if (res.status !== 200) {
      settle(null);
      return res;
    }
    const entry: Entry = { expires: (Math.floor(Date.now() / 1000) + seconds) * 1000, status: res.status, headers: [...res.headers.entries()].filter(([name]) => !BODY_FRAMING.has(name)), body: await res.arrayBuffer() };
    keep(key, entry);
    settle(entry);
    return answer(entry);
  } catch (error) {
    settle(null);
    throw error;
  } finally {
    if (inflight.get(key) === mine) inflight.delete(key);
  }
}

/** Empties the cache (tests). */
export function resetAnonymousCache(): void {
  entries.clear();
  inflight.clear();
  bytes = 0;
}
