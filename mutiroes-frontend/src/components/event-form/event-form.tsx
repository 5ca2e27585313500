"use client";

import { useState } from "react";
import { Field, describedBy } from "@/components/ui/field";
import type { FormState } from "@/lib/form-state";
import { SubmitButton } from "@/components/ui/submit-button";
import { KeptForm } from "@/components/ui/kept-form";
import { useKeptForm } from "@/components/ui/use-kept-form";
import type { Category } from "@/lib/api/types";
import { StateField } from "@/components/ui/state-field";
import { LocationPicker } from "./location-picker";

export type EventFormInitial = Record<string, string>;

/** The API's limit for a title. */
const TITLE_MAX = 150;

type Props = {
  action: (prev: FormState, form: FormData) => Promise<FormState>;
  categories: Category[];
  initial: EventFormInitial;
  tileUrl: string;
  mode: "create" | "edit-draft" | "edit-published";
  /** The collectives the person organizes: the mutirão may belong to one. */
  collectives?: { id: number; name: string }[];
  /** An occurrence of a recurring series: the edit may apply to the following ones too. */
  inSeries?: boolean;
  /** Sent along unchanged (the litter reports a new mutirão is organized from). */
  hidden?: Record<string, string>;
};

export function EventForm({ action, categories, initial, tileUrl, mode, collectives = [], inSeries = false, hidden = {} }: Props) {
  const form = useKeptForm(action);
  const { state } = form;
  const v = { ...initial, ...(state.values ?? {}) };
  const f = state.fields ?? {};
  const [titleLength, setTitleLength] = useState((v.title ?? "").length);
  const text = (
    name: string,
    label: string,
    opts: { required?: boolean; hint?: string; type?: string; autoComplete?: string; className?: string; inputMode?: "numeric"; maxLength?: number; onLength?: (n: number) => void } = {},
  ) => (
    <Field id={name} label={label} errors={f[name]} hint={opts.hint} className={opts.className}>
      <input
        id={name}
        name={name}
        type={opts.type ?? "text"}
        required={opts.required}
        autoComplete={opts.autoComplete}
        inputMode={opts.inputMode}
        maxLength={opts.maxLength}
        onChange={opts.onLength ? (e) => opts.onLength?.(e.target.value.length) : undefined}
        defaultValue={v[name] ?? ""}
        className="input"
        {...describedBy(name, f[name], opts.hint)}
      />
    </Field>
  );

  return (
    <KeptForm form={form} className="space-y-8" errorTitle="Não foi possível salvar">
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <section className="card space-y-4 p-5">
        <h2 className="text-lg font-semibold">O mutirão</h2>
        {text("title", "Título", { required: true, maxLength: TITLE_MAX, onLength: setTitleLength, hint: `Ex.: Limpeza da Praia do Forte · ${titleLength} de ${TITLE_MAX} caracteres` })}
        <Field id="category" label="Categoria" errors={f.category}>
          <select id="category" name="category" required defaultValue={v.category ?? ""} className="input" {...describedBy("category", f.category)}>
            <option value="">Escolha…</option>
            {categories.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </Field>
        <Field id="cover" label="Foto de capa (opcional)" errors={f.cover} hint={initial.cover_image ? "Já há uma capa; escolha outra para trocá-la." : "JPEG, PNG ou WebP, até 10 MB."}>
          <input id="cover" name="cover" type="file" accept="image/jpeg,image/png,image/webp" className="input" {...describedBy("cover", f.cover, "h")} />
        </Field>
        <Field id="description" label="Descrição" errors={f.description}>
          <textarea id="description" name="description" rows={6} required defaultValue={v.description ?? ""} className="input" {...describedBy("description", f.description)} />
        </Field>
      </section>

      <section className="card space-y-4 p-5">
        <h2 className="text-lg font-semibold">Quando</h2>
        <div className="grid gap-4 sm:grid-cols-3">
          {text("start", "Início", { required: true, type: "datetime-local" })}
          {text("end", "Fim", { required: true, type: "datetime-local" })}
          {text("registration_deadline", "Inscrições até", { type: "datetime-local", hint: "Opcional: se vazio, até o início." })}
        </div>
        <p className="text-xs text-stone-600">Horário de Brasília.</p>
      </section>

      <section className="card space-y-4 p-5">
        <h2 className="text-lg font-semibold">Onde</h2>
        {text("address", "Ponto de encontro", { required: true, autoComplete: "street-address" })}
        <div className="grid gap-4 sm:grid-cols-3">
          {text("city", "Cidade", { required: true, autoComplete: "address-level2", className: "sm:col-span-2" })}
          <StateField value={v.state} errors={f.state} />
        </div>
        <LocationPicker tileUrl={tileUrl} initialLat={v.latitude} initialLng={v.longitude} errors={[...(f.latitude ?? []), ...(f.longitude ?? [])]} />
      </section>

      <section className="card space-y-4 p-5">
        <h2 className="text-lg font-semibold">Inscrições</h2>
        <div className="grid gap-4 sm:grid-cols-3">
          {text("capacity", "Vagas", { required: true, inputMode: "numeric" })}
          {text("min_age", "Idade mínima", { inputMode: "numeric", hint: "0 para qualquer idade." })}
          <Field id="visibility" label="Visibilidade" errors={f.visibility}>
            <select id="visibility" name="visibility" defaultValue={v.visibility ?? "public"} className="input">
              <option value="public">Pública (aparece na busca)</option>
              <option value="unlisted">Só com o link</option>
            </select>
          </Field>
        </div>
        {collectives.length ? (
          <Field id="collective" label="Coletivo" errors={f.collective} hint="Os organizadores do coletivo também gerenciam o mutirão.">
            <input type="hidden" name="collective_field" value="1" />
            <select id="collective" name="collective" defaultValue={v.collective ?? ""} className="input" {...describedBy("collective", f.collective, "h")}>
              <option value="">Nenhum (só eu e meus coorganizadores)</option>
              {collectives.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </Field>
        ) : null}
        <div className="flex items-start gap-2">
          <input id="requires_approval" name="requires_approval" type="checkbox" defaultChecked={v.requires_approval === "on" || v.requires_approval === "true"} className="mt-1 h-5 w-5" />
          <label htmlFor="requires_approval" className="text-sm">
            Aprovar cada inscrição antes de confirmar
          </label>
        </div>
        <fieldset className="space-y-2">
          <legend className="label">Termos na inscrição</legend>
          <div className="flex items-start gap-2">
            <input id="requires_waiver" name="requires_waiver" type="checkbox" defaultChecked={v.requires_waiver === "on" || v.requires_waiver === "true"} className="mt-1 h-5 w-5" />
            <label htmlFor="requires_waiver" className="text-sm">
              Exigir o aceite do termo de responsabilidade
            </label>
          </div>
          <div className="flex items-start gap-2">
            <input id="asks_image_consent" name="asks_image_consent" type="checkbox" defaultChecked={v.asks_image_consent === "on" || v.asks_image_consent === "true"} className="mt-1 h-5 w-5" />
            <label htmlFor="asks_image_consent" className="text-sm">
              Pedir autorização de uso de imagem (a pessoa pode recusar)
            </label>
          </div>
          <p className="text-xs text-stone-600">Menores de 18 anos (pela data de nascimento) sempre precisam da autorização de um responsável.</p>
        </fieldset>
      </section>

      <section className="card space-y-4 p-5">
        <h2 className="text-lg font-semibold">O que levar</h2>
        <Field id="what_to_bring" label="Voluntários devem levar" errors={f.what_to_bring} hint="Ex.: garrafa de água, protetor solar, chapéu.">
          <textarea id="what_to_bring" name="what_to_bring" rows={3} defaultValue={v.what_to_bring ?? ""} className="input" {...describedBy("what_to_bring", f.what_to_bring, "h")} />
        </Field>
        <Field id="tools_provided" label="A organização fornece" errors={f.tools_provided} hint="Ex.: luvas, sacos, pinças.">
          <textarea id="tools_provided" name="tools_provided" rows={3} defaultValue={v.tools_provided ?? ""} className="input" {...describedBy("tools_provided", f.tools_provided, "h")} />
        </Field>
      </section>

      {inSeries ? (
        <fieldset className="card space-y-2 p-5">
          <legend className="px-1 text-lg font-semibold">Mutirão recorrente</legend>
          <div className="flex items-center gap-2">
            <input id="scope-this" name="scope" type="radio" value="this" defaultChecked={v.scope !== "following"} className="h-5 w-5" />
            <label htmlFor="scope-this" className="text-sm">
              Alterar só este
            </label>
          </div>
          <div className="flex items-center gap-2">
            <input id="scope-following" name="scope" type="radio" value="following" defaultChecked={v.scope === "following"} className="h-5 w-5" />
            <label htmlFor="scope-following" className="text-sm">
              Alterar este e os próximos (o dia de cada um não muda)
            </label>
          </div>
        </fieldset>
      ) : null}

      <div className="flex flex-wrap gap-3">
        {mode === "edit-published" ? (
          <SubmitButton name="intent" value="save" className="btn-primary" pendingText="Salvando…">
            Salvar alterações
          </SubmitButton>
        ) : (
          <>
            <SubmitButton name="intent" value="publish" className="btn-primary" pendingText="Publicando…">
              Publicar
            </SubmitButton>
            <SubmitButton name="intent" value="draft" className="btn-secondary" pendingText="Salvando…">
              Salvar rascunho
            </SubmitButton>
          </>
        )}
      </div>
    </KeptForm>
  );
}
