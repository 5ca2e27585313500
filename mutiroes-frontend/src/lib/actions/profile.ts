"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { errorState, type FormState } from "@/lib/form-state";
import { clearSession, storeSession } from "@/lib/api/session";
import { isUf } from "@/lib/brazil";
import type { MePatchBody } from "@/lib/api/types";
import { changePassword, deleteMe, getNotificationPreferences, markAllNotificationsRead, markNotificationRead, rotateCalendarToken, updateMe, updateNotificationPreferences } from "@/lib/api/users";
import { bool, rawStr, str, textValues } from "./form-data";

export async function updateProfileAction(_prev: FormState, form: FormData): Promise<FormState> {
  const state = str(form, "state");
  const body: MePatchBody = {
    first_name: str(form, "first_name"),
    last_name: str(form, "last_name"),
    display_name: str(form, "display_name"),
    bio: str(form, "bio"),
    city: str(form, "city"),
    state: isUf(state) ? state : "",
    birth_date: str(form, "birth_date") || null,
    is_public: bool(form, "is_public"),
    show_history: bool(form, "show_history"),
    interests: form.getAll("interests").filter((v): v is string => typeof v === "string"),
  };
  const result = await updateMe(body);
  if (!result.ok) return errorState(result.error, textValues(form));
  revalidatePath("/perfil");
  return { ok: true, message: "Perfil atualizado." };
}

export async function changePasswordAction(_prev: FormState, form: FormData): Promise<FormState> {
  const result = await changePassword({ old_password: rawStr(form, "old_password"), new_password: rawStr(form, "new_password") });
  if (!result.ok) return errorState(result.error);
  await storeSession(result.data);
  return { ok: true, message: "Senha alterada. As outras sessões foram encerradas." };
}

export async function rotateCalendarAction(_prev: FormState, _form: FormData): Promise<FormState> {
  const result = await rotateCalendarToken();
  if (!result.ok) return errorState(result.error);
  revalidatePath("/perfil");
  return { ok: true, message: "Novo link gerado. O link antigo parou de funcionar." };
}

export async function deleteAccountAction(_prev: FormState, form: FormData): Promise<FormState> {
  if (str(form, "confirm") !== "EXCLUIR") return { ok: false, message: "Digite EXCLUIR para confirmar." };
  const result = await deleteMe(rawStr(form, "password"));
  if (!result.ok) return errorState(result.error);
  await clearSession();
  redirect("/?conta=excluida");
}

export async function readNotificationAction(id: number, _prev: FormState, _form: FormData): Promise<FormState> {
  const result = await markNotificationRead(id);
  if (!result.ok) return errorState(result.error);
  revalidatePath("/notificacoes");
  return { ok: true };
}

export async function readAllNotificationsAction(_prev: FormState, _form: FormData): Promise<FormState> {
  const result = await markAllNotificationsRead();
  if (!result.ok) return errorState(result.error);
  revalidatePath("/notificacoes");
  revalidatePath("/", "layout");
  return { ok: true, message: "Tudo marcado como lido." };
}

export async function savePreferencesAction(_prev: FormState, form: FormData): Promise<FormState> {
  // The kinds are the API's own list; the form only says yes or no to each.
  const current = await getNotificationPreferences();
  if (!current.ok) return errorState(current.error);
  const preferences = current.data.preferences.map(({ kind }) => ({ kind, in_app: form.get(`in_app:${kind}`) === "on", email: form.get(`email:${kind}`) === "on" }));
  const result = await updateNotificationPreferences(preferences);
  if (!result.ok) return errorState(result.error);
  revalidatePath("/perfil/notificacoes");
  return { ok: true, message: "Preferências salvas." };
}
