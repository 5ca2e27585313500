/** One shape for API errors inside the frontend, whatever the API sent. */
export type ApiError = {
  status: number;
  /** A human message in pt-BR, ready to show. */
  message: string;
  /** Field name → messages, for forms. `non_field_errors` and `detail` go to `message`. */
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

export function defaultMessage(status: number): string {
  return STATUS_MESSAGES[status] ?? (status >= 500 ? "O servidor teve um problema. Tente de novo em instantes." : "Algo deu errado.");
}

function toMessages(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(toMessages);
  if (value && typeof value === "object") {
    const obj = value as Record<string, unknown>;
    if (typeof obj.message === "string") return [obj.message];
    if (typeof obj.detail === "string") return [obj.detail];
    return Object.values(obj).flatMap(toMessages);
  }
  return [];
}

const GENERAL_KEYS = new Set(["detail", "message", "non_field_errors", "__all__", "code", "status", "type", "errors", "fields", "error"]);

function collectFields(source: unknown, into: Record<string, string[]>): void {
  if (!source || typeof source !== "object" || Array.isArray(source)) return;
  for (const [key, value] of Object.entries(source as Record<string, unknown>)) {
    if (GENERAL_KEYS.has(key)) continue;
    const messages = toMessages(value);
    if (messages.length) into[key] = [...(into[key] ?? []), ...messages];
  }
}

/**
 * Normalise DRF-style bodies (`{detail}`, `{field: [..]}`, `{non_field_errors}`)
 * and envelope styles (`{error: {message, fields}}`, `{message, errors}`, `{detail, errors: [{attr, detail}]}`).
 */
export function parseApiError(status: number, body: unknown): ApiError {
  const fields: Record<string, string[]> = {};
  const general: string[] = [];
  let code: string | undefined;

  const visit = (obj: unknown): void => {
    if (typeof obj === "string") {
      general.push(obj);
      return;
    }
    if (Array.isArray(obj)) {
      for (const item of obj) {
        if (item && typeof item === "object" && "attr" in item && typeof (item as { attr: unknown }).attr === "string") {
          const { attr, detail } = item as { attr: string; detail?: unknown };
          const messages = toMessages(detail);
          if (attr === "non_field_errors" || attr === "__all__") general.push(...messages);
          else fields[attr] = [...(fields[attr] ?? []), ...messages];
        } else {
          general.push(...toMessages(item));
        }
      }
      return;
    }
    if (!obj || typeof obj !== "object") return;
    const o = obj as Record<string, unknown>;
    if (typeof o.code === "string" && !code) code = o.code;
    if (typeof o.detail === "string") general.push(o.detail);
    else if (o.detail && typeof o.detail === "object") visit(o.detail);
    if (typeof o.message === "string") general.push(o.message);
    if (o.non_field_errors !== undefined) general.push(...toMessages(o.non_field_errors));
    if (o.__all__ !== undefined) general.push(...toMessages(o.__all__));
    if (o.error !== undefined) visit(o.error);
    if (o.errors !== undefined) {
      if (Array.isArray(o.errors)) visit(o.errors);
      else collectFields(o.errors, fields);
    }
    if (o.fields !== undefined) collectFields(o.fields, fields);
    collectFields(o, fields);
  };
  visit(body);

  const unique = [...new Set(general.filter(Boolean))];
  const message = unique.length ? unique.join(" ") : Object.keys(fields).length ? defaultMessage(400) : defaultMessage(status);
  return { status, message, fields, ...(code ? { code } : {}) };
}
