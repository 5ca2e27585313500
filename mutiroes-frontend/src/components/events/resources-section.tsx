import { ActionForm } from "@/components/ui/action-form";
import { SubmitButton } from "@/components/ui/submit-button";
import { pledgeAction } from "@/lib/actions/events";
import type { Resource } from "@/lib/api/types";

export function ResourcesSection({ eventId, resources, canPledge, whatToBring, toolsProvided }: {
  eventId: number;
  resources: Resource[];
  canPledge: boolean;
  whatToBring: string;
  toolsProvided: string;
}) {
  if (!resources.length && !whatToBring && !toolsProvided) return null;
  return (
    <section aria-labelledby="levar-titulo" className="space-y-4">
      <h2 id="levar-titulo" className="text-xl font-semibold">
        O que levar
      </h2>
      <div className="grid gap-4 sm:grid-cols-2">
        {whatToBring ? (
          <div className="card p-4">
            <h3 className="font-semibold">Leve com você</h3>
            <p className="mt-2 whitespace-pre-line text-sm text-stone-700">{whatToBring}</p>
          </div>
        ) : null}
        {toolsProvided ? (
          <div className="card p-4">
            <h3 className="font-semibold">A organização fornece</h3>
            <p className="mt-2 whitespace-pre-line text-sm text-stone-700">{toolsProvided}</p>
          </div>
        ) : null}
      </div>
      {resources.length ? (
        <div className="card divide-y divide-stone-200">
          <h3 className="px-4 pt-4 font-semibold">O mutirão precisa de</h3>
          <ul className="divide-y divide-stone-200">
            {resources.map((r) => {
              const missing = r.missing;
              const pct = r.quantity_needed > 0 ? Math.min(100, Math.round((r.pledged / r.quantity_needed) * 100)) : 100;
              return (
                <li key={r.id} className="p-4">
                  <div className="flex flex-wrap items-baseline justify-between gap-2">
                    <span className="font-medium">{r.name}</span>
                    <span className="text-sm text-stone-700">
                      {r.pledged} de {r.quantity_needed}
                      {r.unit ? ` ${r.unit}` : ""} · {missing > 0 ? `faltam ${missing}` : "completo"}
                    </span>
                  </div>
                  <div className="mt-2 h-2 rounded-full bg-stone-200" aria-hidden="true">
                    <div className="h-2 rounded-full bg-brand-600" style={{ width: `${pct}%` }} />
                  </div>
                  {canPledge ? (
                    <ActionForm action={pledgeAction.bind(null, eventId, r.id)} className="mt-3 flex flex-wrap items-end gap-2" label={`Levar ${r.name}`}>
                      <div>
                        <label htmlFor={`pledge-${r.id}`} className="text-xs font-medium text-stone-700">
                          Vou levar
                        </label>
                        <input
                          id={`pledge-${r.id}`}
                          name="quantity"
                          type="number"
                          min={0}
                          max={Math.max(r.quantity_needed, 1) * 10}
                          defaultValue={r.my_pledge ?? (missing > 0 ? 1 : 0)}
                          className="input w-24"
                        />
                      </div>
                      <SubmitButton className="btn-secondary btn-sm">{r.my_pledge ? "Atualizar" : "Eu levo"}</SubmitButton>
                    </ActionForm>
                  ) : null}
                </li>
              );
            })}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
