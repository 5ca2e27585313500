import Link from "next/link";
import { ActionForm } from "@/components/ui/action-form";
import { Badge } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";
import { participantActionForm } from "@/lib/actions/manage";
import type { Participant } from "@/lib/api/types";
import { PARTICIPATION_LABEL, formatDateTime, formatHours, formatTime } from "@/lib/format";

const TONE = { confirmed: "success", waitlisted: "warning", pending: "info", rejected: "danger", cancelled: "neutral" } as const;

/** One participant for the managers: the buttons are exactly the row's `actions` from the API. */
export function ParticipantRow({ eventId, p }: { eventId: number; p: Participant }) {
  const allowed = new Set(p.actions);
  const can = { approve: allowed.has("approve"), reject: allowed.has("reject"), checkIn: allowed.has("check-in"), checkOut: allowed.has("check-out") };
  return (
    <li className="scroll-mt-20 p-4 target:bg-amber-50" id={`participante-${p.id}`} data-testid={`participant-${p.id}`}>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <p className="font-semibold">
            <Link href={`/usuarios/${p.user.id}`}>{p.user.name}</Link>
          </p>
          <p className="text-xs text-stone-600">
            Código <span className="font-mono font-semibold text-stone-800">{p.code}</span> · inscrito em {formatDateTime(p.created_at)}
          </p>
        </div>
        <Badge tone={TONE[p.status]}>{PARTICIPATION_LABEL[p.status]}</Badge>
      </div>
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
        {can.reject ? (
          <ActionForm action={participantActionForm.bind(null, eventId, p.id, "reject")} confirm={`Recusar a inscrição de ${p.user.name}?`}>
            <SubmitButton className="btn-danger btn-sm">Recusar</SubmitButton>
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
    </li>
  );
}
