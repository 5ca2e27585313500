import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ParticipantRow } from "@/components/manage/participant-row";
import { QrCheckIn } from "@/components/manage/qr-check-in";
import { PhaseBadge } from "@/components/events/phase-badge";
import { ParticipantFinder } from "@/components/manage/participant-finder";
import { ReportForm } from "@/components/manage/report-form";
import { SeriesSection } from "@/components/manage/series-form";
import { TeamSection } from "@/components/manage/team-section";
import { Restricted } from "@/components/manage/restricted";
import { WasteManager } from "@/components/waste/waste-manager";
import { listBags, listHandovers } from "@/lib/api/custody";
import { ActionForm } from "@/components/ui/action-form";
import { Alert } from "@/components/ui/alert";
import { EmptyState } from "@/components/ui/empty-state";
import { SubmitButton } from "@/components/ui/submit-button";
import { cancelEventAction } from "@/lib/actions/events";
import { addResourceAction, checkInByCodeAction, deleteResourceAction, publishAction, rotateCheckInCodeAction, sendMessageAction } from "@/lib/actions/manage";
import { Pagination } from "@/components/ui/pagination";
import { orThrow } from "@/lib/api/client";
import { listCoOrganizers } from "@/lib/api/collectives";
import { getEvent, getReport, listMaterials, listParticipants, listResources, MAX_PAGE_SIZE } from "@/lib/api/events";
import type { ParticipationStatus } from "@/lib/api/types";
import { shareLink } from "@/lib/api/share";
import { requireUser } from "@/lib/auth-guard";
import { formatNumber, formatRange } from "@/lib/format";
import { parseId } from "@/lib/route-params";
import { siteUrl } from "@/lib/site";

export const metadata: Metadata = { title: "Gerenciar mutirão", robots: { index: false } };

type Props = { params: Promise<{ id: string }>; searchParams?: Promise<Record<string, string | undefined>> };

const ORDER: ParticipationStatus[] = ["pending", "confirmed", "waitlisted", "rejected", "cancelled"];
const isStatus = (value: string | undefined): value is ParticipationStatus => ORDER.some((s) => s === value);
const GROUP_TITLE: Record<ParticipationStatus, string> = {
  pending: "Aguardando aprovação",
  confirmed: "Confirmados",
  waitlisted: "Lista de espera",
  rejected: "Recusados",
  cancelled: "Cancelaram",
};

const NOT_MANAGER = "Só a organização deste mutirão pode abrir o painel de gestão.";

