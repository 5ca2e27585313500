/** The API's one error shape (`components["schemas"]["Error"]`), ready for the web app to show. */
import type { components } from "./schema";

type ErrorBody = components["schemas"]["Error"];

export type ApiError = {
  status: number;
  /** A human message in pt-BR, ready to show. */
  message: string;
  /** Field name → messages, for forms. */
  fields: Record<string, string[]>;
  code?: string;
};

const STATUS_MESSAGES: Record<number, string> = {
  0: "Não foi possível falar com o servidor. Tente de novo em instantes.",
  400: "Confira os dados enviados.",
  401: "Sua sessão expirou. Entre de novo.",
  403: "Você não tem permissão para isso.",
  404: "Não encontrado.",
  409: "Isso conflita com o estado atual. Atualize a página.",
  413: "Arquivo grande demais.",
  429: "Muitas tentativas. Aguarde um pouco e tente de novo.",
};

/** The API did not answer within the web app's timeout (status 0, like unreachable). */
export const TIMEOUT_MESSAGE = "O servidor demorou demais para responder. Tente novamente em instantes.";

/** The message for a call that never got an answer: timed out, or the API unreachable. */
export function noAnswerMessage(error: unknown): string {
  const timedOut = error instanceof Error && (error.name === "TimeoutError" || (error.name === "AbortError" && /timeout/i.test(error.message)));
  return timedOut ? TIMEOUT_MESSAGE : defaultMessage(0);
}

export function defaultMessage(status: number): string {
  return STATUS_MESSAGES[status] ?? (status >= 500 ? "O servidor teve um problema. Tente de novo em instantes." : "Algo deu errado.");
}

function isErrorBody(body: unknown): body is ErrorBody {
  if (!body || typeof body !== "object") return false;
  const { detail, code } = body as Record<string, unknown>;
  return typeof detail === "string" && typeof code === "string";
}

/**
 * The documented `Error` (`{detail, code, errors?}`); anything else (an HTML page from a proxy, an
 * empty body) becomes the pt-BR message for the status.
 */
export function parseApiError(status: number, body: unknown): ApiError {
  if (!isErrorBody(body)) return { status, message: defaultMessage(status), fields: {} };
  const fields = { ...(body.errors ?? {}) };
  delete fields.non_field_errors;
  return { status, message: body.detail, fields, code: body.code };
}
