import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { resourceMissing } from "@/components/events/resources-section";
import { ParticipantRow } from "@/components/manage/participant-row";
import { QrCheckIn } from "@/components/manage/qr-check-in";
import { ReportForm } from "@/components/manage/report-form";
import { ActionForm } from "@/components/ui/action-form";
import { Alert, Badge } from "@/components/ui/alert";
import { EmptyState } from "@/components/ui/empty-state";
import { SubmitButton } from "@/components/ui/submit-button";
import { cancelEventAction } from "@/lib/actions/events";
import { addResourceAction, checkInByCodeAction, deleteResourceAction, publishAction } from "@/lib/actions/manage";
import { getEvent, getReport, listParticipants, listResources } from "@/lib/api/events";
import type { Participant, ParticipationStatus } from "@/lib/api/types";
import { requireUser } from "@/lib/auth-guard";
import { checkInWindowOpen } from "@/lib/events/participation";
import { EVENT_STATUS_LABEL, formatRange } from "@/lib/format";
import { parseId } from "@/lib/route-params";

export const metadata: Metadata = { title: "Gerenciar mutirão", robots: { index: false } };

type Props = { params: Promise<{ id: string }> };

const ORDER: ParticipationStatus[] = ["pending", "confirmed", "waitlisted", "rejected", "cancelled"];
const GROUP_TITLE: Record<ParticipationStatus, string> = {
  pending: "Aguardando aprovação",
  confirmed: "Confirmados",
  waitlisted: "Lista de espera",
  rejected: "Recusados",
  cancelled: "Cancelaram",
};

function Restricted({ id }: { id: number }) {
  return (
    <div className="mx-auto max-w-lg py-8">
      <Alert tone="danger" title="Acesso restrito">
        Só a organização deste mutirão pode abrir o painel de gestão. <Link href={`/eventos/${id}`}>Ver a página do mutirão</Link>
      </Alert>
    </div>
  );
}

