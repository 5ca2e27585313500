import type { ApiError } from "@/lib/api/errors";

/** What a Server Action returns to a form rendered with useActionState. */
export type FormState = {
  ok?: boolean;
  message?: string;
  fields?: Record<string, string[]>;
  /** The submitted values, so the form keeps what the person typed. */
  values?: Record<string, string>;
  /** Where to go about it (e.g. "Entrar" when the e-mail already has an account). */
  link?: { href: string; label: string };
};

export const initialFormState: FormState = {};

export function errorState(error: ApiError, values?: Record<string, string>): FormState {
  return { ok: false, message: error.message, fields: error.fields, values };
}
