"use client";

import { Field, describedBy } from "@/components/ui/field";
import { KeptForm } from "@/components/ui/kept-form";
import { StateField } from "@/components/ui/state-field";
import { SubmitButton } from "@/components/ui/submit-button";
import { useKeptForm } from "@/components/ui/use-kept-form";
import { LocationPicker } from "@/components/event-form/location-picker";
import type { Material } from "@/lib/api/types";
import type { FormState } from "@/lib/form-state";
import { SIZE_LABELS } from "@/lib/litter";

type Props = {
  action: (prev: FormState, form: FormData) => Promise<FormState>;
  materials: Material[];
  tileUrl: string;
  initial: Record<string, string>;
};

/** Report a littered place: where (map pin or the device's location), how much, what kinds, photos. */
export function LitterReportForm({ action, materials, tileUrl, initial }: Props) {
  const form = useKeptForm(action);
  const { state } = form;
  const v = { ...initial, ...(state.values ?? {}) };
  const f = state.fields ?? {};
  return (
    <KeptForm form={form} className="space-y-6" errorTitle="Não foi possível registrar">
      <section className="card space-y-4 p-5">
        <h2 className="text-lg font-semibold">Onde</h2>
        <LocationPicker
          tileUrl={tileUrl}
          initialLat={v.latitude}
          initialLng={v.longitude}
          pointLabel="Lugar do lixo"
          deviceLocation
          errors={[...(f.latitude ?? []), ...(f.longitude ?? [])]}
        />
        <div className="grid gap-4 sm:grid-cols-3">
          <Field id="city" label="Cidade" errors={f.city} className="sm:col-span-2">
            <input id="city" name="city" required defaultValue={v.city ?? ""} className="input" autoComplete="address-level2" {...describedBy("city", f.city)} />
          </Field>
          <StateField value={v.state} errors={f.state} />
        </div>
        <Field id="address" label="Referência (opcional)" errors={f.address} hint="Ex.: atrás do ponto de ônibus, margem do rio.">
          <input id="address" name="address" maxLength={255} defaultValue={v.address ?? ""} className="input" {...describedBy("address", f.address, "h")} />
        </Field>
      </section>

      <section className="card space-y-4 p-5">
        <h2 className="text-lg font-semibold">O que tem lá</h2>
        <fieldset>
          <legend className="label">Quanto lixo</legend>
          <div className="flex flex-wrap gap-4">
            {Object.entries(SIZE_LABELS).map(([value, label]) => (
              <label key={value} className="flex items-center gap-2 text-sm">
                <input type="radio" name="size" value={value} defaultChecked={v.size === value} required className="h-5 w-5" />
                {label}
              </label>
            ))}
          </div>
          {f.size ? <p className="field-error">{f.size.join(" ")}</p> : null}
        </fieldset>
        <fieldset>
          <legend className="label">Tipos de resíduo</legend>
          <div className="grid grid-cols-2 gap-2 sm:grid-cols-4">
            {materials.map((m) => (
              <label key={m.key} className="flex items-center gap-2 text-sm">
                <input type="checkbox" name="materials" value={m.key} className="h-5 w-5" />
                {m.label}
              </label>
            ))}
          </div>
          {f.materials ? <p className="field-error">{f.materials.join(" ")}</p> : null}
        </fieldset>
        <Field id="images" label="Fotos (1 a 4)" errors={f.images} hint="JPEG, PNG ou WebP, até 10 MB cada. A localização gravada na foto é removida.">
          <input id="images" name="images" type="file" multiple required accept="image/jpeg,image/png,image/webp" className="input" {...describedBy("images", f.images, "h")} />
        </Field>
        <Field id="notes" label="Observações (opcional)" errors={f.notes}>
          <textarea id="notes" name="notes" rows={3} maxLength={2000} defaultValue={v.notes ?? ""} className="input" {...describedBy("notes", f.notes)} />
        </Field>
      </section>

      <SubmitButton className="btn-primary" pendingText="Enviando…">
        Registrar ponto
      </SubmitButton>
    </KeptForm>
  );
}
