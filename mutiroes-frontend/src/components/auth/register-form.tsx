"use client";

import Link from "next/link";
import { register } from "@/lib/actions/auth";
import { Field, describedBy } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { KeptForm } from "@/components/ui/kept-form";
import { useKeptForm } from "@/components/ui/use-kept-form";

export function RegisterForm({ next }: { next: string }) {
  const form = useKeptForm(register);
  const { state } = form;
  const f = state.fields ?? {};
  const v = state.values ?? {};
  return (
    <KeptForm form={form} className="space-y-4">
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
      <p className="text-sm text-stone-700">
        Ao criar a conta, você concorda com os <Link href="/termos">Termos de uso</Link> e a <Link href="/privacidade">Política de privacidade</Link>. Seu perfil
        começa privado; você decide depois se quer mostrá-lo.
      </p>
      <SubmitButton className="btn-primary w-full" pendingText="Criando conta…">
        Criar conta
      </SubmitButton>
    </KeptForm>
  );
}
