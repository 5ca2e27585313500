import type { Metadata } from "next";
import { cookies } from "next/headers";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CategoryLabel } from "@/components/events/category-chip";
import { CommentsSection } from "@/components/events/comments-section";
import { SpotsLeft } from "@/components/events/event-card";
import { JoinPanel } from "@/components/events/join-panel";
import { MyCheckInCode } from "@/components/events/my-checkin-code";
import { PhotosSection } from "@/components/events/photos-section";
import { ReportView } from "@/components/events/report-view";
import { EventLitterReports } from "@/components/litter/event-litter-reports";
import { WastePanel } from "@/components/waste/waste-panel";
import { getEventWaste } from "@/lib/api/custody";
import { listEventLitterReports } from "@/lib/api/litter";
import { ResourcesSection } from "@/components/events/resources-section";
import { PhaseBadge } from "@/components/events/phase-badge";
import { ShareButtons } from "@/components/events/share-buttons";
import { LazyMap } from "@/components/map/lazy-map";
import { Alert, Badge } from "@/components/ui/alert";
import { LinkifiedText } from "@/components/ui/linkified-text";
import { Pagination } from "@/components/ui/pagination";
import { orThrow } from "@/lib/api/client";
import { getEvent, getEventShare, getReport, listComments, listMaterials, listPhotos, listResources, MAX_PAGE_SIZE } from "@/lib/api/events";
import { getMe } from "@/lib/api/users";
import { calendarLinks } from "@/lib/calendar-links";
import { formatDateTime, formatRange } from "@/lib/format";
import { directionLinks, mapTileUrl } from "@/lib/map";
import { shareCookieName, shareLink, shareTokenFromCookie } from "@/lib/api/share";
import { parseId } from "@/lib/route-params";
import { shareMetadata } from "@/lib/share-metadata";
import { siteUrl } from "@/lib/site";

type Props = { params: Promise<{ id: string }>; searchParams?: Promise<Record<string, string | undefined>> };

const pageOf = (raw: string | undefined): number => Math.max(1, Math.floor(Number(raw)) || 1);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const id = parseId((await params).id);
  if (!id) return { title: "Mutirão não encontrado" };
  const share = await getEventShare(id);
  if (!share.ok) return { title: "Mutirão não encontrado", robots: { index: false } };
  return shareMetadata(share.data, siteUrl());
}

/** The link the share buttons hand out: the page's; for an unlisted mutirão, with the secret the
 * viewer already holds (its organizers, or whoever opened the invitation link). */
async function linkToShare(event: { id: number; visibility: string; share_token?: string | null }, base: string): Promise<string> {
  if (event.visibility !== "unlisted") return `${base}/eventos/${event.id}`;
  const token = event.share_token ?? shareTokenFromCookie((await cookies()).get(shareCookieName(String(event.id)))?.value);
  return token ? shareLink(base, event.id, token) : `${base}/eventos/${event.id}`;
}

