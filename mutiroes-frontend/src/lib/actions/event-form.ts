"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { errorState, type FormState } from "@/lib/form-state";
import { createEvent, publishEvent, updateEvent } from "@/lib/api/events";
import { eventBodyFromForm } from "@/lib/events/event-form";
import { rawStr, str, textValues } from "./form-data";

/** Create (eventId null) or edit an event; `intent` = draft | publish | save. */
export async function saveEventAction(eventId: number | null, _prev: FormState, form: FormData): Promise<FormState> {
  const intent = str(form, "intent");
  const { body, errors } = eventBodyFromForm((name) => rawStr(form, name));
  const values = textValues(form);
  if (!body) return { ok: false, message: "Confira os campos destacados.", fields: errors, values };

  const payload = body;
  let id = eventId;
  if (id === null) {
    const created = await createEvent({ ...payload, status: intent === "publish" ? "published" : "draft" });
    if (!created.ok) return errorState(created.error, values);
    id = created.data.id;
  } else {
    const updated = await updateEvent(id, payload);
    if (!updated.ok) return errorState(updated.error, values);
    if (intent === "publish") {
      const published = await publishEvent(id);
      if (!published.ok) return errorState(published.error, values);
    }
  }
  revalidatePath("/eventos");
  revalidatePath(`/eventos/${id}`);
  redirect(`/eventos/${id}${intent === "publish" ? "?publicado=1" : ""}`);
}
