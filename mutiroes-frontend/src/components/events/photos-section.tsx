import { ActionForm } from "@/components/ui/action-form";
import { SubmitButton } from "@/components/ui/submit-button";
import { deletePhotoAction, uploadPhotoAction } from "@/lib/actions/events";
import type { Photo } from "@/lib/api/types";

const STAGES: Array<{ key: Photo["stage"]; label: string }> = [
  { key: "before", label: "Antes" },
  { key: "during", label: "Durante" },
  { key: "after", label: "Depois" },
];

export function PhotosSection({ eventId, photos, canUpload, meId, canModerate }: {
  eventId: number;
  photos: Photo[];
  canUpload: boolean;
  meId: number | null;
  canModerate: boolean;
}) {
  if (!photos.length && !canUpload) return null;
  return (
    <section aria-labelledby="fotos-titulo" className="space-y-4">
      <h2 id="fotos-titulo" className="text-xl font-semibold">
        Fotos
      </h2>
      {photos.length === 0 ? <p className="text-sm text-stone-600">Nenhuma foto ainda. Registre o antes e o depois!</p> : null}
      {STAGES.map(({ key, label }) => {
        const list = photos.filter((p) => p.stage === key);
        if (!list.length) return null;
        return (
          <div key={key}>
            <h3 className="mb-2 font-semibold">{label}</h3>
            <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3">
              {list.map((p) => (
                <li key={p.id} className="card overflow-hidden">
                  <a href={p.image} target="_blank" rel="noopener noreferrer">
                    {/* eslint-disable-next-line @next/next/no-img-element -- user uploads served by the API's media host */}
                    <img src={p.thumbnail || p.image} alt={p.caption || `Foto ${label.toLowerCase()} do mutirão`} loading="lazy" className="aspect-[4/3] w-full object-cover" />
                  </a>
                  {p.caption ? <p className="p-2 text-xs text-stone-700">{p.caption}</p> : null}
                  {(p.uploaded_by && p.uploaded_by.id === meId) || canModerate ? (
                    <ActionForm action={deletePhotoAction.bind(null, eventId, p.id)} confirm="Remover esta foto?" className="px-2 pb-2">
                      <SubmitButton className="text-xs font-medium text-red-700 underline">Remover</SubmitButton>
                    </ActionForm>
                  ) : null}
                </li>
              ))}
            </ul>
          </div>
        );
      })}
      {canUpload ? (
        <ActionForm action={uploadPhotoAction.bind(null, eventId)} className="card grid gap-3 p-4 sm:grid-cols-3" label="Enviar foto">
          <div className="sm:col-span-3">
            <label htmlFor="photo-image" className="label">
              Foto (JPEG, PNG ou WebP, até 10 MB)
            </label>
            <input id="photo-image" name="image" type="file" accept="image/jpeg,image/png,image/webp" required className="block w-full text-sm" />
          </div>
          <div>
            <label htmlFor="photo-stage" className="label">
              Momento
            </label>
            <select id="photo-stage" name="stage" className="input" defaultValue="during">
              {STAGES.map((s) => (
                <option key={s.key} value={s.key}>
                  {s.label}
                </option>
              ))}
            </select>
          </div>
          <div className="sm:col-span-2">
            <label htmlFor="photo-caption" className="label">
              Legenda
            </label>
            <input id="photo-caption" name="caption" className="input" maxLength={200} />
          </div>
          <div>
            <SubmitButton className="btn-secondary" pendingText="Enviando foto…">
              Enviar foto
            </SubmitButton>
          </div>
        </ActionForm>
      ) : null}
    </section>
  );
}
