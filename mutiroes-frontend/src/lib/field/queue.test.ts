import { describe, expect, it } from "vitest";
import { BATCH_SIZE, flush, makeOperation, verdict, withQueued, type FieldConflict, type QueueStore, type QueuedOperation, type SendOutcome } from "./queue";

class MemoryStore implements QueueStore {
  ops = new Map<string, QueuedOperation>();
  bad = new Map<string, FieldConflict>();
  async operations(eventId: number) {
    return [...this.ops.values()].filter((o) => o.eventId === eventId);
  }
  async add(operation: QueuedOperation) {
    this.ops.set(operation.key, operation);
  }
  async remove(key: string) {
    this.ops.delete(key);
  }
  async conflicts(eventId: number) {
    return [...this.bad.values()].filter((c) => c.operation.eventId === eventId);
  }
  async addConflict(conflict: FieldConflict) {
    this.bad.set(conflict.key, conflict);
  }
  async removeConflict(key: string) {
    this.bad.delete(key);
  }
}

let n = 0;
const op = (fields: Partial<QueuedOperation> = {}): QueuedOperation =>
  makeOperation({ eventId: 7, action: "check-in", participationId: ++n, label: `Pessoa ${n}`, ...fields }, new Date(Date.UTC(2026, 0, 1, 9, 0, n)), () => `k-${n}`);

/** A server that answers each operation with the status `statusFor` gives it, and records what it saw. */
function server(statusFor: (o: QueuedOperation) => number) {
  const seen: string[][] = [];
  const send = async (batch: QueuedOperation[]): Promise<SendOutcome> => {
    seen.push(batch.map((o) => o.key));
    return { ok: true, answers: batch.map((o) => ({ key: o.key, status: statusFor(o), message: statusFor(o) === 409 ? "Já fez check-in." : undefined, code: statusFor(o) === 409 ? "already_checked_in" : undefined })) };
  };
  return { send, seen };
}

describe("the field queue", () => {
  it("gives each operation its own key and the time it was made", () => {
    const at = new Date("2026-03-01T12:34:56Z");
    const a = makeOperation({ eventId: 1, action: "check-in", participationId: 3, label: "Ana" }, at);
    const b = makeOperation({ eventId: 1, action: "check-in", participationId: 3, label: "Ana" }, at);
    expect(a.key).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.key).not.toBe(b.key);
    expect(a.occurredAt).toBe("2026-03-01T12:34:56.000Z");
  });

  it("sends the queue oldest first and empties it when everything is applied", async () => {
    const store = new MemoryStore();
    const [first, second] = [op(), op()];
    await store.add(second!);
    await store.add(first!);
    const { send, seen } = server(() => 200);
    expect(await flush(store, 7, send)).toEqual({ done: 2, conflicts: 0, remaining: 0 });
    expect(seen).toEqual([[first!.key, second!.key]]);
    expect(store.ops.size).toBe(0);
  });

  it("keeps everything, with the same keys, while the network is down", async () => {
    const store = new MemoryStore();
    const a = op();
    await store.add(a);
    const down = async (): Promise<SendOutcome> => {
      throw new TypeError("Failed to fetch");
    };
    expect(await flush(store, 7, down)).toEqual({ done: 0, conflicts: 0, remaining: 1, stopped: "offline" });
    const { send, seen } = server(() => 200);
    await flush(store, 7, send);
    expect(seen).toEqual([[a.key]]); // the retry carries the key made offline
  });

  it("keeps an operation whose answer was lost or was a server error, and sends it again later", async () => {
    const store = new MemoryStore();
    const [a, b] = [op(), op()];
    await store.add(a);
    await store.add(b);
    const lost = async (batch: QueuedOperation[]): Promise<SendOutcome> => ({ ok: true, answers: [{ key: batch[0]!.key, status: 200 }, { key: batch[1]!.key, status: 503 }] });
    expect(await flush(store, 7, lost)).toEqual({ done: 1, conflicts: 0, remaining: 1, stopped: "offline" });
    expect([...store.ops.keys()]).toEqual([b.key]);
  });

  it("turns a refusal by the rules into a conflict for the organizer", async () => {
    const store = new MemoryStore();
    const [a, b] = [op(), op({ label: "Bia" })];
    await store.add(a);
    await store.add(b);
    const { send } = server((o) => (o.key === b.key ? 409 : 200));
    expect(await flush(store, 7, send)).toEqual({ done: 1, conflicts: 1, remaining: 0 });
    expect(await store.conflicts(7)).toEqual([{ key: b.key, operation: b, message: "Já fez check-in.", code: "already_checked_in" }]);
  });

  it("stops on an expired session and keeps the queue for after signing in", async () => {
    const store = new MemoryStore();
    await store.add(op());
    expect(await flush(store, 7, async () => ({ ok: false, status: 401 }))).toEqual({ done: 0, conflicts: 0, remaining: 1, stopped: "session" });
    const { send } = server(() => 401);
    expect((await flush(store, 7, send)).stopped).toBe("session");
    expect(store.ops.size).toBe(1);
  });

  it("sends in batches and only the event's own operations", async () => {
    const store = new MemoryStore();
    for (let i = 0; i < BATCH_SIZE + 3; i++) await store.add(op());
    const other = op({ eventId: 8 });
    await store.add(other);
    const { send, seen } = server(() => 200);
    expect(await flush(store, 7, send)).toEqual({ done: BATCH_SIZE + 3, conflicts: 0, remaining: 0 });
    expect(seen.map((b) => b.length)).toEqual([BATCH_SIZE, 3]);
    expect([...store.ops.keys()]).toEqual([other.key]);
  });

  it("classifies answers", () => {
    expect([200, 401, 0, 429, 502, 400, 404, 409, 422].map(verdict)).toEqual(["done", "session", "retry", "retry", "retry", "conflict", "conflict", "conflict", "conflict"]);
  });

  it("shows the people with what this device did since the list was loaded", () => {
    const people = [
      { id: 1, name: "Ana", code: "AAAA1111", checkedInAt: null, checkedOutAt: null },
      { id: 2, name: "Bia", code: "BBBB2222", checkedInAt: "2026-01-01T09:00:00Z", checkedOutAt: null },
      { id: 3, name: "Caio", code: "CCCC3333", checkedInAt: null, checkedOutAt: null },
    ];
    const queued = [op({ participationId: 1 }), op({ participationId: 2, action: "check-out" }), op({ participationId: undefined, code: "cccc3333" })];
    expect(withQueued(people, queued).map((s) => [s.person.name, s.arrived, s.left, s.pending])).toEqual([
      ["Ana", true, false, "check-in"],
      ["Bia", true, true, "check-out"],
      ["Caio", true, false, "check-in"],
    ]);
  });
});
