import type { CollectiveBody, CollectiveDetail, CollectiveRole } from "./api/types";
import { isUf } from "./brazil";

export const ROLE_LABEL: Record<CollectiveRole, string> = { owner: "Dono(a)", organizer: "Organizador(a)", member: "Membro" };

const FIELDS = ["name", "description", "city", "website", "instagram", "whatsapp_group"] as const;

/** The collective form's values as the API's body (create and edit), or the state's error. */
export function collectiveBodyFromForm(form: FormData): { ok: true; body: CollectiveBody } | { ok: false; field: "state"; message: string } {
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value.trim() : "";
  };
  const state = text("state");
  if (!isUf(state)) return { ok: false, field: "state", message: "Escolha o estado." };
  const body: CollectiveBody = { name: "", city: "", state };
  for (const name of FIELDS) body[name] = text(name);
  return { ok: true, body };
}

/** The edit form's initial values: the collective as it is now (`logo`: its URL, or empty). */
export function collectiveFormValues(c: CollectiveDetail): Record<string, string> {
  const values: Record<string, string> = { state: c.state, logo: c.logo ?? "" };
  for (const name of FIELDS) values[name] = c[name] ?? "";
  return values;
}
