import Link from "next/link";
import { ActionForm } from "@/components/ui/action-form";
import { SubmitButton } from "@/components/ui/submit-button";
import { createHandoverAction, deleteBagAction, registerBagsAction, renewLinkAction } from "@/lib/actions/custody";
import type { Material, WasteBag, WasteHandover } from "@/lib/api/types";
import { formatDateTime, formatNumber } from "@/lib/format";
import { DESTINATION_LABELS, RECEIVER_LABELS } from "@/lib/litter";

type Props = { eventId: number; bags: WasteBag[]; handovers: WasteHandover[]; materials: Material[] };

/** The organizer's chain of custody: bags registered with material and weight, handovers to a
 * receiver with a declared destination, and each receiver's confirmation link. */
export function WasteManager({ eventId, bags, handovers, materials }: Props) {
  const label = new Map(materials.map((m) => [m.key, m.label]));
  const free = bags.filter((b) => b.handover === null);
  return (
    <section aria-labelledby="residuos-titulo" className="card space-y-5 p-5" data-testid="waste-manager">
      <h2 id="residuos-titulo" className="text-lg font-semibold">
        Resíduos: sacos e entregas
      </h2>

      <ActionForm action={registerBagsAction.bind(null, eventId)} label="Registrar sacos" className="grid gap-3 sm:grid-cols-3">
        <div>
          <label htmlFor="bag-material" className="label">
            Material
          </label>
          <select id="bag-material" name="material" className="input" required>
            {materials.map((m) => (
              <option key={m.key} value={m.key}>
                {m.label}
              </option>
            ))}
          </select>
        </div>
        <div className="sm:col-span-2">
          <label htmlFor="bag-weights" className="label">
            Peso de cada saco (kg)
          </label>
          <input id="bag-weights" name="weights" className="input" required placeholder="Ex.: 4,5; 3; 6,25" aria-describedby="bag-weights-hint" />
          <p id="bag-weights-hint" className="mt-1 text-xs text-stone-600">
            Um peso por saco, separados por ponto e vírgula ou espaço.
          </p>
        </div>
        <div className="sm:col-span-3">
          <SubmitButton className="btn-secondary">Registrar sacos</SubmitButton>
        </div>
      </ActionForm>

      {bags.length ? (
        <>
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm" data-testid="bag-table">
              <caption className="mb-2 text-left font-medium">
                {bags.length === 1 ? "1 saco registrado" : `${bags.length} sacos registrados`} ·{" "}
                <Link href={`/eventos/${eventId}/gerenciar/etiquetas`}>Imprimir etiquetas com QR code</Link>
              </caption>
              <thead>
                <tr className="border-b border-stone-200">
                  <th scope="col" className="py-1 pr-2">Etiqueta</th>
                  <th scope="col" className="py-1 pr-2">Material</th>
                  <th scope="col" className="py-1 pr-2 text-right">kg</th>
                  <th scope="col" className="py-1 pr-2">Situação</th>
                  <th scope="col" className="py-1">
                    <span className="sr-only">Ações</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {bags.map((b) => (
                  <tr key={b.id} className="border-b border-stone-100">
                    <td className="py-1 pr-2 font-mono">{b.label}</td>
                    <td className="py-1 pr-2">{label.get(b.material) ?? b.material}</td>
                    <td className="py-1 pr-2 text-right">{formatNumber(b.weight_kg, 2)}</td>
                    <td className="py-1 pr-2">{b.handover === null ? "Aguardando entrega" : "Entregue"}</td>
                    <td className="py-1">
                      {b.handover === null ? (
                        <ActionForm action={deleteBagAction.bind(null, eventId, b.id)} label={`Remover o saco ${b.label}`} confirm="Remover este saco?">
                          <SubmitButton className="btn-sm btn text-red-700" pendingText="Removendo…">
                            Remover
                          </SubmitButton>
                        </ActionForm>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>

          {/* Kept on the page once every bag is handed over: its answer carries the receiver's link. */}
          <ActionForm action={createHandoverAction.bind(null, eventId)} label="Registrar entrega" className="space-y-3 rounded-lg border border-stone-200 p-4">
              <h3 className="font-semibold">Registrar uma entrega</h3>
              <fieldset>
                <legend className="label">Sacos entregues</legend>
                {free.length ? null : <p className="text-sm text-stone-600">Todos os sacos registrados já foram entregues.</p>}
                <div className="grid grid-cols-2 gap-2 sm:grid-cols-4">
                  {free.map((b) => (
                    <label key={b.id} className="flex items-center gap-2 text-sm">
                      <input type="checkbox" name="bag_ids" value={b.id} className="h-5 w-5" />
                      <span>
                        <span className="font-mono">{b.label}</span> · {label.get(b.material) ?? b.material} · {formatNumber(b.weight_kg, 2)} kg
                      </span>
                    </label>
                  ))}
                </div>
              </fieldset>
              <div className="grid gap-3 sm:grid-cols-3">
                <div>
                  <label htmlFor="receiver_kind" className="label">
                    Quem recebeu
                  </label>
                  <select id="receiver_kind" name="receiver_kind" className="input" required>
                    {Object.entries(RECEIVER_LABELS).map(([value, text]) => (
                      <option key={value} value={value}>
                        {text}
                      </option>
                    ))}
                  </select>
                </div>
                <div>
                  <label htmlFor="receiver_name" className="label">
                    Nome de quem recebeu
                  </label>
                  <input id="receiver_name" name="receiver_name" className="input" required maxLength={150} />
                </div>
                <div>
                  <label htmlFor="destination" className="label">
                    Destino declarado
                  </label>
                  <select id="destination" name="destination" className="input" required>
                    {Object.entries(DESTINATION_LABELS).map(([value, text]) => (
                      <option key={value} value={value}>
                        {text}
                      </option>
                    ))}
                  </select>
                </div>
              </div>
              <SubmitButton className="btn-primary">Registrar entrega e gerar link</SubmitButton>
            </ActionForm>
        </>
      ) : (
        <p className="text-sm text-stone-600">Nenhum saco registrado ainda.</p>
      )}

      {handovers.length ? (
        <div className="space-y-2">
          <h3 className="font-semibold">Entregas</h3>
          <ul className="space-y-3" data-testid="handover-list">
            {handovers.map((h) => (
              <li key={h.id} className="rounded-lg border border-stone-200 p-3 text-sm">
                <p>
                  <span className="font-medium">{h.receiver_name}</span> ({RECEIVER_LABELS[h.receiver_kind]}) · {DESTINATION_LABELS[h.destination]} · {h.bags_count}{" "}
                  {h.bags_count === 1 ? "saco" : "sacos"}, {formatNumber(h.declared_kg, 2)} kg declarados
                </p>
                {h.confirmed_at ? (
                  <p className="text-brand-800">
                    Confirmado por quem recebeu em {formatDateTime(h.confirmed_at)}
                    {h.received_kg ? ` · ${formatNumber(h.received_kg, 2)} kg na balança` : ""}
                    {h.ticket_photo ? (
                      <>
                        {" · "}
                        <a href={h.ticket_photo} target="_blank" rel="noopener noreferrer">
                          ticket de pesagem
                        </a>
                      </>
                    ) : null}
                  </p>
                ) : (
                  <ActionForm action={renewLinkAction.bind(null, eventId, h.id)} label={`Novo link para ${h.receiver_name}`} className="mt-1">
                    <p className="text-stone-700">Aguardando confirmação (link válido até {formatDateTime(h.link_expires_at)}).</p>
                    <SubmitButton className="btn-sm btn-secondary mt-1" pendingText="Gerando…">
                      Gerar novo link
                    </SubmitButton>
                  </ActionForm>
                )}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
