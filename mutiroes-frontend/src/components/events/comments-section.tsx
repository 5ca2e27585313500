import Link from "next/link";
import { ActionForm } from "@/components/ui/action-form";
import { LinkifiedText } from "@/components/ui/linkified-text";
import { SubmitButton } from "@/components/ui/submit-button";
import { commentAction, deleteCommentAction } from "@/lib/actions/events";
import type { Comment, CommentReply } from "@/lib/api/types";
import { formatDateTime } from "@/lib/format";

/** Threads one level deep: top-level comments with their replies. */
export function threadComments(comments: Array<Comment | CommentReply>): Array<CommentReply & { replies: CommentReply[] }> {
  const tops = comments.filter((c) => !c.parent).map((c) => ({ ...c, replies: [...("replies" in c ? c.replies : [])] }));
  const byId = new Map(tops.map((c) => [c.id, c]));
  for (const c of comments) {
    if (c.parent && !byId.get(c.parent)?.replies.some((r) => r.id === c.id)) byId.get(c.parent)?.replies.push(c);
  }
  for (const t of tops) t.replies.sort((a, b) => a.created_at.localeCompare(b.created_at));
  return tops;
}

function CommentItem({ eventId, comment, meId, canModerate }: { eventId: number; comment: CommentReply; meId: number | null; canModerate: boolean }) {
  const canDelete = meId !== null && (comment.author.id === meId || canModerate);
  return (
    <div className="rounded-lg bg-stone-50 p-3">
      <p className="text-sm">
        {comment.author.is_public ? (
          <Link href={`/usuarios/${comment.author.id}`} className="font-semibold">
            {comment.author.name}
          </Link>
        ) : (
          <span className="font-semibold">{comment.author.name}</span>
        )}{" "}
        <time dateTime={comment.created_at} className="text-xs text-stone-600">
          {formatDateTime(comment.created_at)}
        </time>
      </p>
      <p className="mt-1 whitespace-pre-line text-sm text-stone-800">
        <LinkifiedText text={comment.body} />
      </p>
      {canDelete ? (
        <ActionForm action={deleteCommentAction.bind(null, eventId, comment.id)} confirm="Apagar este comentário?" className="mt-1">
          <SubmitButton className="text-xs font-medium text-red-700 underline" pendingText="Apagando…">
            Apagar
          </SubmitButton>
        </ActionForm>
      ) : null}
    </div>
  );
}

/** `open` is the API's `comments_open`; false (a draft, a cancelled mutirão): the conversation stays readable, nobody is invited to add to it, and `closedNote` says why. */
export function CommentsSection({ eventId, comments, meId, canModerate, open, closedNote }: { eventId: number; comments: Comment[]; meId: number | null; canModerate: boolean; open: boolean; closedNote: string }) {
  const threads = threadComments(comments);
  return (
    <section aria-labelledby="comentarios-titulo" className="space-y-4">
      <h2 id="comentarios-titulo" className="text-xl font-semibold">
        Conversa {threads.length ? <span className="text-base font-normal text-stone-600">({threads.reduce((n, t) => n + 1 + t.replies.length, 0)})</span> : null}
      </h2>
      {threads.length === 0 ? <p className="text-sm text-stone-600">Ninguém comentou ainda. Tire dúvidas ou combine carona aqui.</p> : null}
      <ul className="space-y-3">
        {threads.map((t) => (
          <li key={t.id} className="space-y-2">
            <CommentItem eventId={eventId} comment={t} meId={meId} canModerate={canModerate} />
            {t.replies.length ? (
              <ul className="ml-6 space-y-2 border-l-2 border-stone-200 pl-3">
                {t.replies.map((r) => (
                  <li key={r.id}>
                    <CommentItem eventId={eventId} comment={r} meId={meId} canModerate={canModerate} />
                  </li>
                ))}
              </ul>
            ) : null}
            {meId !== null && open ? (
              <details className="ml-6 text-sm">
                <summary className="cursor-pointer text-brand-700">Responder</summary>
                <ActionForm action={commentAction.bind(null, eventId)} className="mt-2 space-y-2" label={`Responder a ${t.author.name}`}>
                  <input type="hidden" name="parent" value={t.id} />
                  <label htmlFor={`reply-${t.id}`} className="sr-only">
                    Sua resposta
                  </label>
                  <textarea id={`reply-${t.id}`} name="body" rows={2} className="input" maxLength={2000} required />
                  <SubmitButton className="btn-secondary btn-sm">Responder</SubmitButton>
                </ActionForm>
              </details>
            ) : null}
          </li>
        ))}
      </ul>
      {!open ? (
        <p className="text-sm text-stone-700">{closedNote}</p>
      ) : meId !== null ? (
        <ActionForm action={commentAction.bind(null, eventId)} className="space-y-2" label="Novo comentário">
          <label htmlFor="new-comment" className="label">
            Escreva um comentário
          </label>
          <textarea id="new-comment" name="body" rows={3} className="input" maxLength={2000} required />
          <SubmitButton className="btn-primary">Comentar</SubmitButton>
        </ActionForm>
      ) : (
        <p className="text-sm">
          <Link href={`/entrar?next=${encodeURIComponent(`/eventos/${eventId}`)}`}>Entre</Link> para comentar.
        </p>
      )}
    </section>
  );
}
