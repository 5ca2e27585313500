import Link from "next/link";
import { ActionForm } from "@/components/ui/action-form";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";
import { joinAction, leaveAction, selfCheckInAction } from "@/lib/actions/events";
import type { ConsentAsk, EventDetail } from "@/lib/api/types";
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
      {view.status === "rejected" && event.my_rejection_reason ? (
        <p className="mt-2 text-sm" data-testid="rejection-reason">
          <span className="font-semibold">Motivo informado pela organização:</span> {event.my_rejection_reason}
        </p>
      ) : null}
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
          <ConsentFields consents={event.consents} />
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

const CONSENT_TITLE: Record<ConsentAsk["kind"], string> = {
  waiver: "Termo de responsabilidade",
  image_use: "Uso de imagem",
  guardian: "Autorização do responsável (menor de 18 anos)",
};

/** The consents the API says this sign-up asks: required ones must be ticked, image use may be refused. */
function ConsentFields({ consents }: { consents: ConsentAsk[] }) {
  if (!consents.length) return null;
  return (
    <fieldset className="space-y-3 rounded-lg border border-stone-200 p-3 text-sm" data-testid="consents">
      <legend className="px-1 font-medium">Termos da inscrição</legend>
      {consents.map((c) => {
        const name = c.kind === "waiver" ? "accept_waiver" : c.kind === "image_use" ? "image_consent" : "guardian_consent";
        return (
          <div key={c.kind} className="space-y-1">
            <p className="font-semibold">
              {CONSENT_TITLE[c.kind]} {c.required ? <span className="text-red-800">(obrigatório)</span> : <span className="text-stone-600">(opcional)</span>}
            </p>
            <p id={`consent-text-${c.kind}`} className="text-stone-700">
              {c.text}
            </p>
            <label className="flex items-start gap-2">
              <input type="checkbox" name={name} className="mt-1" aria-describedby={`consent-text-${c.kind}`} aria-required={c.required} />
              <span>{c.kind === "guardian" ? "Sou o responsável e autorizo" : c.kind === "waiver" ? "Li e aceito o termo" : "Autorizo o uso da minha imagem"}</span>
            </label>
            {c.kind === "guardian" ? (
              <div>
                <label htmlFor="guardian_name" className="label">
                  Nome completo do responsável
                </label>
                <input id="guardian_name" name="guardian_name" className="input" maxLength={200} autoComplete="off" />
              </div>
            ) : null}
            <p className="text-xs text-stone-500">Versão {c.version}</p>
          </div>
        );
      })}
    </fieldset>
  );
}
