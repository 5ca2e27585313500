import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ActionForm } from "@/components/ui/action-form";
import { Restricted } from "@/components/manage/restricted";
import { Alert } from "@/components/ui/alert";
import { EmptyState } from "@/components/ui/empty-state";
import { SubmitButton } from "@/components/ui/submit-button";
import { allBackAction, foundAction, missingAction } from "@/lib/actions/field";
import { getEvent } from "@/lib/api/events";
import { getRollCall } from "@/lib/api/field";
import { requireUser } from "@/lib/auth-guard";
import { formatDateTime, formatTime } from "@/lib/format";
import { parseId } from "@/lib/route-params";

export const metadata: Metadata = { title: "Chamada de segurança", robots: { index: false } };

type Props = { params: Promise<{ id: string }> };

/** The end-of-mutirão safety roll call: who checked in and is not back yet. */
export default async function RollCallPage({ params }: Props) {
  const id = parseId((await params).id);
  if (!id) notFound();
  await requireUser(`/eventos/${id}/chamada`);
  const [eventAnswer, rollCall] = await Promise.all([getEvent(id), getRollCall(id)]);
  if (!eventAnswer.ok) notFound();
  if (!rollCall.ok) {
    if (rollCall.status === 404) notFound();
    return <Restricted id={id}>Só a organização deste mutirão pode fazer a chamada.</Restricted>;
  }
  const event = eventAnswer.data;
  const call = rollCall.data;
  return (
    <div className="mx-auto max-w-3xl space-y-5">
      <header className="space-y-2">
        <nav aria-label="Trilha" className="flex flex-wrap gap-x-4 text-sm">
          <Link href={`/eventos/${id}/gerenciar`}>← Gerenciar</Link>
          <Link href={`/eventos/${id}/campo`}>Check-in em campo</Link>
        </nav>
        <h1 className="text-2xl font-bold">Chamada de segurança: {event.title}</h1>
        <p className="text-stone-700" data-testid="roll-call-counts">
          {call.checked_in} fizeram check-in · {call.checked_out} já saíram · {call.still_out.length} ainda em campo
        </p>
      </header>

      {!call.available ? <Alert tone="info">A chamada abre quando o mutirão começa.</Alert> : null}
      {call.closed_at ? (
        <Alert tone="success" title="Todos voltaram">
          Chamada encerrada em {formatDateTime(call.closed_at)}
          {call.closed_by ? ` por ${call.closed_by.name}` : ""}.
        </Alert>
      ) : null}

      <section aria-labelledby="em-campo-titulo" className="card">
        <h2 id="em-campo-titulo" className="border-b border-stone-200 p-4 font-semibold">
          Ainda em campo
        </h2>
        {call.still_out.length === 0 ? (
          <div className="p-4">
            <EmptyState title="Ninguém em campo">Todos que fizeram check-in já fizeram check-out.</EmptyState>
          </div>
        ) : (
          <ul className="divide-y divide-stone-200">
            {call.still_out.map((p) => (
              <li key={p.participation_id} className={`space-y-2 p-4 ${p.missing_since ? "bg-red-50" : ""}`} data-testid={`roll-call-${p.participation_id}`}>
                <div className="flex flex-wrap items-start justify-between gap-2">
                  <div>
                    <p className="font-semibold">{p.user.name}</p>
                    <p className="text-sm text-stone-700">
                      Chegou às {formatTime(p.checked_in_at)}
                      {p.emergency_contact ? ` · Contato de emergência: ${p.emergency_contact}` : ""}
                    </p>
                    {p.missing_since ? (
                      <p className="text-sm font-semibold text-red-800" data-testid="missing-since">
                        Desaparecido(a) desde {formatTime(p.missing_since)}
                      </p>
                    ) : null}
                  </div>
                  {p.missing_since ? (
                    <ActionForm action={foundAction.bind(null, id, p.participation_id, p.user.name)}>
                      <SubmitButton className="btn-primary btn-sm" pendingText="Registrando…">
                        {`Encontrado(a): ${p.user.name}`}
                      </SubmitButton>
                    </ActionForm>
                  ) : call.available ? (
                    <ActionForm action={missingAction.bind(null, id, p.participation_id, p.user.name)} confirm={`Marcar ${p.user.name} como desaparecido(a) e avisar a organização?`}>
                      <SubmitButton className="btn-danger btn-sm" pendingText="Avisando…">
                        {`Desaparecido(a): ${p.user.name}`}
                      </SubmitButton>
                    </ActionForm>
                  ) : null}
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>

      {call.available ? (
        <section aria-labelledby="encerrar-titulo" className="card space-y-3 p-4">
          <h2 id="encerrar-titulo" className="font-semibold">
            Encerrar a chamada
          </h2>
          {call.can_close ? (
            <>
              <p className="text-sm text-stone-700">Quem ainda está em campo recebe check-out agora, com as horas até este momento.</p>
              <ActionForm action={allBackAction.bind(null, id)} confirm="Confirmar que todos voltaram?">
                <SubmitButton pendingText="Encerrando…">Todos voltaram</SubmitButton>
              </ActionForm>
            </>
          ) : (
            <p className="text-sm text-red-800">Há alguém marcado como desaparecido: marque como encontrado antes de encerrar.</p>
          )}
        </section>
      ) : null}
    </div>
  );
}