export default async function EventPage({ params, searchParams }: Props) {
  const id = parseId((await params).id);
  const sp = (await searchParams) ?? {};
  const commentsPage = pageOf(sp.comentarios);
  const photosPage = pageOf(sp.fotos);
  if (!id) notFound();
  const [result, me] = await Promise.all([getEvent(id), getMe()]);
  if (!result.ok) {
    if (result.status === 404 || result.status === 403) notFound();
    throw new Error(result.error.message);
  }
  const event = result.data;
  const canManage = event.can_manage;
  const [resourcesAnswer, commentsAnswer, photosAnswer, reportAnswer, litterAnswer, wasteAnswer] = await Promise.all([
    listResources(id),
    listComments(id, commentsPage),
    listPhotos(id, photosPage),
    getReport(id),
    listEventLitterReports(id),
    getEventWaste(id),
  ]);
  const litterReports = orThrow(litterAnswer);
  const resources = orThrow(resourcesAnswer);
  const comments = orThrow(commentsAnswer);
  const photos = orThrow(photosAnswer);
  // 404: no report the viewer may see yet (the API decides when it is public).
  if (!reportAnswer.ok && reportAnswer.status !== 404) throw new Error(reportAnswer.error.message);
  const report = reportAnswer.ok ? reportAnswer.data : null;
  const pagesOf = (count: number) => Math.max(1, Math.ceil(count / MAX_PAGE_SIZE));
  const pageHref = (key: "comentarios" | "fotos", page: number) => {
    const query = new URLSearchParams({ ...(commentsPage > 1 ? { comentarios: String(commentsPage) } : {}), ...(photosPage > 1 ? { fotos: String(photosPage) } : {}) });
    if (page > 1) query.set(key, String(page));
    else query.delete(key);
    const text = query.toString();
    return `/eventos/${id}${text ? `?${text}` : ""}`;
  };
  const url = `${siteUrl()}/eventos/${event.id}`;
  const shareUrl = await linkToShare(event, siteUrl());
  const cancelled = event.phase === "cancelled";
  const ahead = event.phase === "upcoming" || event.phase === "running";

  return (
    <article className="space-y-8">
      <header className="space-y-3">
        <nav aria-label="Trilha" className="text-sm">
          <Link href="/eventos">← Todos os mutirões</Link>
        </nav>
        <div className="flex flex-wrap items-center gap-2">
          <CategoryLabel category={event.category} />
          <PhaseBadge phase={event.phase} quiet />
          {event.visibility === "unlisted" ? <Badge>Não listado</Badge> : null}
        </div>
        {event.cover_image ? (
          // eslint-disable-next-line @next/next/no-img-element -- a media file served by nginx, already re-encoded by the API
          <img src={event.cover_image} alt="" className="max-h-72 w-full rounded-xl object-cover" data-testid="event-cover" />
        ) : null}
        <h1 className="text-3xl font-bold sm:text-4xl">{event.title}</h1>
        <p className="text-stone-700">
          {/* A private profile has no page (404): the name alone, never a dead link. */}
          Organizado por{" "}
          {event.organizer.is_public ? (
            <Link href={`/usuarios/${event.organizer.id}`}>{event.organizer.name}</Link>
          ) : (
            <span className="font-medium" data-testid="organizer-name">
              {event.organizer.name}
            </span>
          )}
          {event.collective ? (
            <>
              {" "}
              com <Link href={`/coletivos/${event.collective.slug}`}>{event.collective.name}</Link>
            </>
          ) : null}
          {event.series !== null ? (
            <>
              {" "}
              · <Link href={`/series/${event.series}`}>Mutirão recorrente: ver todos</Link>
            </>
          ) : null}
        </p>
        {canManage ? (
          <div className="flex flex-wrap gap-2">
            <Link href={`/eventos/${event.id}/gerenciar`} className="btn-primary">
              Gerenciar mutirão
            </Link>
            {event.can_edit ? (
              <Link href={`/eventos/${event.id}/editar`} className="btn-secondary">
                Editar
              </Link>
            ) : null}
          </div>
        ) : null}
        {event.status === "cancelled" && event.cancellation_reason ? (
          <Alert tone="danger" title="Mutirão cancelado">
            {event.cancellation_reason}
          </Alert>
        ) : null}
      </header>

      <div className="grid gap-8 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="min-w-0 space-y-8">
          <section aria-labelledby="quando-onde" className="card grid gap-4 p-5 sm:grid-cols-2">
            <h2 id="quando-onde" className="sr-only">
              Quando e onde
            </h2>
            <div>
              <h3 className="text-sm font-semibold uppercase tracking-wide text-stone-600">Quando</h3>
              <p className="mt-1">
                <time dateTime={event.start}>{formatRange(event.start, event.end)}</time>
              </p>
              <p className="mt-1 text-sm text-stone-600">Inscrições até {formatDateTime(event.registration_deadline)}</p>
              {ahead ? (
                <p className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-sm font-medium">
                  <a href={`/eventos/${event.id}/calendario.ics`} download>
                    Adicionar à agenda (.ics)
                  </a>
                  {calendarLinks({ title: event.title, start: event.start, end: event.end, location: `${event.address}, ${event.city} - ${event.state}`, url }).map((c) => (
                    <a key={c.name} href={c.href} target="_blank" rel="noopener noreferrer">
                      {c.label}
                    </a>
                  ))}
                </p>
              ) : null}
            </div>
            <div>
              <h3 className="text-sm font-semibold uppercase tracking-wide text-stone-600">Onde</h3>
              <p className="mt-1">{event.address}</p>
              <p className="text-sm text-stone-700">
                {event.city}/{event.state}
              </p>
              <p className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-sm font-medium">
                <span className="sr-only">Como chegar:</span>
                {directionLinks(event.latitude, event.longitude).map((d) => (
                  <a key={d.name} href={d.href} target="_blank" rel="noopener noreferrer">
                    {d.label}
                  </a>
                ))}
              </p>
            </div>
          </section>

          {report ? <ReportView report={report} materials={orThrow(await listMaterials())} /> : null}
          {wasteAnswer.ok ? <WastePanel totals={wasteAnswer.data} id="residuos-titulo" title="Para onde foram os resíduos" /> : null}
          <EventLitterReports reports={litterReports} />

          <section aria-labelledby="sobre-titulo">
            <h2 id="sobre-titulo" className="text-xl font-semibold">
              Sobre o mutirão
            </h2>
            <div className="mt-2 whitespace-pre-line leading-relaxed text-stone-800">
              <LinkifiedText text={event.description} />
            </div>
            {event.min_age > 0 ? <p className="mt-3 text-sm text-stone-700">Idade mínima: {event.min_age} anos.</p> : null}
          </section>

          <ResourcesSection
            eventId={event.id}
            resources={resources}
            canPledge={event.can_pledge}
            whatToBring={event.what_to_bring}
            toolsProvided={event.tools_provided}
          />

          <section aria-labelledby="mapa-titulo">
            <h2 id="mapa-titulo" className="mb-2 text-xl font-semibold">
              Mapa
            </h2>
            <LazyMap
              label={`Mapa do local: ${event.address}, ${event.city}/${event.state}`}
              tileUrl={mapTileUrl()}
              zoom={15}
              markers={[{ id: event.id, lat: event.latitude, lng: event.longitude, title: event.title, subtitle: event.address }]}
            />
          </section>

          <PhotosSection eventId={event.id} photos={photos.results} canUpload={event.can_post_photo} meId={me?.id ?? null} canModerate={canManage} />
          <Pagination page={photosPage} pages={pagesOf(photos.count)} href={(page) => pageHref("fotos", page)} />
          <CommentsSection eventId={event.id} comments={comments.results} meId={me?.id ?? null} canModerate={canManage} open={event.comments_open} closedNote={event.phase === "draft" ? "Os comentários abrem quando o mutirão for publicado." : "Comentários encerrados: o mutirão foi cancelado."} />
          <Pagination page={commentsPage} pages={pagesOf(comments.count)} href={(page) => pageHref("comentarios", page)} />
        </div>

        <aside className="order-first space-y-4 lg:sticky lg:top-20 lg:order-last lg:self-start">
          <JoinPanel event={event} loggedIn={Boolean(me)} />
          {cancelled ? null : <MyCheckInCode event={event} viewerId={me?.id ?? null} />}
          {cancelled ? null : (
            <div className="card space-y-3 p-5 text-sm">
              <p>
                <SpotsLeft event={event} />
              </p>
              <p className="text-stone-700">
                {event.confirmed_count} {event.confirmed_count === 1 ? "pessoa confirmada" : "pessoas confirmadas"}
                {event.requires_approval ? " · inscrições com aprovação" : ""}
              </p>
              {/* A draft's link is a 404 for anyone else: nothing to share yet. */}
              {event.phase === "draft" ? null : (
                <ShareButtons url={shareUrl} title={event.title} posterHref={ahead && (event.visibility === "public" || canManage) ? `/eventos/${event.id}/cartaz.pdf` : null} />
              )}
            </div>
          )}
        </aside>
      </div>
    </article>
  );
}
