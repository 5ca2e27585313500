"use client";

import { useActionState } from "react";
import { register } from "@/lib/actions/auth";
import { Alert } from "@/components/ui/alert";
import { Field, describedBy } from "@/components/ui/field";
import { initialFormState } from "@/lib/form-state";
import { SubmitButton } from "@/components/ui/submit-button";

export function RegisterForm({ next }: { next: string }) {
  const [state, action] = useActionState(register, initialFormState);
  const f = state.fields ?? {};
  const v = state.values ?? {};
  return (
    <form action={action} className="space-y-4" noValidate>
      {state.message ? <Alert tone="danger">{state.message}</Alert> : null}
      <input type="hidden" name="next" value={next} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="first_name" label="Nome" errors={f.first_name}>
          <input id="first_name" name="first_name" autoComplete="given-name" required className="input" defaultValue={v.first_name ?? ""} {...describedBy("first_name", f.first_name)} />
        </Field>
        <Field id="last_name" label="Sobrenome" errors={f.last_name}>
          <input id="last_name" name="last_name" autoComplete="family-name" className="input" defaultValue={v.last_name ?? ""} {...describedBy("last_name", f.last_name)} />
        </Field>
      </div>
      <Field id="email" label="E-mail" errors={f.email}>
        <input id="email" name="email" type="email" autoComplete="email" required className="input" defaultValue={v.email ?? ""} {...describedBy("email", f.email)} />
      </Field>
      <Field id="password" label="Senha" errors={f.password} hint="Pelo menos 8 caracteres, não só números e nada óbvio.">
        <input id="password" name="password" type="password" autoComplete="new-password" required minLength={8} className="input" {...describedBy("password", f.password, "hint")} />
      </Field>
      <Field id="password_confirm" label="Repita a senha" errors={f.password_confirm}>
        <input id="password_confirm" name="password_confirm" type="password" autoComplete="new-password" required className="input" {...describedBy("password_confirm", f.password_confirm)} />
      </Field>
      <SubmitButton className="btn-primary w-full" pendingText="Criando conta…">
        Criar conta
      </SubmitButton>
    </form>
  );
}
