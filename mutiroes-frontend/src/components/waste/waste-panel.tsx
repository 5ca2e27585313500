import type { WasteTotals } from "@/lib/api/types";
import { formatNumber, toNumber } from "@/lib/format";
import { Stat } from "@/components/events/report-view";

type Props = { totals: WasteTotals; title: string; id: string };

/** Where the waste went: kg by material and by destination, % diverted from landfill, with what
 * a receiver confirmed kept apart from what the organizer declared. */
export function WastePanel({ totals, title, id }: Props) {
  if (toNumber(totals.registered_kg) === 0 && toNumber(totals.declared_kg) === 0) return null;
  const pct = (value: string | null) => (value === null ? "—" : `${formatNumber(value, 1)}%`);
  return (
    <section aria-labelledby={id} className="card space-y-4 p-5" data-testid="waste-panel">
      <h2 id={id} className="text-xl font-semibold">
        {title}
      </h2>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        <Stat label="Declarado pela organização (kg)" value={formatNumber(totals.declared_kg)} />
        <Stat label="Confirmado por quem recebeu (kg)" value={formatNumber(totals.confirmed_kg)} />
        <Stat label="Desviado do aterro (declarado)" value={pct(totals.diverted_declared_pct)} />
        <Stat label="Desviado do aterro (confirmado)" value={pct(totals.diverted_confirmed_pct)} />
      </dl>
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm">
          <caption className="mb-2 text-left font-medium">Destino dos resíduos (kg)</caption>
          <thead>
            <tr className="border-b border-stone-200">
              <th scope="col" className="py-1 pr-2">Destino</th>
              <th scope="col" className="py-1 pr-2 text-right">Declarado</th>
              <th scope="col" className="py-1 text-right">Confirmado</th>
            </tr>
          </thead>
          <tbody>
            {totals.by_destination.map((d) => (
              <tr key={d.destination} className="border-b border-stone-100">
                <th scope="row" className="py-1 pr-2 font-normal">{d.label}</th>
                <td className="py-1 pr-2 text-right">{formatNumber(d.declared_kg)}</td>
                <td className="py-1 text-right">{formatNumber(d.confirmed_kg)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm">
          <caption className="mb-2 text-left font-medium">Sacos registrados por material (kg)</caption>
          <tbody>
            {totals.by_material
              .filter((m) => toNumber(m.kg) > 0)
              .map((m) => (
                <tr key={m.material} className="border-b border-stone-100">
                  <th scope="row" className="py-1 pr-2 font-normal">{m.label}</th>
                  <td className="py-1 text-right">{formatNumber(m.kg)}</td>
                </tr>
              ))}
          </tbody>
        </table>
      </div>
      <p className="text-xs text-stone-600">
        {totals.handovers_confirmed} de {totals.handovers} {totals.handovers === 1 ? "entrega confirmada" : "entregas confirmadas"} por quem recebeu (cooperativa, reciclador ou coleta
        municipal), com o peso da balança quando informado. O declarado é o que a organização registrou.
        {toNumber(totals.not_handed_over_kg) > 0 ? ` ${formatNumber(totals.not_handed_over_kg)} kg ainda sem entrega registrada.` : ""}
      </p>
    </section>
  );
}
