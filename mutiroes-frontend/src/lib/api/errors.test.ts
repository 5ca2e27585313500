import { describe, expect, it } from "vitest";
import { parseApiError } from "./errors";

describe("parseApiError", () => {
  it("reads the API's one shape: detail, code and field errors", () => {
    const e = parseApiError(400, { detail: "Dados inválidos. Confira os campos.", code: "invalid", errors: { email: ["Já existe uma conta com este e-mail."], non_field_errors: ["Algo geral."] } });
    expect(e).toEqual({ status: 400, message: "Dados inválidos. Confira os campos.", code: "invalid", fields: { email: ["Já existe uma conta com este e-mail."] } });
  });

  it("reads a conflict", () => {
    expect(parseApiError(409, { detail: "Você já está inscrito.", code: "already_joined" })).toEqual({ status: 409, message: "Você já está inscrito.", code: "already_joined", fields: {} });
  });

  it("answers anything else with the pt-BR message for the status", () => {
    expect(parseApiError(429, undefined)).toEqual({ status: 429, message: "Muitas tentativas. Aguarde um pouco e tente de novo.", fields: {} });
    expect(parseApiError(502, "<html>").message).toBe("O servidor teve um problema. Tente de novo em instantes.");
    expect(parseApiError(400, { title: ["Este campo é obrigatório."] }).message).toBe("Confira os dados enviados.");
  });
});
