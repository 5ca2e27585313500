"use client";

import Link from "next/link";
import { login } from "@/lib/actions/auth";
import { Field, describedBy } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { KeptForm } from "@/components/ui/kept-form";
import { useKeptForm } from "@/components/ui/use-kept-form";

export function LoginForm({ next }: { next: string }) {
  const form = useKeptForm(login);
  const { state } = form;
  const f = state.fields ?? {};
  return (
    <KeptForm form={form} className="space-y-4">
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
    </KeptForm>
  );
}
