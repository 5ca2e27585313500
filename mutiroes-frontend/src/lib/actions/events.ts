"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { errorState, type FormState } from "@/lib/form-state";
import {
  cancelEvent,
  createComment,
  deleteComment,
  deletePhoto,
  joinEvent,
  leaveEvent,
  pledgeResource,
  selfCheckIn,
  uploadPhoto,
} from "@/lib/api/events";
import { getMe } from "@/lib/api/users";
import { bool, intOrUndefined, str, textValues } from "./form-data";

function refreshEvent(id: number): void {
  revalidatePath(`/eventos/${id}`);
  revalidatePath(`/eventos/${id}/gerenciar`);
}

async function requireLogin(id: number): Promise<void> {
  if (!(await getMe())) redirect(`/entrar?next=${encodeURIComponent(`/eventos/${id}`)}`);
}

export async function joinAction(id: number, _prev: FormState, form: FormData): Promise<FormState> {
  await requireLogin(id);
  const result = await joinEvent(id, {
    emergency_contact: str(form, "emergency_contact") || undefined,
    notes: str(form, "notes") || undefined,
    accept_waiver: bool(form, "accept_waiver"),
    image_consent: bool(form, "image_consent"),
    guardian_consent: bool(form, "guardian_consent"),
    guardian_name: str(form, "guardian_name"),
  });
  refreshEvent(id);
  if (!result.ok) return errorState(result.error, textValues(form));
  redirect(`/eventos/${id}?inscricao=${result.data.status}`);
}

export async function leaveAction(id: number, _prev: FormState, _form: FormData): Promise<FormState> {
  await requireLogin(id);
  const result = await leaveEvent(id);
  refreshEvent(id);
  if (!result.ok) return errorState(result.error);
  redirect(`/eventos/${id}?inscricao=cancelada`);
}

export async function selfCheckInAction(id: number, _prev: FormState, form: FormData): Promise<FormState> {
  const code = str(form, "code");
  if (!code) return { ok: false, message: "Digite o código do mutirão." };
  const result = await selfCheckIn(id, code);
  refreshEvent(id);
  if (!result.ok) return errorState(result.error);
  return { ok: true, message: "Check-in feito. Bom mutirão!" };
}

export async function commentAction(id: number, _prev: FormState, form: FormData): Promise<FormState> {
  await requireLogin(id);
  const body = str(form, "body");
  if (!body) return { ok: false, message: "Escreva um comentário.", fields: {} };
  const parent = intOrUndefined(form, "parent");
  const result = await createComment(id, { body, ...(parent ? { parent } : {}) });
  if (!result.ok) return errorState(result.error);
  refreshEvent(id);
  return { ok: true, message: "Comentário publicado." };
}

export async function deleteCommentAction(id: number, cid: number, _prev: FormState, _form: FormData): Promise<FormState> {
  const result = await deleteComment(id, cid);
  if (!result.ok) return errorState(result.error);
  refreshEvent(id);
  return { ok: true, message: "Comentário removido." };
}

export async function pledgeAction(id: number, rid: number, _prev: FormState, form: FormData): Promise<FormState> {
  await requireLogin(id);
  const quantity = intOrUndefined(form, "quantity");
  if (quantity === undefined || quantity < 0) return { ok: false, message: "Informe uma quantidade." };
  const result = await pledgeResource(id, rid, quantity);
  if (!result.ok) return errorState(result.error);
  refreshEvent(id);
  return { ok: true, message: quantity === 0 ? "Compromisso retirado." : "Obrigado! Anotamos o que você vai levar." };
}

export async function uploadPhotoAction(id: number, _prev: FormState, form: FormData): Promise<FormState> {
  await requireLogin(id);
  const image = form.get("image");
  if (!(image instanceof File) || image.size === 0) return { ok: false, message: "Escolha uma foto." };
  if (image.size > 10 * 1024 * 1024) return { ok: false, message: "A foto deve ter no máximo 10 MB." };
  const stage = str(form, "stage");
  const result = await uploadPhoto(id, { image, caption: str(form, "caption"), stage: stage === "before" || stage === "after" ? stage : "during" });
  if (!result.ok) return errorState(result.error);
  refreshEvent(id);
  return { ok: true, message: "Foto enviada." };
}

export async function deletePhotoAction(id: number, pid: number, _prev: FormState, _form: FormData): Promise<FormState> {
  const result = await deletePhoto(id, pid);
  if (!result.ok) return errorState(result.error);
  refreshEvent(id);
  return { ok: true, message: "Foto removida." };
}

export async function cancelEventAction(id: number, _prev: FormState, form: FormData): Promise<FormState> {
  const result = await cancelEvent(id, str(form, "reason") || undefined, str(form, "scope") === "following" ? "following" : "this");
  if (!result.ok) return errorState(result.error);
  refreshEvent(id);
  revalidatePath("/eventos");
  redirect(`/eventos/${id}/gerenciar?cancelado=1`);
}
