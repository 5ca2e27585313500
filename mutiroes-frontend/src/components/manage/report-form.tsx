import { ActionForm } from "@/components/ui/action-form";
import { SubmitButton } from "@/components/ui/submit-button";
import { saveReportAction } from "@/lib/actions/manage";
import type { ImpactReport, Material } from "@/lib/api/types";

function val(v: number | string | null | undefined): string {
  return v === null || v === undefined ? "" : String(v);
}

/** `materials`: the API's list of materials, in form order. */
export function ReportForm({ eventId, report, materials }: { eventId: number; report: ImpactReport | null; materials: Material[] }) {
  const kg: ImpactReport["materials_kg"] = report?.materials_kg ?? {};
  return (
    <ActionForm action={saveReportAction.bind(null, eventId)} className="space-y-4" label="Relatório de impacto">
      <fieldset>
        <legend className="label">Resíduos recolhidos por material (kg)</legend>
        <div className="grid grid-cols-2 gap-3 sm:grid-cols-3">
          {materials.map((m) => (
            <div key={m.key}>
              <label htmlFor={`kg_${m.key}`} className="text-sm text-stone-700">
                {m.label}
              </label>
              <input id={`kg_${m.key}`} name={`kg_${m.key}`} inputMode="decimal" className="input" defaultValue={val(kg[m.key])} />
            </div>
          ))}
        </div>
        <p className="mt-1 text-xs text-stone-600">Total, recicláveis, desvio do aterro e CO₂e são calculados automaticamente.</p>
      </fieldset>
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-3">
        <div>
          <label htmlFor="bags" className="text-sm text-stone-700">
            Sacos
          </label>
          <input id="bags" name="bags" inputMode="numeric" className="input" defaultValue={val(report?.bags)} />
        </div>
        <div>
          <label htmlFor="trees_planted" className="text-sm text-stone-700">
            Árvores plantadas
          </label>
          <input id="trees_planted" name="trees_planted" inputMode="numeric" className="input" defaultValue={val(report?.trees_planted)} />
        </div>
        <div>
          <label htmlFor="area_m2" className="text-sm text-stone-700">
            Área (m²)
          </label>
          <input id="area_m2" name="area_m2" inputMode="decimal" className="input" defaultValue={val(report?.area_m2)} />
        </div>
      </div>
      <div>
        <label htmlFor="summary" className="label">
          Resumo
        </label>
        <textarea id="summary" name="summary" rows={3} className="input" defaultValue={report?.summary ?? ""} />
      </div>
      <div className="grid gap-3 sm:grid-cols-2">
        <div>
          <label htmlFor="achievements" className="label">
            Conquistas
          </label>
          <textarea id="achievements" name="achievements" rows={3} className="input" defaultValue={report?.achievements ?? ""} />
        </div>
        <div>
          <label htmlFor="challenges" className="label">
            Desafios
          </label>
          <textarea id="challenges" name="challenges" rows={3} className="input" defaultValue={report?.challenges ?? ""} />
        </div>
      </div>
      <SubmitButton pendingText="Salvando relatório…">{report ? "Atualizar relatório" : "Publicar relatório"}</SubmitButton>
    </ActionForm>
  );
}
