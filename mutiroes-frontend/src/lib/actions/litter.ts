"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { errorState, type FormState } from "@/lib/form-state";
import { confirmLitterReport, createLitterReport, flagLitterReport, nearbyLitterReports, resurveyLitterReport, scheduleLitterReports } from "@/lib/api/litter";
import type { LitterSize, MaterialKey } from "@/lib/api/types";
import { getMe } from "@/lib/api/users";
import { isUf } from "@/lib/brazil";
import { parseNumberBR } from "@/lib/numbers";
import { str, textValues } from "./form-data";

const SIZES: readonly LitterSize[] = ["bag", "car", "truck"];
const MAX_BYTES = 10 * 1024 * 1024;

function images(form: FormData, name = "images"): File[] | string {
  const files = form.getAll(name).filter((f): f is File => f instanceof File && f.size > 0);
  if (files.some((f) => f.size > MAX_BYTES)) return "Cada foto deve ter no máximo 10 MB.";
  if (files.length > 4) return "Envie no máximo 4 fotos.";
  return files;
}

/** A latitude or longitude typed or filled by the map ("-22.971100"); null when absent or not a number. */
function coordinate(raw: string): number | null {
  const parsed = parseNumberBR(raw, { min: -180, max: 180 });
  return parsed.ok ? parsed.value : null;
}

async function requireLogin(next: string): Promise<void> {
  if (!(await getMe())) redirect(`/entrar?next=${encodeURIComponent(next)}`);
}

function refreshReport(id: number): void {
  revalidatePath("/pontos");
  revalidatePath(`/pontos/${id}`);
}

export async function createLitterReportAction(_prev: FormState, form: FormData): Promise<FormState> {
  await requireLogin("/pontos/novo");
  const values = textValues(form);
  const fields: Record<string, string[]> = {};
  const latitude = coordinate(str(form, "latitude"));
  const longitude = coordinate(str(form, "longitude"));
  if (latitude === null || longitude === null) fields.latitude = ["Marque o lugar no mapa ou use a localização do aparelho."];
  const state = str(form, "state");
  if (!isUf(state)) fields.state = ["Escolha o estado."];
  const size = str(form, "size");
  if (!SIZES.includes(size as LitterSize)) fields.size = ["Escolha o tamanho."];
  const materials = form.getAll("materials").filter((m): m is string => typeof m === "string") as MaterialKey[];
  if (!materials.length) fields.materials = ["Marque pelo menos um tipo de resíduo."];
  if (!str(form, "city")) fields.city = ["Informe a cidade."];
  const photos = images(form);
  if (typeof photos === "string") fields.images = [photos];
  else if (!photos.length) fields.images = ["Envie pelo menos uma foto do lugar."];
  if (Object.keys(fields).length || latitude === null || longitude === null || !isUf(state) || typeof photos === "string") {
    return { ok: false, message: "Confira os campos destacados.", fields, values };
  }
  const created = await createLitterReport({
    latitude,
    longitude,
    address: str(form, "address"),
    city: str(form, "city"),
    state,
    size: size as LitterSize,
    materials,
    notes: str(form, "notes"),
    images: photos,
  });
  if (!created.ok) {
    if (created.error.code === "duplicate_nearby") {
      const nearby = await nearbyLitterReports(latitude, longitude);
      const first = nearby.ok ? nearby.data[0] : undefined;
      if (first) {
        return { ...errorState(created.error, values), link: { href: `/pontos/${first.id}#tambem-vi`, label: "Também vi isto: confirmar aquele ponto" } };
      }
    }
    return errorState(created.error, values);
  }
  revalidatePath("/pontos");
  redirect(`/pontos/${created.data.id}?registrado=1`);
}

export async function confirmLitterReportAction(id: number, _prev: FormState, form: FormData): Promise<FormState> {
  await requireLogin(`/pontos/${id}`);
  const photos = images(form);
  if (typeof photos === "string") return { ok: false, message: photos };
  const result = await confirmLitterReport(id, photos);
  if (!result.ok) return errorState(result.error);
  refreshReport(id);
  return { ok: true, message: "Obrigado! Sua confirmação foi registrada." };
}

export async function resurveyLitterReportAction(id: number, _prev: FormState, form: FormData): Promise<FormState> {
  await requireLogin(`/pontos/${id}`);
  const answer = str(form, "still_clean");
  if (answer !== "true" && answer !== "false") return { ok: false, message: "Diga se o lugar continua limpo." };
  const photos = images(form);
  if (typeof photos === "string") return { ok: false, message: photos };
  const result = await resurveyLitterReport(id, answer === "true", photos);
  if (!result.ok) return errorState(result.error);
  refreshReport(id);
  return { ok: true, message: answer === "true" ? "Que bom! Registramos que continua limpo." : "O ponto foi reaberto; o histórico foi mantido." };
}

export async function flagLitterReportAction(id: number, _prev: FormState, form: FormData): Promise<FormState> {
  await requireLogin(`/pontos/${id}`);
  const reason = str(form, "reason");
  if (!reason) return { ok: false, message: "Conte o motivo da denúncia." };
  const result = await flagLitterReport(id, reason);
  if (!result.ok) return errorState(result.error);
  return { ok: true, message: "Denúncia enviada. A equipe vai analisar." };
}

export async function scheduleLitterReportsAction(eventId: number, reportIds: number[], _prev: FormState, _form: FormData): Promise<FormState> {
  await requireLogin(`/eventos/${eventId}`);
  const result = await scheduleLitterReports(eventId, reportIds);
  if (!result.ok) return errorState(result.error);
  revalidatePath(`/eventos/${eventId}`);
  for (const id of reportIds) refreshReport(id);
  return { ok: true, message: "Pontos vinculados ao mutirão." };
}
