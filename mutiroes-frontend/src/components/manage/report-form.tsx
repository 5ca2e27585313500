"use client";

import { Field, describedBy } from "@/components/ui/field";
import { KeptForm } from "@/components/ui/kept-form";
import { SubmitButton } from "@/components/ui/submit-button";
import { useKeptForm } from "@/components/ui/use-kept-form";
import { saveReportAction } from "@/lib/actions/manage";
import type { ImpactReport, Material } from "@/lib/api/types";
import { numberInputValue } from "@/lib/numbers";

const NUMBER_HINT = "Números como 1.500,5";

/** The organizer's impact report: each number refused on its own field, pt-BR numbers accepted and
 * shown. `materials`: the API's list of materials, in form order. */
export function ReportForm({ eventId, report, materials }: { eventId: number; report: ImpactReport | null; materials: Material[] }) {
  const form = useKeptForm(saveReportAction.bind(null, eventId));
  const f = form.state.fields ?? {};
  const kg: ImpactReport["materials_kg"] = report?.materials_kg ?? {};
  const number = (name: string, label: string, value: number | string | null | undefined, inputMode: "decimal" | "numeric") => (
    <Field key={name} id={name} label={label} errors={f[name]}>
      <input id={name} name={name} inputMode={inputMode} className="input" defaultValue={numberInputValue(value)} {...describedBy(name, f[name])} />
    </Field>
  );
  return (
    <KeptForm form={form} className="space-y-4" errorTitle="Relatório não salvo" label="Relatório de impacto">
      <fieldset>
        <legend className="label">Resíduos recolhidos por material (kg)</legend>
        <div className="grid grid-cols-2 gap-3 sm:grid-cols-3">{materials.map((m) => number(`kg_${m.key}`, m.label, kg[m.key], "decimal"))}</div>
        <p className="mt-1 text-xs text-stone-600">{NUMBER_HINT}. Total, recicláveis, desvio do aterro e CO₂e são calculados automaticamente.</p>
      </fieldset>
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-3">
        {number("bags", "Sacos", report?.bags, "numeric")}
        {number("trees_planted", "Árvores plantadas", report?.trees_planted, "numeric")}
        {number("area_m2", "Área (m²)", report?.area_m2, "decimal")}
      </div>
      <Field id="summary" label="Resumo">
        <textarea id="summary" name="summary" rows={3} className="input" defaultValue={report?.summary ?? ""} />
      </Field>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field id="achievements" label="Conquistas">
          <textarea id="achievements" name="achievements" rows={3} className="input" defaultValue={report?.achievements ?? ""} />
        </Field>
        <Field id="challenges" label="Desafios">
          <textarea id="challenges" name="challenges" rows={3} className="input" defaultValue={report?.challenges ?? ""} />
        </Field>
      </div>
      <SubmitButton pendingText="Salvando relatório…">{report ? "Atualizar relatório" : "Publicar relatório"}</SubmitButton>
    </KeptForm>
  );
}
