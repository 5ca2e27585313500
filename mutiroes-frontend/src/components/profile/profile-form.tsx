"use client";

import { updateProfileAction } from "@/lib/actions/profile";
import { Field, describedBy } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { KeptForm } from "@/components/ui/kept-form";
import { useKeptForm } from "@/components/ui/use-kept-form";
import type { Category, Me } from "@/lib/api/types";
import { UfOptions } from "@/components/ui/uf-options";

export function ProfileForm({ me, categories }: { me: Me; categories: Category[] }) {
  const form = useKeptForm(updateProfileAction);
  const { state } = form;
  const f = state.fields ?? {};
  return (
    <KeptForm form={form} className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-3">
        <Field id="first_name" label="Nome" errors={f.first_name} hint="Como no seu documento: sai no certificado de horas.">
          <input id="first_name" name="first_name" defaultValue={me.first_name} className="input" autoComplete="given-name" {...describedBy("first_name", f.first_name, "h")} />
        </Field>
        <Field id="last_name" label="Sobrenome" errors={f.last_name} hint="O certificado leva nome e sobrenome completos.">
          <input id="last_name" name="last_name" defaultValue={me.last_name} className="input" autoComplete="family-name" {...describedBy("last_name", f.last_name, "h")} />
        </Field>
        <Field id="display_name" label="Nome público" errors={f.display_name} hint="Opcional: o nome que os outros veem.">
          <input id="display_name" name="display_name" defaultValue={me.display_name} className="input" {...describedBy("display_name", f.display_name, "h")} />
        </Field>
      </div>
      <Field id="bio" label="Sobre você" errors={f.bio}>
        <textarea id="bio" name="bio" rows={3} defaultValue={me.bio} className="input" maxLength={1000} />
      </Field>
      <div className="grid gap-4 sm:grid-cols-3">
        <Field id="city" label="Cidade" errors={f.city}>
          <input id="city" name="city" defaultValue={me.city} className="input" autoComplete="address-level2" />
        </Field>
        <Field id="state" label="Estado" errors={f.state}>
          <select id="state" name="state" defaultValue={me.state} className="input">
            <UfOptions empty="—" />
          </select>
        </Field>
        <Field id="birth_date" label="Data de nascimento" errors={f.birth_date} hint="Privada; usada para a idade mínima.">
          <input id="birth_date" name="birth_date" type="date" defaultValue={me.birth_date ?? ""} className="input" {...describedBy("birth_date", f.birth_date, "h")} />
        </Field>
      </div>
      <fieldset>
        <legend className="label">Interesses</legend>
        <div className="flex flex-wrap gap-2">
          {categories.map((c) => (
            <label key={c.slug} className="chip cursor-pointer border-stone-300 bg-white text-stone-800 has-[:checked]:border-brand-700 has-[:checked]:bg-brand-50">
              <input type="checkbox" name="interests" value={c.slug} defaultChecked={me.interests.includes(c.slug)} className="h-4 w-4" />
              {c.name}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset className="space-y-2">
        <legend className="label">Privacidade</legend>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="is_public" defaultChecked={me.is_public} className="h-5 w-5" /> Perfil público
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="show_history" defaultChecked={me.show_history} className="h-5 w-5" /> Mostrar meus mutirões no perfil público
        </label>
      </fieldset>
      <SubmitButton pendingText="Salvando…">Salvar perfil</SubmitButton>
    </KeptForm>
  );
}
