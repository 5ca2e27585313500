"use server";

import { revalidatePath } from "next/cache";
import { createAlertArea, deleteAlertArea, updateAlertSettings } from "@/lib/api/alerts";
import type { AlertAreaBody } from "@/lib/api/types";
import { errorState, type FormState } from "@/lib/form-state";
import { resolvePlace } from "@/lib/places/places";
import { intOrUndefined, str, textValues } from "./form-data";

const round4 = (n: number) => Math.round(n * 10_000) / 10_000;

/** Watch a municipality: around its seat (a radius) or the whole city. The place is the typed or
 * chosen name ("Campinas (SP)"), resolved by the gazetteer, so the form works without JavaScript. */
export async function createAlertAreaAction(_prev: FormState, form: FormData): Promise<FormState> {
  const place = resolvePlace(str(form, "lugar"));
  if (!place) return { ok: false, message: "Escolha uma cidade da lista.", fields: { lugar: ["Escolha uma cidade da lista."] }, values: textValues(form) };
  const categories = form
    .getAll("categories")
    .map((v) => Number(v))
    .filter((n) => Number.isInteger(n) && n > 0);
  const label = str(form, "label");
  const body: AlertAreaBody =
    str(form, "kind") === "city"
      ? { kind: "city", city: place.name, state: place.uf as AlertAreaBody["state"], label, categories }
      : { kind: "radius", latitude: round4(place.lat), longitude: round4(place.lng), radius_km: intOrUndefined(form, "radius_km") ?? 10, label, categories };
  const result = await createAlertArea(body);
  if (!result.ok) return errorState(result.error, textValues(form));
  revalidatePath("/alertas");
  return { ok: true, message: "Área salva. Avisamos quando um mutirão for publicado lá." };
}

export async function deleteAlertAreaAction(id: number, _prev: FormState, _form: FormData): Promise<FormState> {
  const result = await deleteAlertArea(id);
  if (!result.ok) return errorState(result.error);
  revalidatePath("/alertas");
  return { ok: true, message: "Área removida." };
}

export async function saveAlertSettingsAction(_prev: FormState, form: FormData): Promise<FormState> {
  const result = await updateAlertSettings(str(form, "email_frequency") === "daily" ? "daily" : "immediate");
  if (!result.ok) return errorState(result.error);
  revalidatePath("/alertas");
  return { ok: true, message: "Preferência de e-mail salva." };
}
