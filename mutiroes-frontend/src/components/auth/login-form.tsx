"use client";

import Link from "next/link";
import { useActionState } from "react";
import { login } from "@/lib/actions/auth";
import { Alert } from "@/components/ui/alert";
import { Field, describedBy } from "@/components/ui/field";
import { initialFormState } from "@/lib/form-state";
import { SubmitButton } from "@/components/ui/submit-button";

export function LoginForm({ next }: { next: string }) {
  const [state, action] = useActionState(login, initialFormState);
  const f = state.fields ?? {};
  return (
    <form action={action} className="space-y-4" noValidate>
      {state.message ? <Alert tone="danger">{state.message}</Alert> : null}
      <input type="hidden" name="next" value={next} />
      <Field id="email" label="E-mail" errors={f.email}>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="email"
          required
          className="input"
          defaultValue={state.values?.email ?? ""}
          {...describedBy("email", f.email)}
        />
      </Field>
      <Field id="password" label="Senha" errors={f.password}>
        <input id="password" name="password" type="password" autoComplete="current-password" required className="input" {...describedBy("password", f.password)} />
      </Field>
      <SubmitButton className="btn-primary w-full" pendingText="Entrando…">
        Entrar
      </SubmitButton>
      <p className="text-center text-sm">
        <Link href="/recuperar-senha">Esqueci minha senha</Link>
      </p>
    </form>
  );
}
