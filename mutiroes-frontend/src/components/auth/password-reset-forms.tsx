"use client";

import { passwordResetConfirm, passwordResetRequest } from "@/lib/actions/auth";
import { Alert } from "@/components/ui/alert";
import { Field, describedBy } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { KeptForm } from "@/components/ui/kept-form";
import { useKeptForm } from "@/components/ui/use-kept-form";

export function PasswordResetRequestForm() {
  const form = useKeptForm(passwordResetRequest);
  const { state } = form;
  const f = state.fields ?? {};
  if (state.ok) return <Alert tone="success">{state.message}</Alert>;
  return (
    <KeptForm form={form} className="space-y-4">
      <Field id="email" label="E-mail da sua conta" errors={f.email}>
        <input id="email" name="email" type="email" autoComplete="email" required className="input" {...describedBy("email", f.email)} />
      </Field>
      <SubmitButton className="btn-primary w-full">Enviar link</SubmitButton>
    </KeptForm>
  );
}

export function PasswordResetConfirmForm({ uid, token }: { uid: string; token: string }) {
  const form = useKeptForm(passwordResetConfirm);
  const { state } = form;
  const f = state.fields ?? {};
  const other = [...(f.uid ?? []), ...(f.token ?? [])];
  return (
    <KeptForm form={form} className="space-y-4" extra={other.join(" ")}>
      <input type="hidden" name="uid" value={uid} />
      <input type="hidden" name="token" value={token} />
      <Field id="new_password" label="Nova senha" errors={f.new_password}>
        <input id="new_password" name="new_password" type="password" autoComplete="new-password" required className="input" {...describedBy("new_password", f.new_password)} />
      </Field>
      <Field id="new_password_confirm" label="Repita a nova senha" errors={f.new_password_confirm}>
        <input id="new_password_confirm" name="new_password_confirm" type="password" autoComplete="new-password" required className="input" {...describedBy("new_password_confirm", f.new_password_confirm)} />
      </Field>
      <SubmitButton className="btn-primary w-full">Salvar nova senha</SubmitButton>
    </KeptForm>
  );
}
