"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { errorState, type FormState } from "@/lib/form-state";
import {
  acceptInvitation,
  addCoOrganizer,
  createCollective,
  createSeries,
  followCollective,
  inviteToCollective,
  joinAllOfSeries,
  leaveAllOfSeries,
  leaveCollective,
  removeCoOrganizer,
  removeMember,
  revokeInvitation,
  unfollowCollective,
  updateCollective,
  updateMember,
  uploadCollectiveLogo,
} from "@/lib/api/collectives";
import type { CollectiveRole, SeriesBody } from "@/lib/api/types";
import { getMe } from "@/lib/api/users";
import { collectiveBodyFromForm } from "@/lib/collectives";
import { bool, intOrUndefined, str, textValues } from "./form-data";

const ROLES: CollectiveRole[] = ["member", "organizer", "owner"];
const isRole = (value: string): value is CollectiveRole => ROLES.some((r) => r === value);

async function requireLogin(next: string): Promise<void> {
  if (!(await getMe())) redirect(`/entrar?next=${encodeURIComponent(next)}`);
}

function refreshCollective(slug: string): void {
  revalidatePath(`/coletivos/${slug}`);
  revalidatePath("/coletivos");
}

// ---- collectives

export async function createCollectiveAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = textValues(form);
  const read = collectiveBodyFromForm(form);
  if (!read.ok) return { ok: false, message: read.message, fields: { [read.field]: [read.message] }, values };
  const result = await createCollective(read.body);
  if (!result.ok) return errorState(result.error, values);
  revalidatePath("/coletivos");
  redirect(`/coletivos/${result.data.slug}?coletivo=criado`);
}

export async function updateCollectiveAction(slug: string, _prev: FormState, form: FormData): Promise<FormState> {
  await requireLogin(`/coletivos/${slug}/editar`);
  const values = textValues(form);
  const read = collectiveBodyFromForm(form);
  if (!read.ok) return { ok: false, message: read.message, fields: { [read.field]: [read.message] }, values };
  const result = await updateCollective(slug, read.body);
  if (!result.ok) return errorState(result.error, values);
  const logo = form.get("logo");
  if (logo instanceof File && logo.size > 0) {
    const saved = await uploadCollectiveLogo(slug, logo);
    refreshCollective(slug);
    // The texts are saved either way; the form says what was wrong with the picture.
    if (!saved.ok) return { ...errorState(saved.error, values), fields: { logo: [saved.error.message] } };
  }
  refreshCollective(slug);
  redirect(`/coletivos/${slug}`);
}

export async function followAction(slug: string, following: boolean, _prev: FormState, _form: FormData): Promise<FormState> {
  await requireLogin(`/coletivos/${slug}`);
  const result = following ? await unfollowCollective(slug) : await followCollective(slug);
  if (!result.ok) return errorState(result.error);
  refreshCollective(slug);
  return {
    ok: true,
    message: following ? "Você deixou de seguir o coletivo." : "Você segue o coletivo: avisaremos quando ele publicar um mutirão.",
  };
}

export async function leaveCollectiveAction(slug: string, _prev: FormState, _form: FormData): Promise<FormState> {
  const result = await leaveCollective(slug);
  if (!result.ok) return errorState(result.error);
  refreshCollective(slug);
  return { ok: true, message: "Você saiu do coletivo." };
}

export async function showMeAction(slug: string, userId: number, _prev: FormState, form: FormData): Promise<FormState> {
  const result = await updateMember(slug, userId, { is_public: bool(form, "is_public") });
  if (!result.ok) return errorState(result.error);
  refreshCollective(slug);
  return { ok: true, message: result.data.is_public ? "Seu nome aparece na página do coletivo." : "Seu nome não aparece mais na página do coletivo." };
}

export async function memberRoleAction(slug: string, userId: number, _prev: FormState, form: FormData): Promise<FormState> {
  const role = str(form, "role");
  if (!isRole(role)) return { ok: false, message: "Escolha um papel." };
  const result = await updateMember(slug, userId, { role });
  if (!result.ok) return errorState(result.error);
  refreshCollective(slug);
  return { ok: true, message: "Papel atualizado." };
}

export async function removeMemberAction(slug: string, userId: number, _prev: FormState, _form: FormData): Promise<FormState> {
  const result = await removeMember(slug, userId);
  if (!result.ok) return errorState(result.error);
  refreshCollective(slug);
  return { ok: true, message: "Membro removido." };
}

