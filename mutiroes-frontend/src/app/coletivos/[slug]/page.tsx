import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ShareButtons } from "@/components/events/share-buttons";
import { WastePanel } from "@/components/waste/waste-panel";
import { CollectiveEventList } from "@/components/collectives/collective-event-list";
import { InviteForm } from "@/components/collectives/invite-form";
import { MemberControls } from "@/components/collectives/member-controls";
import { ActionForm } from "@/components/ui/action-form";
import { Badge } from "@/components/ui/alert";
import { LinkifiedText } from "@/components/ui/linkified-text";
import { SubmitButton } from "@/components/ui/submit-button";
import { followAction, leaveCollectiveAction, revokeInvitationAction, showMeAction } from "@/lib/actions/collectives";
import { orThrow } from "@/lib/api/client";
import { getCollective, getCollectiveShare, listCollectiveEvents, listInvitations, listMembers } from "@/lib/api/collectives";
import { listMaterials } from "@/lib/api/events";
import { getMe } from "@/lib/api/users";
import { ROLE_LABEL } from "@/lib/collectives";
import { formatDate, formatNumber } from "@/lib/format";
import { shareMetadata } from "@/lib/share-metadata";
import { siteUrl } from "@/lib/site";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const share = await getCollectiveShare((await params).slug);
  if (!share.ok) return { title: "Coletivo não encontrado", robots: { index: false } };
  return shareMetadata(share.data, siteUrl());
}

