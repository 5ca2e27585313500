import type { Metadata } from "next";
import Link from "next/link";
import { ActionForm } from "@/components/ui/action-form";
import { Alert } from "@/components/ui/alert";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { SubmitButton } from "@/components/ui/submit-button";
import { readAllNotificationsAction, readNotificationAction } from "@/lib/actions/profile";
import { NOTIFICATIONS_PAGE_SIZE, listNotifications } from "@/lib/api/users";
import { requireUser } from "@/lib/auth-guard";
import { totalPages } from "@/lib/events/filters";
import { formatDateTime } from "@/lib/format";

export const metadata: Metadata = { title: "Notificações", robots: { index: false } };

type Props = { searchParams: Promise<Record<string, string | undefined>> };

/** Internal links only: notification URLs may be absolute links to this site. */
function internalHref(url: string | undefined, eventId: number | null | undefined): string | null {
  if (url) {
    try {
      const parsed = new URL(url, "http://x");
      const path = `${parsed.pathname}${parsed.search}`;
      if (path.startsWith("/") && !path.startsWith("//")) return path;
    } catch {
      // ignore
    }
  }
  return eventId ? `/eventos/${eventId}` : null;
}

export default async function NotificationsPage({ searchParams }: Props) {
  await requireUser("/notificacoes");
  const pageNum = Math.max(1, Number((await searchParams).pagina) || 1);
  const answer = await listNotifications(pageNum);
  const data = answer.ok ? answer.data : null;
  const unread = data?.results.some((n) => !n.read_at) ?? false;
  return (
    <>
      <PageHeader
        title="Notificações"
        description={
          <>
            Quer saber de mutirões novos perto de você? <Link href="/alertas">Configure seus alertas</Link>.
          </>
        }
        actions={
          unread ? (
            <ActionForm action={readAllNotificationsAction}>
              <SubmitButton className="btn-secondary">Marcar todas como lidas</SubmitButton>
            </ActionForm>
          ) : null
        }
      />
      {data === null ? (
        <Alert tone="warning">Não foi possível carregar as notificações agora.</Alert>
      ) : data.results.length === 0 ? (
        <EmptyState title="Nenhuma notificação">Avisamos aqui quando sua inscrição for confirmada, quando houver mudanças nos seus mutirões e mais.</EmptyState>
      ) : (
        <>
          <ul className="card divide-y divide-stone-200">
            {data.results.map((n) => {
              const href = internalHref(n.url, n.event);
              return (
                <li key={n.id} className={`flex flex-wrap items-start justify-between gap-3 p-4 ${n.read_at ? "" : "bg-brand-50"}`}>
                  <div className="min-w-0">
                    <p className="font-semibold">
                      {!n.read_at ? <span className="sr-only">Não lida: </span> : null}
                      {href ? <Link href={href}>{n.title}</Link> : n.title}
                    </p>
                    {n.body ? <p className="mt-1 text-sm text-stone-700">{n.body}</p> : null}
                    <p className="mt-1 text-xs text-stone-600">
                      <time dateTime={n.created_at}>{formatDateTime(n.created_at)}</time>
                    </p>
                  </div>
                  {!n.read_at ? (
                    <ActionForm action={readNotificationAction.bind(null, n.id)}>
                      <SubmitButton className="btn-ghost btn-sm">Marcar como lida</SubmitButton>
                    </ActionForm>
                  ) : null}
                </li>
              );
            })}
          </ul>
          <Pagination page={pageNum} pages={totalPages(data.count, NOTIFICATIONS_PAGE_SIZE)} href={(p) => `/notificacoes?pagina=${p}`} />
        </>
      )}
    </>
  );
}
