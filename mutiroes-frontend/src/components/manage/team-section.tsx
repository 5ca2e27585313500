import { ActionForm } from "@/components/ui/action-form";
import { SubmitButton } from "@/components/ui/submit-button";
import { addCoOrganizerAction, removeCoOrganizerAction } from "@/lib/actions/collectives";
import type { CoOrganizer } from "@/lib/api/types";

/** The mutirão's co-organizers: they manage it (participants, check-in, report). Its organizer adds and removes them. */
export function TeamSection({ eventId, people, canChange, collective }: { eventId: number; people: CoOrganizer[]; canChange: boolean; collective: string | null }) {
  return (
    <section aria-labelledby="equipe-titulo" className="card space-y-4 p-5">
      <h2 id="equipe-titulo" className="text-lg font-semibold">
        Coorganizadores
      </h2>
      <p className="text-sm text-stone-700">
        Quem coorganiza pode gerenciar participantes, fazer check-in e preencher o relatório.
        {collective ? ` Os organizadores de ${collective} também gerenciam este mutirão.` : ""}
      </p>
      {people.length ? (
        <ul className="divide-y divide-stone-200 text-sm" aria-label="Coorganizadores">
          {people.map((p) => (
            <li key={p.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
              <span>
                {p.name} <span className="text-stone-600">({p.email})</span>
              </span>
              {canChange ? (
                <ActionForm action={removeCoOrganizerAction.bind(null, eventId, p.id)} confirm={`Remover ${p.name} da organização?`}>
                  <SubmitButton className="btn-ghost btn-sm">Remover</SubmitButton>
                </ActionForm>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-stone-600">Ninguém além de você por enquanto.</p>
      )}
      {canChange ? (
        <ActionForm action={addCoOrganizerAction.bind(null, eventId)} className="flex flex-wrap items-end gap-2" label="Adicionar coorganizador">
          <div className="min-w-56 flex-1">
            <label htmlFor="co-email" className="text-xs font-medium text-stone-700">
              E-mail de quem tem conta no Mutirões
            </label>
            <input id="co-email" name="email" type="email" required className="input" autoComplete="off" />
          </div>
          <SubmitButton className="btn-secondary" pendingText="Adicionando…">
            Adicionar
          </SubmitButton>
        </ActionForm>
      ) : null}
    </section>
  );
}
