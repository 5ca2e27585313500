"use client";

import dynamic from "next/dynamic";
import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from "react";
import type { FormState } from "@/lib/form-state";
import { keepForOffline } from "@/lib/field/device";
import { indexedDbStore } from "@/lib/field/idb-store";
import { flush, makeOperation, withQueued, type FieldConflict, type FieldPerson, type NewOperation, type OperationAnswer, type QueuedOperation, type SendOutcome } from "@/lib/field/queue";
import { attendanceBody } from "@/lib/field/sync-request";
import { formatTime } from "@/lib/format";
import { parseNumberBR } from "@/lib/numbers";
import { foldText } from "@/lib/text";

const loadScanner = () => import("@/components/manage/qr-scanner").then((m) => m.QrScanner);
const QrScanner = dynamic(loadScanner, {
  ssr: false,
  loading: () => (
    <p role="status" className="text-sm text-stone-700">
      Carregando o leitor…
    </p>
  ),
});

const RETRY_MS = 20_000;
const ACTION_LABEL = { "check-in": "check-in", "check-out": "check-out" } as const;

type Props = { eventId: number; viewerId: number; people: FieldPerson[] };

/**
 * The organizer's check-in screen in the field: the participant list, the QR scanner and the
 * search work on this device, with or without signal. Every check-in and check-out goes to the
 * device's queue first (IndexedDB, with its idempotency key) and is sent whenever there is
 * signal; what the API refused is listed for the organizer.
 */
