/**
 * What this device keeps for field mode, and forgetting it. The service worker (public/sw.js)
 * keeps pages for offline use only when a page asks (`keepForOffline`), and only for the person
 * signed in (`announceViewer`: another person, or nobody, and the kept pages are dropped).
 * Signing out forgets everything personal: kept pages and the queue (the app's own files and the
 * offline page, the same for everyone, stay).
 */
import { DATABASE_PREFIX } from "./idb-store";

/** The caches the service worker fills; their names start with this. */
export const CACHE_PREFIX = "mutiroes-";
/** The app's own files and the offline page, the same for everyone: kept after a sign-out, so the
 * offline page still answers without signal. */
export const SHARED_CACHE_PREFIX = "mutiroes-static-";

/** The caches a sign-out deletes: every one the service worker filled, except the shared files. */
export function personalCaches(names: string[]): string[] {
  return names.filter((n) => n.startsWith(CACHE_PREFIX) && !n.startsWith(SHARED_CACHE_PREFIX));
}

function post(message: Record<string, unknown>): Promise<unknown> {
  const worker = typeof navigator !== "undefined" ? navigator.serviceWorker : undefined;
  if (!worker) return Promise.resolve(null);
  return worker.ready.then(
    (registration) =>
      new Promise((resolve) => {
        const target = registration.active;
        if (!target) return resolve(null);
        const channel = new MessageChannel();
        channel.port1.onmessage = (event: MessageEvent) => resolve(event.data);
        target.postMessage(message, [channel.port2]);
      }),
  );
}

export function announceViewer(viewerId: number | null): Promise<unknown> {
  return post({ type: "viewer", id: viewerId });
}

/** Ask the service worker to keep this page and the files it loaded, for use without signal. */
export async function keepForOffline(viewerId: number): Promise<boolean> {
  const files = performance
    .getEntriesByType("resource")
    .map((entry) => entry.name)
    .filter((url) => new URL(url).origin === location.origin && new URL(url).pathname.startsWith("/_next/static/"));
  const answer = await post({ type: "keep", viewer: viewerId, page: location.pathname, files });
  return Boolean(answer && typeof answer === "object" && "kept" in answer && (answer as { kept: boolean }).kept);
}

/** Sign-out: the kept pages, the queue and the conflicts of every person on this device. */
export async function forgetDevice(): Promise<void> {
  const steps: Promise<unknown>[] = [post({ type: "forget" })];
  if (typeof caches !== "undefined") {
    steps.push(caches.keys().then((names) => Promise.all(personalCaches(names).map((n) => caches.delete(n)))));
  }
  if (typeof indexedDB !== "undefined" && typeof indexedDB.databases === "function") {
    steps.push(
      indexedDB.databases().then((dbs) =>
        Promise.all(
          dbs
            .map((db) => db.name ?? "")
            .filter((name) => name.startsWith(DATABASE_PREFIX))
            .map(
              (name) =>
                new Promise<void>((resolve) => {
                  const req = indexedDB.deleteDatabase(name);
                  req.onsuccess = req.onerror = req.onblocked = () => resolve();
                }),
            ),
        ),
      ),
    );
  }
  await Promise.allSettled(steps);
}
