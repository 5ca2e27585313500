import Link from "next/link";
import { ActionForm } from "@/components/ui/action-form";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";
import { joinAction, leaveAction, selfCheckInAction } from "@/lib/actions/events";
import type { EventDetail } from "@/lib/api/types";
import { joinView } from "@/lib/events/participation";

export function JoinPanel({ event, loggedIn }: { event: EventDetail; loggedIn: boolean }) {
  const view = joinView({ ...event, loggedIn });
  // Self check-in with the mutirão's code, when the API says the viewer may check in now.
  const checkInOpen = event.can_check_in;

  // The organizer runs the mutirão; the API would refuse their sign-up (is_organizer).
  if (event.can_manage) {
    return (
      <section aria-labelledby="inscricao-titulo" className="card p-5" data-testid="join-panel">
        <h2 id="inscricao-titulo" className="text-lg font-semibold">
          Sua participação
        </h2>
        <div className="mt-3">
          <Alert tone="info">Você organiza este mutirão.</Alert>
        </div>
        <Link href={`/eventos/${event.id}/gerenciar`} className="btn-secondary mt-4 w-full">
          Ver inscritos e fazer check-in
        </Link>
      </section>
    );
  }

  return (
    <section aria-labelledby="inscricao-titulo" className="card p-5" data-testid="join-panel">
      <h2 id="inscricao-titulo" className="text-lg font-semibold">
        Sua participação
      </h2>
      {view.badge ? (
        <p className="mt-3" data-testid="participation-status">
          <span
            className={`inline-flex items-center rounded-full px-3 py-1 text-sm font-bold ${
              view.tone === "success"
                ? "bg-brand-700 text-white"
                : view.tone === "warning"
                  ? "bg-amber-100 text-amber-900"
                  : view.tone === "danger"
                    ? "bg-red-100 text-red-900"
                    : "bg-sky-100 text-sky-900"
            }`}
          >
            {view.badge}
          </span>
        </p>
      ) : null}
      <div className="mt-3">
        <Alert tone={view.tone === "success" ? "success" : view.tone === "neutral" ? "neutral" : view.tone}>{view.message}</Alert>
      </div>
      {view.status === "waitlisted" && event.my_waitlist_position ? (
        <p className="mt-2 text-sm font-medium" data-testid="waitlist-position">
          {event.my_waitlist_position === 1 ? "Você é o próximo da fila." : `Sua posição na fila: ${event.my_waitlist_position}º.`}
        </p>
      ) : null}

      {view.action === "login" ? (
        <Link href={`/entrar?next=${encodeURIComponent(`/eventos/${event.id}`)}`} className="btn-primary mt-4 w-full">
          {view.actionLabel}
        </Link>
      ) : null}

      {view.action === "join" || view.action === "waitlist" || view.action === "request" ? (
        <ActionForm action={joinAction.bind(null, event.id)} className="mt-4 space-y-3" label="Inscrição">
          <details className="rounded-lg border border-stone-200 p-3 text-sm">
            <summary className="cursor-pointer font-medium">Contato de emergência e observações (opcional)</summary>
            <div className="mt-3 space-y-3">
              <div>
                <label htmlFor="emergency_contact" className="label">
                  Contato de emergência
                </label>
                <input id="emergency_contact" name="emergency_contact" className="input" placeholder="Nome e telefone" maxLength={200} />
              </div>
              <div>
                <label htmlFor="notes" className="label">
                  Observações para a organização
                </label>
                <textarea id="notes" name="notes" className="input" rows={2} maxLength={1000} />
              </div>
              <p className="text-xs text-stone-600">Só a organização do mutirão vê essas informações.</p>
            </div>
          </details>
          <SubmitButton className={view.action === "waitlist" ? "btn-secondary w-full" : "btn-primary w-full"} pendingText="Enviando…">
            {view.actionLabel}
          </SubmitButton>
        </ActionForm>
      ) : null}

      {view.action === "leave" ? (
        <ActionForm action={leaveAction.bind(null, event.id)} className="mt-4" confirm="Tem certeza? Sua vaga será liberada para outra pessoa.">
          <SubmitButton className="btn-danger w-full" pendingText="Cancelando…">
            {view.actionLabel}
          </SubmitButton>
        </ActionForm>
      ) : null}

      {checkInOpen ? (
        <ActionForm action={selfCheckInAction.bind(null, event.id)} className="mt-4 space-y-2 border-t border-stone-200 pt-4" label="Check-in">
          <label htmlFor="checkin-code" className="label">
            Chegou? Faça seu check-in com o código do mutirão
          </label>
          <div className="flex gap-2">
            <input id="checkin-code" name="code" className="input uppercase" autoComplete="off" maxLength={12} required />
            <SubmitButton className="btn-secondary">Check-in</SubmitButton>
          </div>
        </ActionForm>
      ) : null}
    </section>
  );
}
