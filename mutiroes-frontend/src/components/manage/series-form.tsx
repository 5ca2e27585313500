import Link from "next/link";
import { ActionForm } from "@/components/ui/action-form";
import { SubmitButton } from "@/components/ui/submit-button";
import { createSeriesAction } from "@/lib/actions/collectives";

/** Make this mutirão recurring: weekly, every N weeks, or monthly on the same weekday of the month. */
export function SeriesSection({ eventId, seriesId, canCreate }: { eventId: number; seriesId: number | null; canCreate: boolean }) {
  if (seriesId !== null) {
    return (
      <section aria-labelledby="serie-titulo" className="card space-y-2 p-5">
        <h2 id="serie-titulo" className="text-lg font-semibold">
          Mutirão recorrente
        </h2>
        <p className="text-sm">
          Este mutirão faz parte de uma série. <Link href={`/series/${seriesId}`}>Ver a série e os próximos</Link>
        </p>
      </section>
    );
  }
  if (!canCreate) return null;
  return (
    <section aria-labelledby="serie-titulo" className="card space-y-3 p-5">
      <h2 id="serie-titulo" className="text-lg font-semibold">
        Repetir este mutirão
      </h2>
      <p className="text-sm text-stone-700">
        Os próximos são criados automaticamente com os mesmos dados, no mesmo horário (de Brasília), cada um com suas vagas.
      </p>
      <ActionForm action={createSeriesAction.bind(null, eventId)} className="grid gap-3 sm:grid-cols-2" label="Repetir este mutirão">
        <div>
          <label htmlFor="series-frequency" className="label">
            Repetir
          </label>
          <select id="series-frequency" name="frequency" className="input" defaultValue="monthly">
            <option value="weekly">Toda semana (no mesmo dia da semana)</option>
            <option value="monthly">Todo mês (no mesmo dia da semana do mês, ex.: 2º sábado)</option>
          </select>
        </div>
        <div>
          <label htmlFor="series-interval" className="label">
            A cada quantas semanas ou meses
          </label>
          <input id="series-interval" name="interval" type="number" min={1} max={12} defaultValue={1} className="input" />
        </div>
        <fieldset className="space-y-2 sm:col-span-2">
          <legend className="label">Até quando</legend>
          <div className="flex flex-wrap items-center gap-2">
            <input id="series-end-count" name="end_kind" type="radio" value="count" defaultChecked className="h-5 w-5" />
            <label htmlFor="series-end-count" className="text-sm">
              Número de vezes (incluindo este)
            </label>
            <input id="series-count" name="count" type="number" min={2} max={104} defaultValue={6} className="input w-24" aria-label="Número de vezes" />
          </div>
          <div className="flex flex-wrap items-center gap-2">
            <input id="series-end-until" name="end_kind" type="radio" value="until" className="h-5 w-5" />
            <label htmlFor="series-end-until" className="text-sm">
              Até a data
            </label>
            <input id="series-until" name="until" type="date" className="input w-44" aria-label="Data final" />
          </div>
        </fieldset>
        <div className="sm:col-span-2">
          <SubmitButton pendingText="Criando…">Criar série</SubmitButton>
        </div>
      </ActionForm>
    </section>
  );
}
