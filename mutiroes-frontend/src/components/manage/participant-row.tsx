import { ActionForm } from "@/components/ui/action-form";
import { Badge } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";
import { participantActionForm } from "@/lib/actions/manage";
import type { Participant } from "@/lib/api/types";
import { PARTICIPATION_LABEL, formatDateTime, formatHours, formatTime } from "@/lib/format";

const TONE = { confirmed: "success", waitlisted: "warning", pending: "info", rejected: "danger", cancelled: "neutral" } as const;

/** One participant for the managers: the buttons are exactly the row's `actions` from the API. */
export function ParticipantRow({ eventId, p, asksImageConsent }: { eventId: number; p: Participant; asksImageConsent: boolean }) {
  const allowed = new Set(p.actions);
  const can = {
    approve: allowed.has("approve"),
    reject: allowed.has("reject"),
    restore: allowed.has("restore"),
    checkIn: allowed.has("check-in"),
    checkOut: allowed.has("check-out"),
    noShow: allowed.has("no-show"),
    undoNoShow: allowed.has("undo-no-show"),
  };
  // A pending request is declined; someone already in (confirmed or waiting) is removed.
  const rejectLabel = p.status === "pending" ? "Recusar" : "Remover";
  return (
    <li className="scroll-mt-20 p-4 target:bg-amber-50" id={`participante-${p.id}`} data-testid={`participant-${p.id}`}>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <p className="font-semibold">
            {p.user.name}
          </p>
          <p className="text-xs text-stone-600">
            Código <span className="font-mono font-semibold text-stone-800">{p.code}</span> · inscrito em {formatDateTime(p.created_at)}
          </p>
        </div>
        <span className="flex flex-wrap gap-1">
          <Badge tone={TONE[p.status]}>{PARTICIPATION_LABEL[p.status]}</Badge>
          {p.no_show ? <Badge tone="danger">Ausente</Badge> : null}
        </span>
      </div>
      {p.status === "rejected" ? (
        <p className="mt-2 text-sm text-stone-700" data-testid="rejection-reason">
          {p.rejection_reason ? `Motivo informado: ${p.rejection_reason}` : "Recusado sem motivo informado."}
        </p>
      ) : null}
      <ConsentList p={p} asksImageConsent={asksImageConsent} />
      {p.emergency_contact || p.notes ? (
        <dl className="mt-2 grid gap-1 rounded-lg bg-amber-50 p-2 text-sm sm:grid-cols-2">
          {p.emergency_contact ? (
            <div>
              <dt className="text-xs font-semibold text-amber-900">Contato de emergência</dt>
              <dd>{p.emergency_contact}</dd>
            </div>
          ) : null}
          {p.notes ? (
            <div>
              <dt className="text-xs font-semibold text-amber-900">Observações</dt>
              <dd className="whitespace-pre-line">{p.notes}</dd>
            </div>
          ) : null}
        </dl>
      ) : null}
      <p className="mt-2 text-sm text-stone-700" data-testid="attendance">
        {p.checked_in_at ? `Chegou às ${formatTime(p.checked_in_at)}` : "Ainda sem check-in"}
        {p.checked_out_at ? ` · saiu às ${formatTime(p.checked_out_at)}` : ""}
        {p.hours !== null && p.hours !== undefined ? ` · ${formatHours(p.hours)}` : ""}
      </p>
      <div className="mt-2 flex flex-wrap items-end gap-2">
        {can.approve ? (
          <ActionForm action={participantActionForm.bind(null, eventId, p.id, "approve")}>
            <SubmitButton className="btn-primary btn-sm">Aprovar</SubmitButton>
          </ActionForm>
        ) : null}
        {can.restore ? (
          <ActionForm action={participantActionForm.bind(null, eventId, p.id, "restore")}>
            <SubmitButton className="btn-secondary btn-sm">Desfazer recusa</SubmitButton>
          </ActionForm>
        ) : null}
        {can.noShow ? (
          <ActionForm action={participantActionForm.bind(null, eventId, p.id, "no-show")}>
            <SubmitButton className="btn-secondary btn-sm">Marcar ausência</SubmitButton>
          </ActionForm>
        ) : null}
        {can.undoNoShow ? (
          <ActionForm action={participantActionForm.bind(null, eventId, p.id, "undo-no-show")}>
            <SubmitButton className="btn-secondary btn-sm">Desfazer ausência</SubmitButton>
          </ActionForm>
        ) : null}
        {can.checkIn ? (
          <ActionForm action={participantActionForm.bind(null, eventId, p.id, "check-in")}>
            <SubmitButton className="btn-primary btn-sm">Fazer check-in</SubmitButton>
          </ActionForm>
        ) : null}
        {can.checkOut ? (
          <ActionForm action={participantActionForm.bind(null, eventId, p.id, "check-out")} className="flex flex-wrap items-end gap-2">
            <div>
              <label htmlFor={`hours-${p.id}`} className="text-xs font-medium text-stone-700">
                Horas (opcional)
              </label>
              <input id={`hours-${p.id}`} name="hours" inputMode="decimal" className="input w-24" placeholder="auto" />
            </div>
            <SubmitButton className="btn-secondary btn-sm">{p.checked_out_at ? "Corrigir horas" : "Fazer check-out"}</SubmitButton>
          </ActionForm>
        ) : null}
      </div>
      {can.reject ? (
        <details className="mt-2 rounded-lg border border-red-200 p-2 text-sm">
          <summary className="cursor-pointer font-medium text-red-800">{rejectLabel}…</summary>
          <ActionForm
            action={participantActionForm.bind(null, eventId, p.id, "reject")}
            confirm={`${rejectLabel} ${p.user.name}? A pessoa recebe o aviso com o motivo.`}
            className="mt-2 space-y-2"
            label={`${rejectLabel} ${p.user.name}`}
          >
            <label htmlFor={`reason-${p.id}`} className="label">
              Motivo (a pessoa vê)
            </label>
            <textarea id={`reason-${p.id}`} name="reason" rows={2} maxLength={500} className="input" />
            <SubmitButton className="btn-danger btn-sm">{rejectLabel}</SubmitButton>
          </ActionForm>
        </details>
      ) : null}
    </li>
  );
}

/** What the person accepted at registration: when, and the version of the texts. */
function ConsentList({ p, asksImageConsent }: { p: Participant; asksImageConsent: boolean }) {
  if (!p.consent_version) return null;
  return (
    <dl className="mt-2 grid gap-1 text-xs text-stone-700 sm:grid-cols-3" data-testid="consents">
      {p.waiver_accepted_at ? (
        <div>
          <dt className="font-semibold">Termo de responsabilidade</dt>
          <dd>Aceito em {formatDateTime(p.waiver_accepted_at)}</dd>
        </div>
      ) : null}
      {asksImageConsent ? (
        <div>
          <dt className="font-semibold">Uso de imagem</dt>
          <dd>{p.image_consent_at ? `Autorizado em ${formatDateTime(p.image_consent_at)}` : "Não autorizado"}</dd>
        </div>
      ) : null}
      {p.guardian_consent_at ? (
        <div>
          <dt className="font-semibold">Autorização do responsável</dt>
          <dd>
            {p.guardian_name}, em {formatDateTime(p.guardian_consent_at)}
          </dd>
        </div>
      ) : null}
      <div>
        <dt className="font-semibold">Versão dos termos</dt>
        <dd>{p.consent_version}</dd>
      </div>
    </dl>
  );
}
