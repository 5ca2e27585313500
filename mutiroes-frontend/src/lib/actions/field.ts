"use server";

import { revalidatePath } from "next/cache";
import { errorState, type FormState } from "@/lib/form-state";
import { rollCallAllBack, rollCallFound, rollCallMissing } from "@/lib/api/field";

function refresh(id: number): void {
  revalidatePath(`/eventos/${id}/chamada`);
  revalidatePath(`/eventos/${id}/gerenciar`);
}

export async function allBackAction(id: number, _prev: FormState, _form: FormData): Promise<FormState> {
  const answer = await rollCallAllBack(id);
  if (!answer.ok) return errorState(answer.error);
  refresh(id);
  return { ok: true, message: "Chamada encerrada: todos voltaram. Quem ainda estava em campo recebeu check-out." };
}

export async function missingAction(id: number, participationId: number, name: string, _prev: FormState, _form: FormData): Promise<FormState> {
  const answer = await rollCallMissing(id, participationId);
  if (!answer.ok) return errorState(answer.error);
  refresh(id);
  return { ok: true, message: `${name} foi marcado(a) como desaparecido(a). A organização foi avisada.` };
}

export async function foundAction(id: number, participationId: number, name: string, _prev: FormState, _form: FormData): Promise<FormState> {
  const answer = await rollCallFound(id, participationId);
  if (!answer.ok) return errorState(answer.error);
  refresh(id);
  return { ok: true, message: `${name} voltou: check-out registrado e a organização avisada.` };
}
