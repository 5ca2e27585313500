"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { errorState, type FormState } from "@/lib/form-state";
import { confirmReceipt, createHandover, deleteBag, registerBags, renewHandoverLink } from "@/lib/api/custody";
import type { MaterialKey, WasteDestination, WasteReceiverKind } from "@/lib/api/types";
import { DESTINATION_LABELS, RECEIVER_LABELS, parseBagWeights, receiptPath } from "@/lib/litter";
import { apiDecimal, parseNumberBR } from "@/lib/numbers";
import { siteUrl } from "@/lib/site";
import { str, textValues } from "./form-data";

const MAX_BYTES = 10 * 1024 * 1024;

function refresh(id: number): void {
  revalidatePath(`/eventos/${id}/gerenciar`);
  revalidatePath(`/eventos/${id}`);
}

const isDestination = (value: string): value is WasteDestination => value in DESTINATION_LABELS;
const isReceiverKind = (value: string): value is WasteReceiverKind => value in RECEIVER_LABELS;

export async function registerBagsAction(eventId: number, _prev: FormState, form: FormData): Promise<FormState> {
  const material = str(form, "material") as MaterialKey;
  const list = parseBagWeights(str(form, "weights"));
  if (typeof list === "string") return { ok: false, message: list, values: textValues(form) };
  const result = await registerBags(eventId, material, list);
  if (!result.ok) return errorState(result.error, textValues(form));
  refresh(eventId);
  return { ok: true, message: result.data.length === 1 ? "1 saco registrado." : `${result.data.length} sacos registrados.` };
}

export async function deleteBagAction(eventId: number, bagId: number, _prev: FormState, _form: FormData): Promise<FormState> {
  const result = await deleteBag(eventId, bagId);
  if (!result.ok) return errorState(result.error);
  refresh(eventId);
  return { ok: true, message: "Saco removido." };
}

function linkMessage(token: string): string {
  return `Envie este link a quem recebeu (vale uma vez, por 14 dias): ${siteUrl()}${receiptPath(token)}`;
}

export async function createHandoverAction(eventId: number, _prev: FormState, form: FormData): Promise<FormState> {
  const bagIds = form
    .getAll("bag_ids")
    .map((v) => Number(v))
    .filter((n) => Number.isInteger(n) && n > 0);
  const kind = str(form, "receiver_kind");
  const destination = str(form, "destination");
  const name = str(form, "receiver_name");
  if (!bagIds.length) return { ok: false, message: "Marque os sacos entregues.", values: textValues(form) };
  if (!isReceiverKind(kind) || !isDestination(destination) || !name) {
    return { ok: false, message: "Informe quem recebeu e o destino declarado.", values: textValues(form) };
  }
  const result = await createHandover(eventId, { bag_ids: bagIds, receiver_kind: kind, receiver_name: name, destination });
  if (!result.ok) return errorState(result.error, textValues(form));
  refresh(eventId);
  return { ok: true, message: linkMessage(result.data.token) };
}

export async function renewLinkAction(eventId: number, handoverId: number, _prev: FormState, _form: FormData): Promise<FormState> {
  const result = await renewHandoverLink(eventId, handoverId);
  if (!result.ok) return errorState(result.error);
  refresh(eventId);
  return { ok: true, message: linkMessage(result.data.token) };
}

export async function confirmReceiptAction(token: string, _prev: FormState, form: FormData): Promise<FormState> {
  const raw = str(form, "received_kg");
  let receivedKg = "";
  if (raw) {
    const parsed = parseNumberBR(raw, { min: 0.01, decimals: 2 });
    if (!parsed.ok || parsed.value === null) return { ok: false, message: "Confira o peso recebido.", fields: { received_kg: [parsed.ok ? "Informe um peso." : parsed.error] }, values: textValues(form) };
    receivedKg = apiDecimal(parsed.value);
  }
  const ticket = form.get("ticket");
  const file = ticket instanceof File && ticket.size > 0 ? ticket : null;
  if (file && file.size > MAX_BYTES) return { ok: false, message: "A foto deve ter no máximo 10 MB.", values: textValues(form) };
  const result = await confirmReceipt(token, { received_kg: receivedKg, note: str(form, "note") }, file);
  if (!result.ok) return errorState(result.error, textValues(form));
  redirect(`${receiptPath(token)}&confirmado=1`);
}