export default async function ManageEventPage({ params, searchParams }: Props) {
  const id = parseId((await params).id);
  const sp = (await searchParams) ?? {};
  const status = isStatus(sp.situacao) ? sp.situacao : undefined;
  const page = Math.max(1, Math.floor(Number(sp.pagina)) || 1);
  if (!id) notFound();
  await requireUser(`/eventos/${id}/gerenciar`);
  const eventResult = await getEvent(id);
  if (!eventResult.ok) {
    if (eventResult.status === 403) return <Restricted id={id}>{NOT_MANAGER}</Restricted>;
    notFound();
  }
  const event = eventResult.data;
  if (!event.can_manage) return <Restricted id={id}>{NOT_MANAGER}</Restricted>;
  const [participantsResult, resourcesAnswer, reportAnswer, teamAnswer, bagsAnswer, handoversAnswer] = await Promise.all([
    listParticipants(id, page, status),
    listResources(id),
    getReport(id),
    listCoOrganizers(id),
    listBags(id),
    listHandovers(id),
  ]);
  if (!participantsResult.ok && participantsResult.status === 403) return <Restricted id={id}>{NOT_MANAGER}</Restricted>;
  // One page of the participants (every one is reachable by paging); the counts are the API's.
  const participantsPage = participantsResult.ok ? participantsResult.data : null;
  const participants = participantsPage?.results ?? [];
  const pages = participantsPage ? Math.max(1, Math.ceil(participantsPage.count / MAX_PAGE_SIZE)) : 1;
  const groups = ORDER.map((s) => ({ status: s, list: participants.filter((p) => p.status === s) })).filter((g) => g.list.length);
  const resources = orThrow(resourcesAnswer);
  if (!reportAnswer.ok && reportAnswer.status !== 404) throw new Error(reportAnswer.error.message);
  const report = reportAnswer.ok ? reportAnswer.data : null;
  const active = event.can_edit;
  const filterHref = (s: ParticipationStatus | undefined, p = 1) => {
    const query = new URLSearchParams({ ...(s ? { situacao: s } : {}), ...(p > 1 ? { pagina: String(p) } : {}) }).toString();
    return `/eventos/${id}/gerenciar${query ? `?${query}` : ""}`;
  };
  const COUNT: Partial<Record<ParticipationStatus, number>> = { pending: event.pending_count, confirmed: event.confirmed_count, waitlisted: event.waitlist_count };

  return (
    <div className="space-y-8">
      <header className="space-y-2">
        <nav aria-label="Trilha" className="text-sm">
          <Link href={`/eventos/${id}`}>← Página do mutirão</Link>
        </nav>
        <div className="flex flex-wrap items-center gap-2">
          <h1 className="text-2xl font-bold sm:text-3xl">Gerenciar: {event.title}</h1>
          <PhaseBadge phase={event.phase} />
        </div>
        <p className="text-stone-700">{formatRange(event.start, event.end)}</p>
      </header>

      {event.checkin_open ? (
        <section aria-labelledby="checkin-titulo" className="card space-y-3 p-4 sm:p-5" data-testid="checkin-panel">
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <h2 id="checkin-titulo" className="text-lg font-semibold">
              Check-in
            </h2>
            <p className="flex flex-wrap gap-x-4 text-sm">
              <Link href={`/eventos/${id}/campo`}>Check-in em campo (funciona sem sinal)</Link>
              <Link href={`/eventos/${id}/chamada`}>Chamada de segurança</Link>
            </p>
          </div>
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
          <ParticipantFinder people={participants.filter((p) => p.status === "confirmed").map((p) => ({ id: p.id, name: p.user.name, code: p.code, checkedIn: Boolean(p.checked_in_at) }))} />
        </section>
      ) : null}

      <section aria-labelledby="resumo-titulo" className="grid grid-cols-2 gap-2 sm:grid-cols-4 sm:gap-3">
        <h2 id="resumo-titulo" className="sr-only">
          Resumo
        </h2>
        {[
          ["Confirmados", `${formatNumber(event.confirmed_count, 0)} / ${formatNumber(event.capacity, 0)}`],
          ["Na espera", formatNumber(event.waitlist_count, 0)],
          ["Aguardando aprovação", formatNumber(event.pending_count, 0)],
          ["Check-ins", formatNumber(event.checked_in_count, 0)],
        ].map(([label, value]) => (
          <div key={label} className="card flex items-baseline justify-between gap-2 px-3 py-2 sm:block sm:p-4">
            <p className="text-xs font-semibold uppercase tracking-wide text-stone-600">{label}</p>
            <p className="font-bold sm:mt-1 sm:text-2xl">{value}</p>
          </div>
        ))}
      </section>

      <section aria-labelledby="acoes-titulo" className="card space-y-4 p-5">
        <h2 id="acoes-titulo" className="text-lg font-semibold">
          Ações
        </h2>
        <div className="flex flex-wrap gap-2">
          {event.can_publish ? (
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
        {event.share_token ? (
          <div className="text-sm">
            <label htmlFor="share-link" className="label">
              Link do mutirão não listado (só quem tem o link vê a página)
            </label>
            <input id="share-link" readOnly value={shareLink(siteUrl(), event.id, event.share_token)} className="input font-mono text-xs" />
          </div>
        ) : null}
        {event.checkin_code ? (
          <div className="flex flex-wrap items-center gap-3 text-sm">
            <p>
              Código de check-in para os voluntários: <span className="rounded bg-stone-100 px-2 py-1 font-mono text-base font-bold">{event.checkin_code}</span>
            </p>
            <ActionForm action={rotateCheckInCodeAction.bind(null, id)} confirm="Gerar um novo código? O código atual para de funcionar.">
              <SubmitButton className="btn-secondary" pendingText="Gerando…">
                Gerar novo código
              </SubmitButton>
            </ActionForm>
          </div>
        ) : null}
        {event.can_cancel ? (
          <details className="rounded-lg border border-red-200 p-3">
            <summary className="cursor-pointer text-sm font-medium text-red-800">Cancelar o mutirão</summary>
            <ActionForm action={cancelEventAction.bind(null, id)} confirm="Cancelar e avisar os inscritos?" className="mt-3 space-y-2">
              {event.series !== null ? (
                <fieldset className="space-y-1 text-sm">
                  <legend className="label">Mutirão recorrente</legend>
                  <div className="flex items-center gap-2">
                    <input id="cancel-this" name="scope" type="radio" value="this" defaultChecked className="h-5 w-5" />
                    <label htmlFor="cancel-this">Cancelar só este (avisa só os inscritos deste)</label>
                  </div>
                  <div className="flex items-center gap-2">
                    <input id="cancel-following" name="scope" type="radio" value="following" className="h-5 w-5" />
                    <label htmlFor="cancel-following">Cancelar este e os próximos (encerra a série)</label>
                  </div>
                </fieldset>
              ) : null}
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

      <TeamSection eventId={id} people={orThrow(teamAnswer)} canChange={event.can_manage_team} collective={event.collective?.name ?? null} />
      <SeriesSection eventId={id} seriesId={event.series} canCreate={event.can_make_recurring} />

      <section aria-labelledby="participantes-titulo" className="space-y-4">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <h2 id="participantes-titulo" className="text-xl font-semibold">
            Participantes
          </h2>
        </div>
        <nav aria-label="Filtrar participantes" className="flex flex-wrap gap-2 text-sm">
          <Link href={filterHref(undefined)} aria-current={status === undefined ? "page" : undefined} className={status === undefined ? "chip border-brand-700 bg-brand-50" : "chip"}>
            Todos
          </Link>
          {ORDER.map((s) => (
            <Link key={s} href={filterHref(s)} aria-current={status === s ? "page" : undefined} className={status === s ? "chip border-brand-700 bg-brand-50" : "chip"}>
              {GROUP_TITLE[s]}
              {COUNT[s] !== undefined ? ` (${COUNT[s]})` : ""}
            </Link>
          ))}
        </nav>
        {!participantsResult.ok ? <Alert tone="danger">{participantsResult.error.message}</Alert> : null}
        {participantsPage && participantsPage.count > participants.length ? (
          <p className="text-sm text-stone-600">
            {participantsPage.count} inscrições{status ? ` (${GROUP_TITLE[status].toLowerCase()})` : ""}; página {page} de {pages}.
          </p>
        ) : null}
        {participantsResult.ok && participants.length === 0 ? (
          <EmptyState title="Ninguém inscrito ainda">Compartilhe o link do mutirão para atrair voluntários.</EmptyState>
        ) : null}
        {groups.map((g) => (
          <div key={g.status} className="card">
            <h3 className="border-b border-stone-200 px-4 py-3 font-semibold">
              {GROUP_TITLE[g.status]}
            </h3>
            <ul className="divide-y divide-stone-200">
              {g.list.map((p) => (
                <ParticipantRow key={p.id} eventId={id} p={p} asksImageConsent={event.asks_image_consent} />
              ))}
            </ul>
          </div>
        ))}
        <Pagination page={page} pages={pages} href={(p) => filterHref(status, p)} />
      </section>

      {event.can_message ? (
        <section aria-labelledby="mensagem-titulo" className="card space-y-3 p-5">
          <h2 id="mensagem-titulo" className="text-lg font-semibold">
            Mensagem para os participantes
          </h2>
          <p className="text-sm text-stone-700">Vai para todos os inscritos (confirmados, na espera e aguardando aprovação), no aplicativo e por e-mail. Há um limite diário de mensagens por mutirão.</p>
          <ActionForm action={sendMessageAction.bind(null, id)} className="space-y-3" label="Mensagem para os participantes">
            <div>
              <label htmlFor="message-title" className="label">
                Assunto
              </label>
              <input id="message-title" name="title" className="input" maxLength={120} />
            </div>
            <div>
              <label htmlFor="message-body" className="label">
                Mensagem
              </label>
              <textarea id="message-body" name="body" rows={4} maxLength={2000} className="input" />
            </div>
            <SubmitButton className="btn-primary" pendingText="Enviando…">
              Enviar mensagem
            </SubmitButton>
          </ActionForm>
        </section>
      ) : null}

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
                  {r.missing > 0 ? ` (faltam ${r.missing})` : " (completo)"}
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

      {event.status === "cancelled" ? null : (
      <section aria-labelledby="relatorio-titulo" className="card space-y-4 p-5">
        <h2 id="relatorio-titulo" className="text-lg font-semibold">
          Relatório de impacto
        </h2>
        {event.can_report ? (
          <ReportForm eventId={id} report={report} materials={orThrow(await listMaterials())} />
        ) : (
          <p className="text-sm text-stone-600">O relatório pode ser preenchido a partir do início do mutirão.</p>
        )}
      </section>
      )}
      {event.can_report ? (
        <WasteManager eventId={id} bags={orThrow(bagsAnswer)} handovers={orThrow(handoversAnswer)} materials={orThrow(await listMaterials())} />
      ) : null}
    </div>
  );
}
