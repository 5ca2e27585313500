"use client";

import { Field, describedBy } from "@/components/ui/field";
import { KeptForm } from "@/components/ui/kept-form";
import { SubmitButton } from "@/components/ui/submit-button";
import { useKeptForm } from "@/components/ui/use-kept-form";
import type { FormState } from "@/lib/form-state";

/** The receiver confirms, optionally with what the scale said and the weighing ticket's photo. */
export function ReceiptForm({ action }: { action: (prev: FormState, form: FormData) => Promise<FormState> }) {
  const form = useKeptForm(action);
  const v = form.state.values ?? {};
  const f = form.state.fields ?? {};
  return (
    <KeptForm form={form} className="card space-y-4 p-5" errorTitle="Não foi possível confirmar" label="Confirmar o recebimento">
      <Field id="received_kg" label="Peso recebido na balança, em kg (opcional)" errors={f.received_kg} hint="Ex.: 12,5">
        <input id="received_kg" name="received_kg" inputMode="decimal" defaultValue={v.received_kg ?? ""} className="input" {...describedBy("received_kg", f.received_kg, "h")} />
      </Field>
      <Field id="ticket" label="Foto do ticket de pesagem (opcional)" errors={f.ticket} hint="JPEG, PNG ou WebP, até 10 MB.">
        <input id="ticket" name="ticket" type="file" accept="image/jpeg,image/png,image/webp" className="input" {...describedBy("ticket", f.ticket, "h")} />
      </Field>
      <Field id="note" label="Observação (opcional)" errors={f.note}>
        <input id="note" name="note" maxLength={500} defaultValue={v.note ?? ""} className="input" {...describedBy("note", f.note)} />
      </Field>
      <SubmitButton className="btn-primary" pendingText="Confirmando…">
        Confirmar recebimento
      </SubmitButton>
    </KeptForm>
  );
}
