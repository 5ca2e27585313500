"use client";

import { Field, describedBy } from "@/components/ui/field";
import { KeptForm } from "@/components/ui/kept-form";
import { SubmitButton } from "@/components/ui/submit-button";
import { useKeptForm } from "@/components/ui/use-kept-form";
import { UfOptions } from "@/components/ui/uf-options";
import type { FormState } from "@/lib/form-state";

type Props = {
  action: (prev: FormState, form: FormData) => Promise<FormState>;
  initial: Record<string, string>;
  /** Editing an existing collective (its texts), or creating one. */
  editing?: boolean;
};

type TextSpec = { name: string; label: string; hint?: string; type?: string; required?: boolean; maxLength: number };

const NAME: TextSpec = { name: "name", label: "Nome do coletivo", required: true, maxLength: 120 };
const CITY: TextSpec = { name: "city", label: "Cidade", required: true, maxLength: 100 };
const LINKS: TextSpec[] = [
  { name: "website", label: "Site", hint: "Começando com https://", type: "url", maxLength: 300 },
  { name: "instagram", label: "Instagram", hint: "O nome do perfil, ex.: @coletivopraialimpa", maxLength: 60 },
  { name: "whatsapp_group", label: "Link do grupo de WhatsApp", hint: "https://chat.whatsapp.com/…", type: "url", maxLength: 300 },
];

export function CollectiveForm({ action, initial, editing = false }: Props) {
  const form = useKeptForm(action);
  const v = { ...initial, ...(form.state.values ?? {}) };
  const f = form.state.fields ?? {};
  const text = (spec: TextSpec) => (
    <Field key={spec.name} id={spec.name} label={spec.label} errors={f[spec.name]} hint={spec.hint}>
      <input
        id={spec.name}
        name={spec.name}
        type={spec.type ?? "text"}
        required={spec.required}
        maxLength={spec.maxLength}
        defaultValue={v[spec.name] ?? ""}
        className="input"
        {...describedBy(spec.name, f[spec.name], spec.hint)}
      />
    </Field>
  );
  return (
    <KeptForm form={form} className="card max-w-2xl space-y-4 p-5" errorTitle={editing ? "Não foi possível salvar o coletivo" : "Não foi possível criar o coletivo"} label={editing ? "Editar coletivo" : "Criar coletivo"}>
      {text(NAME)}
      <Field id="description" label="Sobre o coletivo" errors={f.description}>
        <textarea id="description" name="description" rows={4} maxLength={5000} defaultValue={v.description ?? ""} className="input" {...describedBy("description", f.description)} />
      </Field>
      <div className="grid gap-4 sm:grid-cols-[1fr_8rem]">
        {text(CITY)}
        <Field id="state" label="Estado" errors={f.state}>
          <select id="state" name="state" required defaultValue={v.state ?? ""} className="input" {...describedBy("state", f.state)}>
            <UfOptions empty="UF" />
          </select>
        </Field>
      </div>
      {editing ? (
        <Field id="logo" label="Logo (opcional)" errors={f.logo} hint={initial.logo ? "Já há um logo; escolha outro para trocá-lo." : "JPEG, PNG ou WebP."}>
          <input id="logo" name="logo" type="file" accept="image/jpeg,image/png,image/webp" className="input" {...describedBy("logo", f.logo, "h")} />
        </Field>
      ) : null}
      <fieldset className="space-y-4">
        <legend className="text-sm font-semibold">Contatos (opcionais)</legend>
        {LINKS.map(text)}
      </fieldset>
      <SubmitButton pendingText={editing ? "Salvando…" : "Criando…"}>{editing ? "Salvar alterações" : "Criar coletivo"}</SubmitButton>
    </KeptForm>
  );
}