export default async function CollectivePage({ params }: Props) {
  const slug = (await params).slug;
  const [answer, me] = await Promise.all([getCollective(slug), getMe()]);
  if (!answer.ok) {
    if (answer.status === 404) notFound();
    throw new Error(answer.error.message);
  }
  const c = answer.data;
  const [upcoming, past, members, materials, invitations] = await Promise.all([
    listCollectiveEvents(slug, "upcoming"),
    listCollectiveEvents(slug, "past"),
    listMembers(slug),
    listMaterials(),
    c.can_edit ? listInvitations(slug) : Promise.resolve(null),
  ]);
  const impact = c.impact;
  const memberList = orThrow(members).results;
  const mine = me ? memberList.find((m) => m.user.id === me.id) : undefined;
  const kg = orThrow(materials).filter((m) => Number(impact.kg_by_material[m.key]) > 0);

  return (
    <article className="space-y-8">
      <header className="space-y-3">
        <nav aria-label="Trilha" className="text-sm">
          <Link href="/coletivos">← Todos os coletivos</Link>
        </nav>
        <div className="flex flex-wrap items-center gap-4">
          {c.logo ? (
            // eslint-disable-next-line @next/next/no-img-element -- a media file served by nginx, already re-encoded by the API
            <img src={c.logo} alt={`Logo de ${c.name}`} className="h-20 w-20 rounded-xl object-cover" />
          ) : null}
          <div className="min-w-0">
            <h1 className="text-3xl font-bold sm:text-4xl">{c.name}</h1>
            <p className="text-stone-700">
              {c.city}/{c.state} · {c.followers_count} {c.followers_count === 1 ? "seguidor" : "seguidores"}
              {c.my_role ? (
                <>
                  {" "}
                  · <Badge tone="success">{ROLE_LABEL[c.my_role]}</Badge>
                </>
              ) : null}
            </p>
          </div>
        </div>
        <div className="flex flex-wrap gap-2">
          {me ? (
            <ActionForm action={followAction.bind(null, slug, c.is_following)}>
              <SubmitButton className={c.is_following ? "btn-secondary" : "btn-primary"} pendingText="Enviando…">
                {c.is_following ? "Deixar de seguir" : "Seguir coletivo"}
              </SubmitButton>
            </ActionForm>
          ) : (
            <Link href={`/entrar?next=${encodeURIComponent(`/coletivos/${slug}`)}`} className="btn-primary">
              Entre para seguir
            </Link>
          )}
          {c.can_edit ? (
            <>
              <Link href="/eventos/novo" className="btn-secondary">
                Organizar um mutirão do coletivo
              </Link>
              <Link href={`/coletivos/${slug}/editar`} className="btn-secondary">
                Editar coletivo
              </Link>
            </>
          ) : null}
        </div>
        {c.description ? (
          <div className="whitespace-pre-line leading-relaxed text-stone-800">
            <LinkifiedText text={c.description} />
          </div>
        ) : null}
        {c.website || c.instagram || c.whatsapp_group ? (
          <p className="flex flex-wrap gap-x-4 gap-y-1 text-sm font-medium">
            {c.website ? (
              <a href={c.website} target="_blank" rel="noopener noreferrer nofollow">
                Site
              </a>
            ) : null}
            {c.instagram ? (
              <a href={`https://www.instagram.com/${c.instagram}/`} target="_blank" rel="noopener noreferrer nofollow">
                Instagram (@{c.instagram})
              </a>
            ) : null}
            {c.whatsapp_group ? (
              <a href={c.whatsapp_group} target="_blank" rel="noopener noreferrer nofollow">
                Grupo de WhatsApp
              </a>
            ) : null}
          </p>
        ) : null}
        <ShareButtons url={`${siteUrl()}/coletivos/${c.slug}`} title={c.name} posterHref={null} />
      </header>

      <section aria-labelledby="impacto-titulo" className="space-y-3">
        <h2 id="impacto-titulo" className="text-xl font-semibold">
          Impacto
        </h2>
        <dl className="grid grid-cols-2 gap-2 sm:grid-cols-5 sm:gap-3">
          {[
            ["Mutirões realizados", formatNumber(impact.events_completed, 0)],
            ["Voluntários", formatNumber(impact.volunteers, 0)],
            ["Horas de voluntariado", formatNumber(impact.volunteer_hours, 1)],
            ["Resíduos (kg)", formatNumber(impact.total_kg, 1)],
            ["Árvores plantadas", formatNumber(impact.trees_planted, 0)],
          ].map(([label, value]) => (
            <div key={label} className="card px-3 py-2 sm:p-4">
              <dt className="text-xs font-semibold uppercase tracking-wide text-stone-600">{label}</dt>
              <dd className="font-bold sm:mt-1 sm:text-2xl">{value}</dd>
            </div>
          ))}
        </dl>
        {kg.length ? (
          <ul className="flex flex-wrap gap-2 text-sm" aria-label="Resíduos por material">
            {kg.map((m) => (
              <li key={m.key} className="chip">
                {m.label}: {formatNumber(impact.kg_by_material[m.key], 1)} kg
              </li>
            ))}
          </ul>
        ) : null}
      </section>

      <WastePanel totals={c.waste} id="residuos-titulo" title="Para onde foram os resíduos" />

      <section aria-labelledby="proximos-titulo" className="space-y-3">
        <h2 id="proximos-titulo" className="text-xl font-semibold">
          Próximos mutirões
        </h2>
        <CollectiveEventList page={orThrow(upcoming)} empty="Nenhum mutirão marcado agora. Siga o coletivo para saber do próximo." />
      </section>

      <section aria-labelledby="anteriores-titulo" className="space-y-3">
        <h2 id="anteriores-titulo" className="text-xl font-semibold">
          Mutirões anteriores
        </h2>
        <CollectiveEventList page={orThrow(past)} empty="Ainda nenhum." />
      </section>

      <section aria-labelledby="membros-titulo" className="space-y-3">
        <h2 id="membros-titulo" className="text-xl font-semibold">
          Quem faz parte
        </h2>
        {memberList.length && c.can_manage_members ? (
          <ul className="divide-y divide-stone-200 rounded-xl border border-stone-200 bg-white text-sm" aria-label="Membros">
            {memberList.map((m) => (
              <li key={m.user.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-2">
                <span>
                  {m.user.name} · {ROLE_LABEL[m.role]}
                  {m.is_public ? "" : " (só membros veem)"}
                </span>
                {m.user.id === me?.id ? null : <MemberControls slug={slug} member={m} />}
              </li>
            ))}
          </ul>
        ) : memberList.length ? (
          <ul className="flex flex-wrap gap-2">
            {memberList.map((m) => (
              <li key={m.user.id} className="chip">
                {m.user.name} · {ROLE_LABEL[m.role]}
                {c.my_role && !m.is_public ? " (só membros veem)" : ""}
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-stone-600">Os membros escolhem se aparecem aqui.</p>
        )}
        {mine ? (
          <div className="card space-y-3 p-4 text-sm">
            <ActionForm action={showMeAction.bind(null, slug, mine.user.id)} className="flex flex-wrap items-center gap-3" label="Aparecer na página" keepOnSuccess>
              <input type="hidden" name="is_public" value={mine.is_public ? "false" : "true"} />
              <span>{mine.is_public ? "Seu nome aparece nesta página." : "Seu nome não aparece para quem não é membro."}</span>
              <SubmitButton className="btn-secondary btn-sm">{mine.is_public ? "Não mostrar meu nome" : "Mostrar meu nome"}</SubmitButton>
            </ActionForm>
            <ActionForm action={leaveCollectiveAction.bind(null, slug)} confirm={`Sair de ${c.name}?`}>
              <SubmitButton className="btn-ghost btn-sm">Sair do coletivo</SubmitButton>
            </ActionForm>
          </div>
        ) : null}
      </section>

      {c.can_edit ? (
        <section aria-labelledby="convites-titulo" className="card space-y-4 p-5">
          <h2 id="convites-titulo" className="text-lg font-semibold">
            Convidar pessoas
          </h2>
          <p className="text-sm text-stone-700">
            Organizadores(as) gerenciam todos os mutirões do coletivo: participantes, check-in e relatório. A pessoa recebe um link por e-mail, válido por 7 dias e de uso único.
          </p>
          <InviteForm slug={slug} canInviteOwners={c.can_manage_members} />
          {invitations && invitations.ok && invitations.data.results.length ? (
            <ul className="divide-y divide-stone-200 text-sm" aria-label="Convites pendentes">
              {invitations.data.results.map((i) => (
                <li key={i.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                  <span>
                    {i.email} · {ROLE_LABEL[i.role]} · até {formatDate(i.expires_at)}
                  </span>
                  <ActionForm action={revokeInvitationAction.bind(null, slug, i.id)} confirm={`Cancelar o convite de ${i.email}?`}>
                    <SubmitButton className="btn-ghost btn-sm">Cancelar convite</SubmitButton>
                  </ActionForm>
                </li>
              ))}
            </ul>
          ) : null}
        </section>
      ) : null}
    </article>
  );
}
