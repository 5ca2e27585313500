/**
 * The device's queue of check-ins and check-outs made in the field (maybe without signal).
 *
 * Each operation gets its idempotency key when it is made, on the device, and keeps it until the
 * API has answered it: a retry after a lost answer sends the same key, and the API applies it at
 * most once. An answer from the API removes the operation: applied (or replayed) ones are done;
 * one the rules refused becomes a conflict for the organizer to see. No answer (offline, server
 * busy, a 5xx) keeps it for the next try; an expired session keeps it until the person signs in.
 */

export type FieldAction = "check-in" | "check-out";

export type QueuedOperation = {
  key: string;
  eventId: number;
  action: FieldAction;
  participationId?: number;
  code?: string;
  /** When it happened on the device (ISO 8601). */
  occurredAt: string;
  hours?: string;
  /** Who it is about, as the organizer saw it (a name, or the code typed). */
  label: string;
};

export type FieldConflict = { key: string; operation: QueuedOperation; message: string; code: string };

/** One operation's answer from the web app's sync route: the API's status and, when refused, its message. */
export type OperationAnswer = { key: string; status: number; message?: string; code?: string };

export type SendOutcome = { ok: true; answers: OperationAnswer[] } | { ok: false; status: number };

export interface QueueStore {
  operations(eventId: number): Promise<QueuedOperation[]>;
  add(operation: QueuedOperation): Promise<void>;
  remove(key: string): Promise<void>;
  conflicts(eventId: number): Promise<FieldConflict[]>;
  addConflict(conflict: FieldConflict): Promise<void>;
  removeConflict(key: string): Promise<void>;
}

export type Verdict = "done" | "conflict" | "retry" | "session";

/** What an answer's status means for the queued operation. */
export function verdict(status: number): Verdict {
  if (status >= 200 && status < 300) return "done";
  if (status === 401) return "session";
  if (status === 0 || status === 408 || status === 429 || status >= 500) return "retry";
  return "conflict";
}

export type NewOperation = Omit<QueuedOperation, "key" | "occurredAt">;

/** A new operation with its key and time, made on the device. */
export function makeOperation(input: NewOperation, now: Date = new Date(), uuid: () => string = () => crypto.randomUUID()): QueuedOperation {
  return { ...input, key: uuid(), occurredAt: now.toISOString() };
}

export const BATCH_SIZE = 25;

export type FlushResult = { done: number; conflicts: number; remaining: number; stopped?: "offline" | "session" };

/**
 * Send the event's queued operations, oldest first, in batches, until the queue is empty or the
 * network or the session stops it. Operations are removed only once their answer arrived.
 */
export async function flush(store: QueueStore, eventId: number, send: (operations: QueuedOperation[]) => Promise<SendOutcome>): Promise<FlushResult> {
  let done = 0;
  let conflicts = 0;
  for (;;) {
    const pending = sortByTime(await store.operations(eventId));
    if (pending.length === 0) return { done, conflicts, remaining: 0 };
    const batch = pending.slice(0, BATCH_SIZE);
    const outcome = await send(batch).catch((): SendOutcome => ({ ok: false, status: 0 }));
    if (!outcome.ok) {
      const why = verdict(outcome.status) === "session" ? "session" : "offline";
      return { done, conflicts, remaining: pending.length, stopped: why };
    }
    const byKey = new Map(outcome.answers.map((a) => [a.key, a]));
    let progressed = false;
    let session = false;
    for (const operation of batch) {
      const answer = byKey.get(operation.key);
      if (!answer) continue;
      const what = verdict(answer.status);
      if (what === "done") {
        await store.remove(operation.key);
        done += 1;
        progressed = true;
      } else if (what === "conflict") {
        await store.addConflict({ key: operation.key, operation, message: answer.message ?? "Não foi possível registrar.", code: answer.code ?? "conflict" });
        await store.remove(operation.key);
        conflicts += 1;
        progressed = true;
      } else if (what === "session") {
        session = true;
      }
    }
    if (session || !progressed) {
      const remaining = (await store.operations(eventId)).length;
      return { done, conflicts, remaining, stopped: session ? "session" : "offline" };
    }
  }
}

function sortByTime(operations: QueuedOperation[]): QueuedOperation[] {
  return [...operations].sort((a, b) => a.occurredAt.localeCompare(b.occurredAt) || a.key.localeCompare(b.key));
}

/** A participant as the field screen shows them: as last loaded, plus what this device did since. */
export type FieldPerson = { id: number; name: string; code: string; checkedInAt: string | null; checkedOutAt: string | null };

export type PersonState = { person: FieldPerson; arrived: boolean; left: boolean; pending: FieldAction | null };

export function withQueued(people: FieldPerson[], queued: QueuedOperation[]): PersonState[] {
  const byId = new Map<number, QueuedOperation[]>();
  const byCode = new Map<string, QueuedOperation[]>();
  for (const op of queued) {
    if (op.participationId !== undefined) byId.set(op.participationId, [...(byId.get(op.participationId) ?? []), op]);
    else if (op.code) byCode.set(op.code.toUpperCase(), [...(byCode.get(op.code.toUpperCase()) ?? []), op]);
  }
  return people.map((person) => {
    const ops = [...(byId.get(person.id) ?? []), ...(byCode.get(person.code.toUpperCase()) ?? [])];
    const arrived = Boolean(person.checkedInAt) || ops.some((o) => o.action === "check-in");
    const left = Boolean(person.checkedOutAt) || ops.some((o) => o.action === "check-out");
    const last = sortByTime(ops).at(-1);
    return { person, arrived, left, pending: last ? last.action : null };
  });
}