export function FieldCheckIn({ eventId, viewerId, people }: Props) {
  const store = useMemo(() => indexedDbStore(viewerId), [viewerId]);
  const [queued, setQueued] = useState<QueuedOperation[]>([]);
  const [conflicts, setConflicts] = useState<FieldConflict[]>([]);
  const [online, setOnline] = useState(true);
  const [sending, setSending] = useState(false);
  const [sessionExpired, setSessionExpired] = useState(false);
  // Kept for use without signal: yes, no, not yet known, or this copy is the kept one (opened offline).
  const [ready, setReady] = useState<boolean | "offline" | null>(null);
  const [query, setQuery] = useState("");
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const [scanning, setScanning] = useState(false);
  const flushing = useRef(false);
  const scanToggle = useRef<HTMLButtonElement>(null);

  const reload = useCallback(async () => {
    const [ops, bad] = await Promise.all([store.operations(eventId), store.conflicts(eventId)]);
    setQueued(ops);
    setConflicts(bad);
  }, [store, eventId]);

  const send = useCallback(
    async (operations: QueuedOperation[]): Promise<SendOutcome> => {
      const response = await fetch(`/eventos/${eventId}/campo/sincronizar`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ operations: operations.map(attendanceBody) }),
      });
      if (!response.ok) return { ok: false, status: response.status };
      const data = (await response.json()) as { answers: OperationAnswer[] };
      return { ok: true, answers: data.answers };
    },
    [eventId],
  );

  const sync = useCallback(async () => {
    if (flushing.current) return;
    flushing.current = true;
    setSending(true);
    try {
      const result = await flush(store, eventId, send);
      setSessionExpired(result.stopped === "session");
      if (result.done > 0) void keepForOffline(viewerId).then(setReady, () => setReady(false)); // the kept page, as it is now
    } finally {
      flushing.current = false;
      setSending(false);
      await reload();
    }
  }, [store, eventId, send, reload, viewerId]);

  useEffect(() => {
    void reload();
    setOnline(navigator.onLine);
    const up = () => {
      setOnline(true);
      void sync();
    };
    const down = () => setOnline(false);
    window.addEventListener("online", up);
    window.addEventListener("offline", down);
    if (!navigator.onLine) setReady("offline");
    else {
      void sync();
      // The scanner's code (and its QR decoder) is loaded now, so it is kept with the page and
      // opens without signal.
      void Promise.all([loadScanner(), import("jsqr")])
        .then(() => keepForOffline(viewerId))
        .then(setReady, () => setReady(false));
    }
    const timer = window.setInterval(() => {
      if (navigator.onLine) void sync();
    }, RETRY_MS);
    return () => {
      window.removeEventListener("online", up);
      window.removeEventListener("offline", down);
      window.clearInterval(timer);
    };
  }, [reload, sync, viewerId]);

  const enqueue = useCallback(
    async (input: Omit<NewOperation, "eventId">) => {
      await store.add(makeOperation({ ...input, eventId }));
      await reload();
      if (navigator.onLine) void sync();
    },
    [store, eventId, reload, sync],
  );

  const states = withQueued(people, queued);
  const q = foldText(query.trim());
  const shown = q ? states.filter((s) => foldText(s.person.name).includes(q) || s.person.code.toLowerCase().includes(q)) : states;
  const arrivedCount = states.filter((s) => s.arrived).length;

  const byCode = useCallback(
    async (raw: string): Promise<FormState> => {
      const code = raw.trim().toUpperCase();
      if (!code) return { ok: false, message: "Digite o código do participante." };
      const state = withQueued(people, queued).find((s) => s.person.code.toUpperCase() === code);
      if (state?.arrived) return { ok: false, message: `${state.person.name} já fez check-in.` };
      if (state) {
        await enqueue({ action: "check-in", participationId: state.person.id, label: state.person.name });
        return { ok: true, message: `Check-in de ${state.person.name} registrado.` };
      }
      await enqueue({ action: "check-in", code, label: `código ${code}` });
      return { ok: true, message: `Código ${code} guardado: não está na lista deste aparelho e será conferido ao enviar.` };
    },
    [people, queued, enqueue],
  );

  const submitCode = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const input = event.currentTarget.elements.namedItem("codigo-campo") as HTMLInputElement;
    const state = await byCode(input.value);
    setNote({ ok: Boolean(state.ok), text: state.message ?? "" });
    if (state.ok) input.value = "";
  };

  const saveHours = async (event: FormEvent<HTMLFormElement>, person: FieldPerson) => {
    event.preventDefault();
    const input = event.currentTarget.elements.namedItem("horas") as HTMLInputElement;
    const hours = parseNumberBR(input.value, { max: 24, decimals: 2 });
    if (!hours.ok || hours.value === null) {
      setNote({ ok: false, text: `Horas de ${person.name}: ${hours.ok ? "informe as horas." : hours.error}` });
      return;
    }
    await enqueue({ action: "check-out", participationId: person.id, hours: hours.value.toFixed(2), label: person.name });
    setNote({ ok: true, text: `Horas de ${person.name} registradas.` });
  };

  const dismiss = async (key: string) => {
    await store.removeConflict(key);
    await reload();
  };

  const pending = queued.length;
  return (
    <div className="space-y-5">
      <div className={`card space-y-1 p-4 ${online ? "" : "border-amber-300 bg-amber-50"}`}>
        <p role="status" className="font-medium" data-testid="field-status">
          {!online
            ? `Sem conexão. ${pending === 1 ? "1 registro guardado" : `${pending} registros guardados`} neste aparelho, para enviar quando o sinal voltar.`
            : sessionExpired
              ? `Sua sessão expirou: entre de novo para enviar ${pending === 1 ? "1 registro guardado" : `${pending} registros guardados`}.`
              : pending > 0
                ? sending
                  ? `Enviando ${pending === 1 ? "1 registro" : `${pending} registros`}…`
                  : `${pending === 1 ? "1 registro aguardando envio" : `${pending} registros aguardando envio`}.`
                : "Tudo enviado."}
        </p>
        <p className="text-sm text-stone-700" data-testid="field-ready">
          {ready === "offline"
            ? "Aberta sem internet: a lista é a que este aparelho guardou."
            : ready === true
              ? "Esta tela funciona sem internet neste aparelho."
              : ready === false
                ? "Não foi possível guardar esta tela para uso sem internet."
                : "Preparando esta tela para uso sem internet…"}
        </p>
        {sessionExpired ? (
          <p className="text-sm">
            <a href={`/entrar?next=${encodeURIComponent(`/eventos/${eventId}/campo`)}`}>Entrar de novo</a>
          </p>
        ) : null}
      </div>

      {conflicts.length ? (
        <section aria-labelledby="conflitos-titulo" className="card space-y-2 border-red-200 p-4" data-testid="field-conflicts">
          <h2 id="conflitos-titulo" className="font-semibold text-red-800">
            Não foi possível registrar
          </h2>
          <ul className="divide-y divide-stone-200 text-sm">
            {conflicts.map((c) => (
              <li key={c.key} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <span>
                  <span className="font-medium">{c.operation.label}</span> ({ACTION_LABEL[c.operation.action]} às {formatTime(c.operation.occurredAt)}): {c.message}
                </span>
                <button type="button" className="btn-ghost btn-sm" onClick={() => void dismiss(c.key)}>
                  Dispensar
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="codigo-titulo" className="card space-y-3 p-4">
        <h2 id="codigo-titulo" className="font-semibold">
          Check-in por código ou QR
        </h2>
        <div className="flex flex-wrap items-end gap-2">
          <form onSubmit={(e) => void submitCode(e)} className="flex items-end gap-2" aria-label="Check-in por código">
            <div>
              <label htmlFor="codigo-campo" className="text-xs font-medium text-stone-700">
                Código do participante
              </label>
              <input id="codigo-campo" name="codigo-campo" className="input w-40 font-mono uppercase" autoComplete="off" maxLength={12} />
            </div>
            <button type="submit" className="btn-secondary">
              Registrar chegada
            </button>
          </form>
          <button
            ref={scanToggle}
            type="button"
            className="btn-secondary"
            aria-expanded={scanning}
            aria-controls="leitor-qr-campo"
            onClick={() => setScanning((open) => !open)}
          >
            {scanning ? "Fechar leitor" : "Escanear QR"}
          </button>
        </div>
        {note ? (
          <p role={note.ok ? "status" : "alert"} className={`text-sm ${note.ok ? "text-brand-800" : "text-red-700"}`} data-testid="field-note">
            {note.text}
          </p>
        ) : null}
        <div id="leitor-qr-campo">
          {scanning ? (
            <QrScanner
              action={async (_prev, form) => byCode(String(form.get("code") ?? ""))}
              onClose={() => {
                setScanning(false);
                scanToggle.current?.focus();
              }}
            />
          ) : null}
        </div>
      </section>

      <section aria-labelledby="lista-titulo" className="card">
        <div className="space-y-2 border-b border-stone-200 p-4">
          <h2 id="lista-titulo" className="font-semibold">
            Participantes confirmados ({arrivedCount} de {people.length} chegaram)
          </h2>
          <label htmlFor="busca-campo" className="text-xs font-medium text-stone-700">
            Buscar pelo nome ou código
          </label>
          <input id="busca-campo" type="search" className="input" autoComplete="off" value={query} onChange={(e) => setQuery(e.target.value)} />
        </div>
        {shown.length === 0 ? <p className="p-4 text-sm text-stone-600">{people.length ? "Ninguém com esse nome ou código." : "Nenhum participante confirmado."}</p> : null}
        <ul className="divide-y divide-stone-200">
          {shown.map(({ person, arrived, left, pending: waiting }) => (
            <li key={person.id} className="flex flex-wrap items-center justify-between gap-3 p-4" data-testid={`field-person-${person.id}`}>
              <div className="min-w-0">
                <p className="font-semibold">{person.name}</p>
                <p className="text-xs text-stone-600">
                  Código <span className="font-mono font-semibold text-stone-800">{person.code}</span> ·{" "}
                  <span data-testid="field-person-state">
                    {left ? "Saiu" : arrived ? "Chegou" : "Ainda não chegou"}
                    {waiting ? " (aguardando envio)" : ""}
                  </span>
                </p>
              </div>
              <div className="flex flex-wrap items-end gap-2">
                {!arrived ? (
                  <button type="button" className="btn-primary btn-sm" aria-label={`Fazer check-in de ${person.name}`} onClick={() => void enqueue({ action: "check-in", participationId: person.id, label: person.name })}>
                    Fazer check-in
                  </button>
                ) : null}
                {arrived && !left ? (
                  <button type="button" className="btn-secondary btn-sm" aria-label={`Fazer check-out de ${person.name}`} onClick={() => void enqueue({ action: "check-out", participationId: person.id, label: person.name })}>
                    Fazer check-out
                  </button>
                ) : null}
                {arrived ? (
                  <form onSubmit={(e) => void saveHours(e, person)} className="flex items-end gap-2" aria-label={`Horas de ${person.name}`}>
                    <div>
                      <label htmlFor={`horas-${person.id}`} className="text-xs font-medium text-stone-700">
                        Horas
                      </label>
                      <input id={`horas-${person.id}`} name="horas" inputMode="decimal" className="input w-20" placeholder="2,5" />
                    </div>
                    <button type="submit" className="btn-ghost btn-sm">
                      Salvar horas
                    </button>
                  </form>
                ) : null}
              </div>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
