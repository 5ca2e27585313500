"use client";

import { useActionState } from "react";
import { passwordResetConfirm, passwordResetRequest } from "@/lib/actions/auth";
import { Alert } from "@/components/ui/alert";
import { Field, describedBy } from "@/components/ui/field";
import { initialFormState } from "@/lib/form-state";
import { SubmitButton } from "@/components/ui/submit-button";

export function PasswordResetRequestForm() {
  const [state, action] = useActionState(passwordResetRequest, initialFormState);
  const f = state.fields ?? {};
  if (state.ok) return <Alert tone="success">{state.message}</Alert>;
  return (
    <form action={action} className="space-y-4" noValidate>
      {state.message ? <Alert tone="danger">{state.message}</Alert> : null}
      <Field id="email" label="E-mail da sua conta" errors={f.email}>
        <input id="email" name="email" type="email" autoComplete="email" required className="input" {...describedBy("email", f.email)} />
      </Field>
      <SubmitButton className="btn-primary w-full">Enviar link</SubmitButton>
    </form>
  );
}

export function PasswordResetConfirmForm({ uid, token }: { uid: string; token: string }) {
  const [state, action] = useActionState(passwordResetConfirm, initialFormState);
  const f = state.fields ?? {};
  const other = [...(f.uid ?? []), ...(f.token ?? [])];
  return (
    <form action={action} className="space-y-4" noValidate>
      {state.message ? (
        <Alert tone="danger">
          {state.message} {other.join(" ")}
        </Alert>
      ) : null}
      <input type="hidden" name="uid" value={uid} />
      <input type="hidden" name="token" value={token} />
      <Field id="new_password" label="Nova senha" errors={f.new_password}>
        <input id="new_password" name="new_password" type="password" autoComplete="new-password" required className="input" {...describedBy("new_password", f.new_password)} />
      </Field>
      <Field id="new_password_confirm" label="Repita a nova senha" errors={f.new_password_confirm}>
        <input id="new_password_confirm" name="new_password_confirm" type="password" autoComplete="new-password" required className="input" {...describedBy("new_password_confirm", f.new_password_confirm)} />
      </Field>
      <SubmitButton className="btn-primary w-full">Salvar nova senha</SubmitButton>
    </form>
  );
}