export async function inviteAction(slug: string, _prev: FormState, form: FormData): Promise<FormState> {
  const email = str(form, "email");
  const role = str(form, "role");
  if (!email) return { ok: false, message: "Informe o e-mail.", fields: { email: ["Informe o e-mail."] } };
  const result = await inviteToCollective(slug, email, isRole(role) ? role : "member");
  if (!result.ok) return errorState(result.error, textValues(form));
  refreshCollective(slug);
  return { ok: true, message: `Convite enviado para ${result.data.email}. O link vale 7 dias e pode ser usado uma vez.` };
}

export async function revokeInvitationAction(slug: string, invitationId: number, _prev: FormState, _form: FormData): Promise<FormState> {
  const result = await revokeInvitation(slug, invitationId);
  if (!result.ok) return errorState(result.error);
  refreshCollective(slug);
  return { ok: true, message: "Convite cancelado." };
}

export async function acceptInvitationAction(token: string, _prev: FormState, _form: FormData): Promise<FormState> {
  await requireLogin(`/coletivos/convite?token=${encodeURIComponent(token)}`);
  const result = await acceptInvitation(token);
  if (!result.ok) return errorState(result.error);
  refreshCollective(result.data.collective);
  redirect(`/coletivos/${result.data.collective}?convite=aceito`);
}

// ---- a mutirão's co-organizers

function refreshManage(id: number): void {
  revalidatePath(`/eventos/${id}/gerenciar`);
  revalidatePath(`/eventos/${id}`);
}

export async function addCoOrganizerAction(id: number, _prev: FormState, form: FormData): Promise<FormState> {
  const email = str(form, "email");
  if (!email) return { ok: false, message: "Informe o e-mail da pessoa.", fields: { email: ["Informe o e-mail da pessoa."] } };
  const result = await addCoOrganizer(id, email);
  if (!result.ok) return errorState(result.error, textValues(form));
  refreshManage(id);
  return { ok: true, message: "Coorganizador(a) adicionado(a): a pessoa já pode gerenciar o mutirão." };
}

export async function removeCoOrganizerAction(id: number, userId: number, _prev: FormState, _form: FormData): Promise<FormState> {
  const result = await removeCoOrganizer(id, userId);
  if (!result.ok) return errorState(result.error);
  refreshManage(id);
  return { ok: true, message: "Coorganizador(a) removido(a)." };
}

// ---- recurring series

const FREQUENCIES: SeriesBody["frequency"][] = ["weekly", "monthly"];
const isFrequency = (value: string): value is SeriesBody["frequency"] => FREQUENCIES.some((f) => f === value);

export async function createSeriesAction(id: number, _prev: FormState, form: FormData): Promise<FormState> {
  const values = textValues(form);
  const frequency = str(form, "frequency");
  if (!isFrequency(frequency)) return { ok: false, message: "Escolha a frequência.", values };
  const interval = intOrUndefined(form, "interval") ?? 1;
  const end = str(form, "end_kind");
  const count = intOrUndefined(form, "count");
  const until = str(form, "until");
  if (end === "count" && !count) return { ok: false, message: "Informe quantas vezes.", fields: { count: ["Informe quantas vezes."] }, values };
  if (end === "until" && !until) return { ok: false, message: "Informe a data final.", fields: { until: ["Informe a data final."] }, values };
  const body: SeriesBody = { frequency, interval, ...(end === "until" ? { until } : { count }) };
  const result = await createSeries(id, body);
  if (!result.ok) return errorState(result.error, values);
  refreshManage(id);
  redirect(`/series/${result.data.id}?serie=criada`);
}

export async function joinAllAction(seriesId: number, _prev: FormState, _form: FormData): Promise<FormState> {
  await requireLogin(`/series/${seriesId}`);
  const result = await joinAllOfSeries(seriesId);
  if (!result.ok) return errorState(result.error);
  revalidatePath(`/series/${seriesId}`);
  const n = result.data.joined;
  return {
    ok: true,
    message: `Pronto! Você participa de todos: ${n} ${n === 1 ? "mutirão agora" : "mutirões agora"} e dos próximos, assim que forem criados.`,
  };
}

export async function leaveAllAction(seriesId: number, _prev: FormState, _form: FormData): Promise<FormState> {
  const result = await leaveAllOfSeries(seriesId);
  if (!result.ok) return errorState(result.error);
  revalidatePath(`/series/${seriesId}`);
  return { ok: true, message: "Você não será mais inscrito(a) nos próximos. As inscrições já feitas continuam." };
}
