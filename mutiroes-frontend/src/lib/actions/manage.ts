"use server";

import { revalidatePath } from "next/cache";
import { errorState, type FormState } from "@/lib/form-state";
import {
  checkInByCode,
  createResource,
  deleteResource,
  listMaterials,
  participantAction,
  publishEvent,
  rotateCheckInCode,
  saveReport,
  sendOrganizerMessage,
} from "@/lib/api/events";
import type { ParticipantAction } from "@/lib/api/types";
import { reportBodyFromForm, reportFieldName } from "@/lib/events/report-form";
import { parseNumberBR } from "@/lib/numbers";
import { intOrUndefined, rawStr, str, textValues } from "./form-data";

function refresh(id: number): void {
  revalidatePath(`/eventos/${id}/gerenciar`);
  revalidatePath(`/eventos/${id}`);
}

const DONE: Record<ParticipantAction, string> = {
  approve: "Inscrição aprovada.",
  reject: "Inscrição recusada. A pessoa foi avisada.",
  restore: "Recusa desfeita. A pessoa foi avisada.",
  "check-in": "Check-in registrado.",
  "check-out": "Check-out registrado.",
  "no-show": "Ausência registrada.",
  "undo-no-show": "Ausência desfeita.",
};

export async function participantActionForm(id: number, pid: number, action: ParticipantAction, _prev: FormState, form: FormData): Promise<FormState> {
  const hours = action === "check-out" ? parseNumberBR(str(form, "hours"), { max: 24, decimals: 2 }) : { ok: true as const, value: null };
  if (!hours.ok) return { ok: false, message: `Horas: ${hours.error}` };
  const input = { hours: hours.value !== null ? hours.value.toFixed(2) : undefined, reason: action === "reject" ? str(form, "reason") : undefined };
  const result = await participantAction(id, pid, action, input);
  if (!result.ok) return errorState(result.error, textValues(form));
  refresh(id);
  return { ok: true, message: DONE[action] };
}

export async function sendMessageAction(id: number, _prev: FormState, form: FormData): Promise<FormState> {
  const values = textValues(form);
  const result = await sendOrganizerMessage(id, { title: str(form, "title"), body: str(form, "body") });
  if (!result.ok) return errorState(result.error, values);
  return { ok: true, message: "Mensagem enviada. Os participantes recebem no aplicativo e por e-mail." };
}

export async function checkInByCodeAction(id: number, _prev: FormState, form: FormData): Promise<FormState> {
  const code = str(form, "code").toUpperCase();
  if (!code) return { ok: false, message: "Digite o código do participante." };
  const result = await checkInByCode(id, code);
  if (!result.ok) return errorState(result.error);
  refresh(id);
  return { ok: true, message: `Check-in de ${result.data.user.name} registrado.` };
}

export async function rotateCheckInCodeAction(id: number, _prev: FormState, _form: FormData): Promise<FormState> {
  const result = await rotateCheckInCode(id);
  if (!result.ok) return errorState(result.error);
  refresh(id);
  return { ok: true, message: `Novo código: ${result.data.checkin_code ?? ""}. O anterior parou de funcionar.` };
}

export async function publishAction(id: number, _prev: FormState, _form: FormData): Promise<FormState> {
  const result = await publishEvent(id);
  if (!result.ok) return errorState(result.error);
  refresh(id);
  revalidatePath("/eventos");
  return { ok: true, message: "Mutirão publicado!" };
}

export async function addResourceAction(id: number, _prev: FormState, form: FormData): Promise<FormState> {
  const name = str(form, "name");
  const quantity = intOrUndefined(form, "quantity_needed");
  if (!name || !quantity || quantity < 1) return { ok: false, message: "Informe o item e a quantidade (pelo menos 1)." };
  const result = await createResource(id, { name, quantity_needed: quantity });
  if (!result.ok) return errorState(result.error);
  refresh(id);
  return { ok: true, message: "Item adicionado." };
}

export async function deleteResourceAction(id: number, rid: number, _prev: FormState, _form: FormData): Promise<FormState> {
  const result = await deleteResource(id, rid);
  if (!result.ok) return errorState(result.error);
  refresh(id);
  return { ok: true, message: "Item removido." };
}

export async function saveReportAction(id: number, _prev: FormState, form: FormData): Promise<FormState> {
  const values = textValues(form);
  const materials = await listMaterials();
  if (!materials.ok) return errorState(materials.error, values);
  const { body, errors } = reportBodyFromForm((name) => rawStr(form, name), materials.data);
  if (Object.keys(errors).length) return { ok: false, message: "Confira os números destacados.", fields: errors, values };
  const result = await saveReport(id, body);
  if (!result.ok) {
    const fields = Object.fromEntries(Object.entries(result.error.fields ?? {}).map(([k, v]) => [reportFieldName(k), v]));
    return { ok: false, message: result.error.message, fields, values };
  }
  refresh(id);
  revalidatePath("/impacto");
  return { ok: true, message: "Relatório de impacto salvo. Obrigado!" };
}
