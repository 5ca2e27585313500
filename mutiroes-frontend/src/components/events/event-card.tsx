import Link from "next/link";
import { Badge } from "@/components/ui/alert";
import { PhaseBadge } from "./phase-badge";
import { LinkPending } from "@/components/ui/link-pending";
import type { EventSummary } from "@/lib/api/types";
import { PARTICIPATION_LABEL, formatDateTime, formatDistance, formatNumber } from "@/lib/format";
import { cardStatus } from "@/lib/events/participation";
import { CategoryLabel } from "./category-chip";

export function SpotsLeft({ event }: { event: Pick<EventSummary, "spots_left" | "capacity" | "waitlist_count"> }) {
  if (event.spots_left <= 0) return <span className="font-medium text-amber-800">Lotado{event.waitlist_count > 0 ? ` · ${event.waitlist_count} na espera` : ""}</span>;
  return (
    <span className="font-medium text-brand-800">
      {event.spots_left === 1 ? "1 vaga" : `${formatNumber(event.spots_left, 0)} vagas`} de {formatNumber(event.capacity, 0)}
    </span>
  );
}

export function EventCard({ event, headingLevel = 2 }: { event: EventSummary; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const { participation: mine, showSpots } = cardStatus(event);
  const distance = formatDistance(event.distance_km);
  return (
    <article className="card flex h-full flex-col p-4 transition-shadow hover:shadow-md">
      <div className="flex items-start justify-between gap-2">
        <CategoryLabel category={event.category} />
        <PhaseBadge phase={event.phase} quiet />
      </div>
      <Heading className="mt-2 text-lg font-semibold leading-snug">
        <Link href={`/eventos/${event.id}`} className="text-stone-900 no-underline hover:underline after:absolute after:inset-0 focus-visible:outline-none">
          {event.title}
          <LinkPending />
        </Link>
      </Heading>
      <dl className="mt-2 space-y-1 text-sm text-stone-700">
        <div>
          <dt className="sr-only">Quando</dt>
          <dd>
            <time dateTime={event.start}>{formatDateTime(event.start)}</time>
          </dd>
        </div>
        <div>
          <dt className="sr-only">Onde</dt>
          <dd>
            {event.city}/{event.state}
            {distance ? <span className="text-stone-600"> · a {distance}</span> : null}
          </dd>
        </div>
      </dl>
      <div className="mt-auto flex flex-wrap items-center justify-between gap-2 pt-3 text-sm">
        {showSpots ? <SpotsLeft event={event} /> : <span />}
        {mine ? <Badge tone={mine === "confirmed" ? "success" : mine === "rejected" ? "danger" : "warning"}>{PARTICIPATION_LABEL[mine]}</Badge> : null}
      </div>
    </article>
  );
}

export function EventGrid({ events, headingLevel }: { events: EventSummary[]; headingLevel?: 2 | 3 }) {
  return (
    <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
      {events.map((e) => (
        <li key={e.id} className="relative">
          <EventCard event={e} headingLevel={headingLevel} />
        </li>
      ))}
    </ul>
  );
}