export default async function ManageEventPage({ params }: Props) {
  const id = parseId((await params).id);
  if (!id) notFound();
  await requireUser(`/eventos/${id}/gerenciar`);
  const eventResult = await getEvent(id);
  if (!eventResult.ok) {
    if (eventResult.status === 403) return <Restricted id={id} />;
    notFound();
  }
  const event = eventResult.data;
  if (!event.can_manage) return <Restricted id={id} />;
  const nowMs = Date.now();
  const started = new Date(event.start).getTime() <= nowMs;
  const checkInOpen = checkInWindowOpen(event, nowMs);
  const [participantsResult, resources, report] = await Promise.all([listParticipants(id), listResources(id), started ? getReport(id) : Promise.resolve(null)]);
  if (!participantsResult.ok && participantsResult.status === 403) return <Restricted id={id} />;
  const participants: Participant[] = participantsResult.ok ? participantsResult.data : [];
  const groups = ORDER.map((status) => ({ status, list: participants.filter((p) => p.status === status) })).filter((g) => g.list.length);
  const checkedIn = participants.filter((p) => p.checked_in_at).length;
  const active = event.status === "published" || event.status === "draft";

  return (
    <div className="space-y-8">
      <header className="space-y-2">
        <nav aria-label="Trilha" className="text-sm">
          <Link href={`/eventos/${id}`}>← Página do mutirão</Link>
        </nav>
        <div className="flex flex-wrap items-center gap-2">
          <h1 className="text-2xl font-bold sm:text-3xl">Gerenciar: {event.title}</h1>
          <Badge tone={event.status === "cancelled" ? "danger" : event.status === "published" ? "success" : "neutral"}>{EVENT_STATUS_LABEL[event.status]}</Badge>
        </div>
        <p className="text-stone-700">{formatRange(event.start, event.end)}</p>
      </header>

      <section aria-labelledby="resumo-titulo" className="grid gap-3 sm:grid-cols-4">
        <h2 id="resumo-titulo" className="sr-only">
          Resumo
        </h2>
        {[
          ["Confirmados", `${event.confirmed_count} / ${event.capacity}`],
          ["Na espera", String(event.waitlist_count)],
          ["Aguardando aprovação", String(event.pending_count)],
          ["Check-ins", String(checkedIn)],
        ].map(([label, value]) => (
          <div key={label} className="card p-4">
            <p className="text-xs font-semibold uppercase tracking-wide text-stone-600">{label}</p>
            <p className="mt-1 text-2xl font-bold">{value}</p>
          </div>
        ))}
      </section>

      <section aria-labelledby="acoes-titulo" className="card space-y-4 p-5">
        <h2 id="acoes-titulo" className="text-lg font-semibold">
          Ações
        </h2>
        <div className="flex flex-wrap gap-2">
          {event.status === "draft" ? (
            <ActionForm action={publishAction.bind(null, id)}>
              <SubmitButton pendingText="Publicando…">Publicar mutirão</SubmitButton>
            </ActionForm>
          ) : null}
          {active ? (
            <Link href={`/eventos/${id}/editar`} className="btn-secondary">
              Editar dados
            </Link>
          ) : null}
          <a href={`/eventos/${id}/gerenciar/participantes.csv`} className="btn-secondary" download>
            Exportar participantes (CSV)
          </a>
        </div>
        {event.checkin_code ? (
          <p className="text-sm">
            Código de check-in para os voluntários: <span className="rounded bg-stone-100 px-2 py-1 font-mono text-base font-bold">{event.checkin_code}</span>
          </p>
        ) : null}
        {event.status === "published" ? (
          <details className="rounded-lg border border-red-200 p-3">
            <summary className="cursor-pointer text-sm font-medium text-red-800">Cancelar o mutirão</summary>
            <ActionForm action={cancelEventAction.bind(null, id)} confirm="Cancelar o mutirão e avisar todos os inscritos?" className="mt-3 space-y-2">
              <label htmlFor="reason" className="label">
                Motivo (enviado aos inscritos)
              </label>
              <textarea id="reason" name="reason" rows={2} className="input" maxLength={500} />
              <SubmitButton className="btn-danger" pendingText="Cancelando…">
                Cancelar mutirão
              </SubmitButton>
            </ActionForm>
          </details>
        ) : null}
      </section>

      <section aria-labelledby="participantes-titulo" className="space-y-4">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <h2 id="participantes-titulo" className="text-xl font-semibold">
            Participantes
          </h2>
          {event.status === "published" || event.status === "completed" ? (
            <QrCheckIn action={checkInByCodeAction.bind(null, id)}>
              <ActionForm action={checkInByCodeAction.bind(null, id)} className="flex items-end gap-2" label="Check-in por código">
                <div>
                  <label htmlFor="code" className="text-xs font-medium text-stone-700">
                    Check-in por código
                  </label>
                  <input id="code" name="code" className="input w-36 font-mono uppercase" autoComplete="off" maxLength={12} />
                </div>
                <SubmitButton className="btn-secondary">Confirmar</SubmitButton>
              </ActionForm>
            </QrCheckIn>
          ) : null}
        </div>
        {!participantsResult.ok ? <Alert tone="danger">{participantsResult.error.message}</Alert> : null}
        {participantsResult.ok && participants.length === 0 ? (
          <EmptyState title="Ninguém inscrito ainda">Compartilhe o link do mutirão para atrair voluntários.</EmptyState>
        ) : null}
        {groups.map((g) => (
          <div key={g.status} className="card">
            <h3 className="border-b border-stone-200 px-4 py-3 font-semibold">
              {GROUP_TITLE[g.status]} <span className="font-normal text-stone-600">({g.list.length})</span>
            </h3>
            <ul className="divide-y divide-stone-200">
              {g.list.map((p) => (
                <ParticipantRow key={p.id} eventId={id} p={p} checkInOpen={checkInOpen} />
              ))}
            </ul>
          </div>
        ))}
      </section>

      <section aria-labelledby="recursos-titulo" className="card space-y-4 p-5">
        <h2 id="recursos-titulo" className="text-lg font-semibold">
          Materiais necessários
        </h2>
        {resources.length ? (
          <ul className="divide-y divide-stone-200">
            {resources.map((r) => (
              <li key={r.id} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
                <span>
                  <span className="font-medium">{r.name}</span> — {r.pledged} de {r.quantity_needed}{r.unit ? ` ${r.unit}` : ""} prometidos
                  {resourceMissing(r) > 0 ? ` (faltam ${resourceMissing(r)})` : " (completo)"}
                </span>
                <ActionForm action={deleteResourceAction.bind(null, id, r.id)} confirm={`Remover ${r.name}?`}>
                  <SubmitButton className="btn-ghost btn-sm">Remover</SubmitButton>
                </ActionForm>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-stone-600">Liste o que o mutirão precisa (luvas, sacos, mudas…) e os voluntários se comprometem a levar.</p>
        )}
        {active ? (
          <ActionForm action={addResourceAction.bind(null, id)} className="flex flex-wrap items-end gap-2" label="Adicionar material">
            <div className="min-w-40 flex-1">
              <label htmlFor="res-name" className="text-xs font-medium text-stone-700">
                Item
              </label>
              <input id="res-name" name="name" className="input" maxLength={100} placeholder="Luvas" />
            </div>
            <div>
              <label htmlFor="res-qty" className="text-xs font-medium text-stone-700">
                Quantidade
              </label>
              <input id="res-qty" name="quantity_needed" type="number" min={1} className="input w-28" defaultValue={10} />
            </div>
            <SubmitButton className="btn-secondary">Adicionar</SubmitButton>
          </ActionForm>
        ) : null}
      </section>

      <section aria-labelledby="relatorio-titulo" className="card space-y-4 p-5">
        <h2 id="relatorio-titulo" className="text-lg font-semibold">
          Relatório de impacto
        </h2>
        {started && event.status !== "cancelled" && event.status !== "draft" ? (
          <ReportForm eventId={id} report={report} />
        ) : (
          <p className="text-sm text-stone-600">O relatório pode ser preenchido a partir do início do mutirão.</p>
        )}
      </section>
    </div>
  );
}
