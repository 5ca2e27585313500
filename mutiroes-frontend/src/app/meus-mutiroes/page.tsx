import type { Metadata } from "next";
import Link from "next/link";
import { PhaseBadge } from "@/components/events/phase-badge";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import type { EventPhase, OrganizedEvent } from "@/lib/api/types";
import { orThrow } from "@/lib/api/client";
import { getMyEvents } from "@/lib/api/users";
import { requireUser } from "@/lib/auth-guard";
import { formatNumber, formatRange } from "@/lib/format";

export const metadata: Metadata = { title: "Meus mutirões" };

/** The organizer's mutirões, what needs doing first: happening now, then coming up, drafts, then the past. */
const GROUPS: Array<{ phase: EventPhase; title: string }> = [
  { phase: "running", title: "Acontecendo agora" },
  { phase: "upcoming", title: "Próximos" },
  { phase: "draft", title: "Rascunhos" },
  { phase: "ended", title: "Concluídos" },
  { phase: "cancelled", title: "Cancelados" },
];

function Row({ event }: { event: OrganizedEvent }) {
  return (
    <li className="card flex flex-wrap items-center justify-between gap-3 p-4" data-testid={`meu-mutirao-${event.id}`}>
      <div className="min-w-0">
        <p className="font-semibold">
          <Link href={`/eventos/${event.id}`}>{event.title}</Link> <PhaseBadge phase={event.phase} quiet />
        </p>
        <p className="text-sm text-stone-700">
          {formatRange(event.start, event.end)} · {event.city}/{event.state}
        </p>
        {event.phase !== "draft" && event.phase !== "cancelled" ? (
          <p className="text-sm text-stone-600">
            {formatNumber(event.confirmed_count, 0)} de {formatNumber(event.capacity, 0)} confirmados
            {event.waitlist_count > 0 ? ` · ${formatNumber(event.waitlist_count, 0)} na espera` : ""}
          </p>
        ) : null}
      </div>
      <div className="flex flex-wrap gap-2">
        <Link href={`/eventos/${event.id}/gerenciar`} className="btn-primary btn-sm">
          {event.phase === "running" ? "Check-in" : "Gerenciar"}
        </Link>
        {event.can_edit ? (
          <Link href={`/eventos/${event.id}/editar`} className="btn-secondary btn-sm">
            Editar
          </Link>
        ) : null}
      </div>
    </li>
  );
}

export default async function MyEventsPage() {
  await requireUser("/meus-mutiroes");
  const organized = orThrow(await getMyEvents()).organized;
  return (
    <>
      <PageHeader
        title="Meus mutirões"
        description="Os mutirões que você organiza, do que acontece agora ao que já passou."
        actions={
          <Link href="/eventos/novo" className="btn-primary">
            Organizar um mutirão
          </Link>
        }
      />
      {organized.length === 0 ? (
        <EmptyState title="Você ainda não organizou nenhum mutirão">Crie o primeiro: leva poucos minutos.</EmptyState>
      ) : (
        <div className="space-y-8">
          {GROUPS.map(({ phase, title }) => {
            const list = organized.filter((e) => e.phase === phase);
            return list.length ? (
              <section key={phase} aria-labelledby={`grupo-${phase}`} className="space-y-3">
                <h2 id={`grupo-${phase}`} className="text-xl font-semibold">
                  {title} <span className="font-normal text-stone-600">({list.length})</span>
                </h2>
                <ul className="space-y-3">
                  {list.map((e) => (
                    <Row key={e.id} event={e} />
                  ))}
                </ul>
              </section>
            ) : null;
          })}
        </div>
      )}
    </>
  );
}
