"use server";

import { redirect } from "next/navigation";
import { errorState, type FormState } from "@/lib/form-state";
import { clearSession, readTokens, storeSession } from "@/lib/api/session";
import {
  confirmPasswordReset,
  obtainToken,
  registerUser,
  requestPasswordReset,
  revokeRefresh,
} from "@/lib/api/users";
import { safeNextPath } from "@/lib/site";
import { str, rawStr, textValues } from "./form-data";

export async function login(_prev: FormState, form: FormData): Promise<FormState> {
  const email = str(form, "email");
  const password = rawStr(form, "password");
  const next = safeNextPath(str(form, "next"), "/eventos");
  if (!email || !password) {
    return { ok: false, message: "Informe e-mail e senha.", fields: { ...(email ? {} : { email: ["Informe seu e-mail."] }), ...(password ? {} : { password: ["Informe sua senha."] }) }, values: textValues(form) };
  }
  const result = await obtainToken(email, password);
  if (!result.ok) {
    const message = result.status === 401 ? "E-mail ou senha incorretos." : result.error.message;
    return { ok: false, message, fields: result.error.fields, values: textValues(form) };
  }
  await storeSession(result.data);
  redirect(next);
}

export async function register(_prev: FormState, form: FormData): Promise<FormState> {
  const body = {
    email: str(form, "email"),
    password: rawStr(form, "password"),
    first_name: str(form, "first_name"),
    last_name: str(form, "last_name"),
  };
  const next = safeNextPath(str(form, "next"), "/eventos");
  if (body.password !== rawStr(form, "password_confirm")) {
    return { ok: false, message: "Confira os campos destacados.", fields: { password_confirm: ["As senhas não conferem."] }, values: textValues(form) };
  }
  const created = await registerUser(body);
  if (!created.ok) {
    // One message, with the way forward, instead of the same sentence twice.
    if (created.error.code === "email_taken") {
      return { ok: false, message: "Já existe uma conta com este e-mail.", link: { href: `/entrar?next=${encodeURIComponent(next)}`, label: "Entrar" }, values: textValues(form) };
    }
    return errorState(created.error, textValues(form));
  }
  const tokens = await obtainToken(body.email, body.password);
  if (!tokens.ok) redirect(`/entrar?cadastro=ok&next=${encodeURIComponent(next)}`);
  await storeSession(tokens.data);
  redirect(`${next}${next.includes("?") ? "&" : "?"}bem-vindo=1`);
}

export async function logout(): Promise<void> {
  const { refresh } = await readTokens();
  if (refresh) await revokeRefresh(refresh);
  await clearSession();
  redirect("/");
}

export async function passwordResetRequest(_prev: FormState, form: FormData): Promise<FormState> {
  const email = str(form, "email");
  if (!email) return { ok: false, fields: { email: ["Informe seu e-mail."] }, message: "Informe seu e-mail." };
  const result = await requestPasswordReset(email);
  if (!result.ok && result.status !== 404 && result.status < 500) return errorState(result.error, textValues(form));
  return { ok: true, message: "Se houver uma conta com esse e-mail, enviamos um link para criar uma nova senha. Confira sua caixa de entrada." };
}

export async function passwordResetConfirm(_prev: FormState, form: FormData): Promise<FormState> {
  const password = rawStr(form, "new_password");
  if (password !== rawStr(form, "new_password_confirm")) {
    return { ok: false, message: "Confira os campos destacados.", fields: { new_password_confirm: ["As senhas não conferem."] } };
  }
  const result = await confirmPasswordReset({ uid: str(form, "uid"), token: str(form, "token"), new_password: password });
  if (!result.ok) return errorState(result.error);
  redirect("/entrar?senha=ok");
}
