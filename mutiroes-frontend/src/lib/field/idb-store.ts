/**
 * The field queue kept in the browser's IndexedDB, one database per signed-in person
 * (`mutiroes-campo-<id>`): another person on the same device never sees or sends it, and signing
 * out deletes it (device.ts).
 */
import type { FieldConflict, QueueStore, QueuedOperation } from "./queue";

export const DATABASE_PREFIX = "mutiroes-campo-";
const OPERATIONS = "operations";
const CONFLICTS = "conflicts";

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function open(viewerId: number): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(`${DATABASE_PREFIX}${viewerId}`, 1);
    req.onupgradeneeded = () => {
      const db = req.result;
      db.createObjectStore(OPERATIONS, { keyPath: "key" }).createIndex("eventId", "eventId");
      db.createObjectStore(CONFLICTS, { keyPath: "key" }).createIndex("eventId", "operation.eventId");
    };
    req.onsuccess = () => {
      // Signing out deletes this database: let it go at once instead of blocking the deletion.
      req.result.onversionchange = () => req.result.close();
      resolve(req.result);
    };
    req.onerror = () => reject(req.error);
  });
}

export function indexedDbStore(viewerId: number): QueueStore {
  let db: Promise<IDBDatabase> | null = null;
  const store = async (name: string, mode: IDBTransactionMode) => {
    db ??= open(viewerId);
    return (await db).transaction(name, mode).objectStore(name);
  };
  const byEvent = async <T>(name: string, eventId: number) => request((await store(name, "readonly")).index("eventId").getAll(eventId) as IDBRequest<T[]>);
  return {
    operations: (eventId) => byEvent<QueuedOperation>(OPERATIONS, eventId),
    add: async (operation) => void (await request((await store(OPERATIONS, "readwrite")).put(operation))),
    remove: async (key) => void (await request((await store(OPERATIONS, "readwrite")).delete(key))),
    conflicts: (eventId) => byEvent<FieldConflict>(CONFLICTS, eventId),
    addConflict: async (conflict) => void (await request((await store(CONFLICTS, "readwrite")).put(conflict))),
    removeConflict: async (key) => void (await request((await store(CONFLICTS, "readwrite")).delete(key))),
  };
}
