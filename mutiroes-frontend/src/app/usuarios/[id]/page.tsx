import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { EventGrid } from "@/components/events/event-card";
import { Stat } from "@/components/events/report-view";
import { getPublicProfile } from "@/lib/api/users";
import { formatDate, formatNumber } from "@/lib/format";
import { parseId } from "@/lib/route-params";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const id = parseId((await params).id);
  const result = id ? await getPublicProfile(id) : null;
  return result?.ok ? { title: result.data.name, description: result.data.bio || `Voluntário(a) no Mutirões.` } : { title: "Perfil não encontrado" };
}

export default async function PublicProfilePage({ params }: Props) {
  const id = parseId((await params).id);
  if (!id) notFound();
  const result = await getPublicProfile(id);
  if (!result.ok) notFound();
  const p = result.data;
  const stats = p.stats;
  return (
    <div className="space-y-8">
      <header className="flex flex-wrap items-center gap-4">
        <div aria-hidden="true" className="flex h-16 w-16 items-center justify-center rounded-full bg-brand-100 text-2xl font-bold text-brand-800">
          {p.name.charAt(0).toUpperCase()}
        </div>
        <div>
          <h1 className="text-2xl font-bold sm:text-3xl">{p.name}</h1>
          <p className="text-stone-700">
            {p.city ? `${p.city}${p.state ? `/${p.state}` : ""} · ` : ""}no Mutirões desde {formatDate(p.date_joined)}
          </p>
        </div>
      </header>
      {p.bio ? <p className="max-w-prose whitespace-pre-line text-stone-800">{p.bio}</p> : null}
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3">
        <Stat label="Mutirões" value={formatNumber(stats.events_attended, 0)} />
        <Stat label="Horas" value={formatNumber(stats.volunteer_hours)} />
        <Stat label="Organizados" value={formatNumber(stats.events_organized, 0)} />
      </dl>
      {p.stats.badges?.length ? (
        <ul className="flex flex-wrap gap-2" aria-label="Conquistas">
          {p.stats.badges.map((b) => (
            <li key={b.code} className="chip border-amber-300 bg-amber-50 text-amber-900" title={b.description}>
              🏅 {b.name}
            </li>
          ))}
        </ul>
      ) : null}
      {p.events?.length ? (
        <section aria-labelledby="historico" className="space-y-3">
          <h2 id="historico" className="text-xl font-semibold">
            Mutirões
          </h2>
          <EventGrid events={p.events} headingLevel={3} />
        </section>
      ) : null}
    </div>
  );
}
