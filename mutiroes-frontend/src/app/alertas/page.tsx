import type { Metadata } from "next";
import Link from "next/link";
import { AlertPlaceField } from "@/components/alerts/alert-place-field";
import { ActionForm } from "@/components/ui/action-form";
import { Alert } from "@/components/ui/alert";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { SubmitButton } from "@/components/ui/submit-button";
import { createAlertAreaAction, deleteAlertAreaAction, saveAlertSettingsAction } from "@/lib/actions/alerts";
import { getAlertSettings, listAlertAreas } from "@/lib/api/alerts";
import { listCategories } from "@/lib/api/events";
import type { AlertArea, Category } from "@/lib/api/types";
import { requireUser } from "@/lib/auth-guard";
import { placeAt, placeLabel } from "@/lib/places/places";

export const metadata: Metadata = { title: "Alertas perto de mim", robots: { index: false } };

const RADII = [2, 5, 10, 25, 50];

function areaPlace(area: AlertArea): string {
  if (area.kind === "city") return `Toda a cidade de ${area.city} (${area.state})`;
  const place = area.latitude !== null && area.longitude !== null ? placeAt({ lat: area.latitude, lng: area.longitude }) : undefined;
  const where = place ? placeLabel(place) : `${area.latitude?.toFixed(4)}, ${area.longitude?.toFixed(4)}`;
  return `Até ${area.radius_km} km de ${where}`;
}

function areaCategories(area: AlertArea, categories: Category[]): string {
  if (area.categories.length === 0) return "Todas as categorias";
  return categories
    .filter((c) => area.categories.includes(c.id))
    .map((c) => c.name)
    .join(", ");
}

export default async function AlertsPage() {
  await requireUser("/alertas");
  const [areasAnswer, settingsAnswer, categories] = await Promise.all([listAlertAreas(), getAlertSettings(), listCategories()]);
  const areas = areasAnswer.ok ? areasAnswer.data.results : null;
  const frequency = settingsAnswer.ok ? settingsAnswer.data.email_frequency : "immediate";
  return (
    <>
      <PageHeader
        title="Alertas perto de mim"
        description="Escolha onde você quer ajudar e avisamos quando um mutirão for publicado lá: aqui no site e por e-mail."
      />
      <div className="grid gap-8 lg:grid-cols-[minmax(0,1fr)_24rem]">
        <section aria-labelledby="areas-titulo" className="space-y-4">
          <h2 id="areas-titulo" className="text-xl font-semibold">
            Minhas áreas
          </h2>
          {areas === null ? (
            <Alert tone="warning">Não foi possível carregar suas áreas agora.</Alert>
          ) : areas.length === 0 ? (
            <EmptyState title="Nenhuma área ainda">Salve uma cidade ou um raio em torno dela para receber alertas.</EmptyState>
          ) : (
            <ul className="space-y-3" data-testid="alert-areas">
              {areas.map((area) => (
                <li key={area.id} className="card flex flex-wrap items-start justify-between gap-3 p-4">
                  <div>
                    <p className="font-semibold">{area.label || areaPlace(area)}</p>
                    {area.label ? <p className="text-sm text-stone-700">{areaPlace(area)}</p> : null}
                    <p className="text-sm text-stone-600">{areaCategories(area, categories)}</p>
                  </div>
                  <ActionForm action={deleteAlertAreaAction.bind(null, area.id)} confirm="Parar de acompanhar esta área?" label={`Remover ${area.label || areaPlace(area)}`}>
                    <SubmitButton className="btn-secondary btn-sm">Remover</SubmitButton>
                  </ActionForm>
                </li>
              ))}
            </ul>
          )}

          <h2 className="pt-4 text-xl font-semibold" id="nova-area-titulo">
            Nova área
          </h2>
          <ActionForm action={createAlertAreaAction} className="card space-y-4 p-5" label="Nova área">
            <AlertPlaceField id="alerta-lugar" />
            <fieldset>
              <legend className="label">Onde</legend>
              <div className="flex flex-wrap items-center gap-x-6 gap-y-2">
                <label className="flex items-center gap-2">
                  <input type="radio" name="kind" value="radius" defaultChecked className="h-4 w-4" />
                  Perto da cidade, num raio de
                </label>
                <label className="sr-only" htmlFor="alerta-raio">
                  Raio
                </label>
                <select id="alerta-raio" name="radius_km" defaultValue="10" className="input w-auto">
                  {RADII.map((r) => (
                    <option key={r} value={r}>
                      {r} km
                    </option>
                  ))}
                </select>
                <label className="flex items-center gap-2">
                  <input type="radio" name="kind" value="city" className="h-4 w-4" />
                  Na cidade inteira
                </label>
              </div>
            </fieldset>
            <fieldset>
              <legend className="label">Categorias (nenhuma marcada: todas)</legend>
              <div className="grid gap-2 sm:grid-cols-2">
                {categories.map((c) => (
                  <label key={c.id} className="flex items-center gap-2 text-sm">
                    <input type="checkbox" name="categories" value={c.id} className="h-4 w-4" />
                    {c.name}
                  </label>
                ))}
              </div>
            </fieldset>
            <div>
              <label htmlFor="alerta-nome" className="label">
                Nome (opcional)
              </label>
              <input id="alerta-nome" name="label" maxLength={80} className="input" placeholder="Ex.: Perto de casa" />
            </div>
            <SubmitButton>Salvar área</SubmitButton>
          </ActionForm>
        </section>

        <aside aria-labelledby="email-titulo" className="space-y-3">
          <h2 id="email-titulo" className="text-xl font-semibold">
            E-mails dos alertas
          </h2>
          <ActionForm action={saveAlertSettingsAction} className="card space-y-3 p-5" label="E-mails dos alertas" keepOnSuccess>
            <fieldset className="space-y-2">
              <legend className="sr-only">Quando receber o e-mail</legend>
              <label className="flex items-center gap-2">
                <input type="radio" name="email_frequency" value="immediate" defaultChecked={frequency === "immediate"} className="h-4 w-4" />
                Um e-mail para cada mutirão, na hora
              </label>
              <label className="flex items-center gap-2">
                <input type="radio" name="email_frequency" value="daily" defaultChecked={frequency === "daily"} className="h-4 w-4" />
                Um resumo por dia
              </label>
            </fieldset>
            <SubmitButton className="btn-secondary">Salvar</SubmitButton>
          </ActionForm>
          <p className="text-sm text-stone-700">
            Para não receber estes alertas por e-mail ou no site, use as <Link href="/perfil/notificacoes">preferências de notificação</Link> (“Novo mutirão perto de você”).
          </p>
        </aside>
      </div>
    </>
  );
}
