"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { errorState, type FormState } from "@/lib/form-state";
import { createEvent, publishEvent, updateEvent, uploadCover } from "@/lib/api/events";
import { scheduleLitterReports } from "@/lib/api/litter";
import { eventBodyFromForm } from "@/lib/events/event-form";
import { rawStr, str, textValues } from "./form-data";

/** Create (eventId null) or edit an event; `intent` = draft | publish | save. */
export async function saveEventAction(eventId: number | null, _prev: FormState, form: FormData): Promise<FormState> {
  const intent = str(form, "intent");
  const { body, errors } = eventBodyFromForm((name) => rawStr(form, name));
  const values = textValues(form);
  if (!body) return { ok: false, message: "Confira os campos destacados.", fields: errors, values };

  const cover = form.get("cover");
  const hasCover = cover instanceof File && cover.size > 0;
  if (hasCover && cover.size > 10 * 1024 * 1024) return { ok: false, message: "A foto de capa deve ter no máximo 10 MB.", fields: { cover: ["No máximo 10 MB."] }, values };

  const payload = body;
  let id = eventId;
  if (id === null) {
    const created = await createEvent({ ...payload, status: intent === "publish" ? "published" : "draft" });
    if (!created.ok) return errorState(created.error, values);
    id = created.data.id;
    // Organized from litter reports: they show "mutirão marcado" and close after its report.
    const reportIds = str(form, "litter_reports")
      .split(",")
      .map(Number)
      .filter((n) => Number.isInteger(n) && n > 0);
    if (reportIds.length) {
      const linked = await scheduleLitterReports(id, reportIds);
      if (!linked.ok) redirect(`/eventos/${id}?pontos=recusados`);
      for (const reportId of reportIds) revalidatePath(`/pontos/${reportId}`);
    }
  } else {
    const updated = await updateEvent(id, payload, str(form, "scope") === "following" ? "following" : "this");
    if (!updated.ok) return errorState(updated.error, values);
    if (intent === "publish") {
      const published = await publishEvent(id);
      if (!published.ok) return errorState(published.error, values);
    }
  }
  if (hasCover) {
    const saved = await uploadCover(id, cover);
    // The mutirão is saved either way; the cover is fixed in the edit form, not by sending it all again.
    if (!saved.ok) redirect(`/eventos/${id}/editar?capa=recusada`);
  }
  revalidatePath("/eventos");
  revalidatePath(`/eventos/${id}`);
  redirect(`/eventos/${id}?${intent === "publish" ? "publicado" : intent === "draft" ? "rascunho" : "salvo"}=1`);
}
