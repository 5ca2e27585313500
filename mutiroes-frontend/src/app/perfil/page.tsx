import type { Metadata } from "next";
import Link from "next/link";
import { EventGrid } from "@/components/events/event-card";
import { Stat } from "@/components/events/report-view";
import { ProfileForm } from "@/components/profile/profile-form";
import { ActionForm } from "@/components/ui/action-form";
import { Alert } from "@/components/ui/alert";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { SubmitButton } from "@/components/ui/submit-button";
import { changePasswordAction, deleteAccountAction, rotateCalendarAction } from "@/lib/actions/profile";
import { listCategories } from "@/lib/api/events";
import { getCalendarToken, getMyEvents, getMyStats } from "@/lib/api/users";
import { requireUser } from "@/lib/auth-guard";
import { formatNumber } from "@/lib/format";

export const metadata: Metadata = { title: "Meu perfil", robots: { index: false } };

type Props = { searchParams: Promise<Record<string, string | undefined>> };

export default async function ProfilePage({ searchParams }: Props) {
  const me = await requireUser("/perfil");
  const sp = await searchParams;
  const [statsAnswer, eventsAnswer, categories, calendarAnswer] = await Promise.all([getMyStats(), getMyEvents(), listCategories(), getCalendarToken()]);
  const stats = statsAnswer.ok ? statsAnswer.data : null;
  const events = eventsAnswer.ok ? eventsAnswer.data : null;
  const upcoming = (events?.participating ?? []).filter((e) => e.my_participation && e.my_participation !== "cancelled");
  // The API states the feed's address; the web app never rebuilds it.
  const calendarUrl = calendarAnswer.ok ? calendarAnswer.data.url : null;

  return (
    <div className="space-y-10">
      <PageHeader
        title={me.name}
        description={
          <>
            {me.email}
            {me.city ? ` · ${me.city}${me.state ? `/${me.state}` : ""}` : ""}
            {me.is_public ? (
              <>
                {" "}
                · <Link href={`/usuarios/${me.id}`}>ver perfil público</Link>
              </>
            ) : (
              " · perfil privado"
            )}
          </>
        }
      />

      <section aria-labelledby="numeros-titulo" className="space-y-3">
        <h2 id="numeros-titulo" className="text-xl font-semibold">
          Meus números
        </h2>
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4" data-testid="my-stats">
          <Stat label="Mutirões" value={formatNumber(stats?.events_attended, 0)} />
          <Stat label="Horas de voluntariado" value={formatNumber(stats?.volunteer_hours)} />
          <Stat label="Organizados" value={formatNumber(stats?.events_organized, 0)} />
          <Stat label="Resíduos (kg)" value={formatNumber(stats?.kg_collected)} />
        </dl>
        {stats?.badges?.length ? (
          <ul className="flex flex-wrap gap-2" aria-label="Conquistas">
            {stats.badges.map((b) => (
              <li key={b.code} className="chip border-amber-300 bg-amber-50 text-amber-900" title={b.description}>
                🏅 {b.name}
              </li>
            ))}
          </ul>
        ) : null}
        {sp.certificado === "sem-horas" ? (
          <Alert tone="info" title="Ainda não há horas no seu certificado">
            Ele fica disponível depois do seu primeiro mutirão com check-out registrado pela organização.
          </Alert>
        ) : null}
        {sp.certificado === "sem-nome" ? (
          <Alert tone="info" title="Falta seu nome completo">
            O certificado leva seu nome e sobrenome, como no documento. <a href="#first_name">Preencha em “Dados do perfil”</a> e baixe de novo.
          </Alert>
        ) : null}
        <p className="flex flex-wrap gap-2" id="certificado">
          <a href="/perfil/certificado.pdf" className="btn-secondary">
            Baixar certificado de horas (PDF)
          </a>
          <Link href="/perfil/notificacoes" className="btn-secondary">
            Preferências de notificação
          </Link>
        </p>
      </section>

      <section aria-labelledby="participando-titulo" className="space-y-3">
        <h2 id="participando-titulo" className="text-xl font-semibold">
          Mutirões em que me inscrevi
        </h2>
        {upcoming.length ? (
          <EventGrid events={upcoming} headingLevel={3} />
        ) : (
          <EmptyState title="Você ainda não se inscreveu em nenhum mutirão" action={<Link href="/eventos" className="btn-primary">Encontrar mutirões</Link>} />
        )}
      </section>

      <section aria-labelledby="organizados-titulo" className="space-y-3">
        <h2 id="organizados-titulo" className="text-xl font-semibold">
          Mutirões que organizo
        </h2>
        {events?.organized.length ? (
          <EventGrid events={events.organized} headingLevel={3} />
        ) : (
          <EmptyState title="Nenhum mutirão organizado" action={<Link href="/eventos/novo" className="btn-secondary">Organizar um mutirão</Link>} />
        )}
      </section>

      <section aria-labelledby="dados-titulo" className="card space-y-4 p-5">
        <h2 id="dados-titulo" className="text-xl font-semibold">
          Dados do perfil
        </h2>
        <ProfileForm me={me} categories={categories} />
      </section>

      {calendarUrl ? (
        <section aria-labelledby="agenda-titulo" className="card space-y-3 p-5">
          <h2 id="agenda-titulo" className="text-xl font-semibold">
            Minha agenda
          </h2>
          <p className="text-sm text-stone-700">Assine este link no seu aplicativo de calendário para ver seus mutirões confirmados. Não compartilhe: ele é pessoal.</p>
          <label htmlFor="calendar-url" className="sr-only">
            Link da agenda
          </label>
          <input id="calendar-url" readOnly value={calendarUrl} className="input font-mono text-xs" />
          <ActionForm action={rotateCalendarAction} confirm="Gerar um novo link? O antigo deixará de funcionar.">
            <SubmitButton className="btn-secondary btn-sm">Gerar novo link</SubmitButton>
          </ActionForm>
        </section>
      ) : null}

      <section aria-labelledby="senha-titulo" className="card space-y-3 p-5">
        <h2 id="senha-titulo" className="text-xl font-semibold">
          Alterar senha
        </h2>
        <ActionForm action={changePasswordAction} className="grid gap-3 sm:grid-cols-3 sm:items-end" label="Alterar senha">
          <div>
            <label htmlFor="old_password" className="label">
              Senha atual
            </label>
            <input id="old_password" name="old_password" type="password" autoComplete="current-password" className="input" required />
          </div>
          <div>
            <label htmlFor="new_password" className="label">
              Nova senha
            </label>
            <input id="new_password" name="new_password" type="password" autoComplete="new-password" className="input" required />
          </div>
          <div>
            <SubmitButton className="btn-secondary">Alterar senha</SubmitButton>
          </div>
        </ActionForm>
      </section>

      <section aria-labelledby="lgpd-titulo" className="card space-y-4 p-5">
        <h2 id="lgpd-titulo" className="text-xl font-semibold">
          Meus dados (LGPD)
        </h2>
        <p>
          <a href="/perfil/exportar.json" className="btn-secondary" download>
            Exportar todos os meus dados
          </a>
        </p>
        <details className="rounded-lg border border-red-200 p-3">
          <summary className="cursor-pointer font-medium text-red-800">Excluir minha conta</summary>
          <ActionForm action={deleteAccountAction} className="mt-3 space-y-3" confirm="Excluir sua conta para sempre?" label="Excluir conta">
            <p className="text-sm text-stone-700">Seus dados pessoais serão apagados. Esta ação não pode ser desfeita.</p>
            <div>
              <label htmlFor="delete-password" className="label">
                Sua senha
              </label>
              <input id="delete-password" name="password" type="password" autoComplete="current-password" className="input" required />
            </div>
            <div>
              <label htmlFor="delete-confirm" className="label">
                Digite EXCLUIR para confirmar
              </label>
              <input id="delete-confirm" name="confirm" className="input" autoComplete="off" required />
            </div>
            <SubmitButton className="btn-danger">Excluir minha conta</SubmitButton>
          </ActionForm>
        </details>
      </section>
    </div>
  );
}
