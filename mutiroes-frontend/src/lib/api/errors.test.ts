import { describe, expect, it } from "vitest";
import { parseApiError } from "./errors";

describe("parseApiError", () => {
  it("reads the API's shape: detail, code and field errors", () => {
    const e = parseApiError(400, { detail: "Dados inválidos. Confira os campos.", code: "invalid", errors: { email: ["Já existe uma conta com este e-mail."], non_field_errors: ["Algo geral."] } });
    expect(e.message).toBe("Dados inválidos. Confira os campos.");
    expect(e.code).toBe("invalid");
    expect(e.fields).toEqual({ email: ["Já existe uma conta com este e-mail."] });
  });

  it("reads a conflict", () => {
    expect(parseApiError(409, { detail: "Você já está inscrito.", code: "conflict" })).toMatchObject({ status: 409, message: "Você já está inscrito.", fields: {} });
  });

  it("reads plain DRF field errors", () => {
    const e = parseApiError(400, { title: ["Este campo é obrigatório."], capacity: ["Mínimo 1."] });
    expect(e.fields).toEqual({ title: ["Este campo é obrigatório."], capacity: ["Mínimo 1."] });
    expect(e.message).toBe("Confira os dados enviados.");
  });

  it("falls back to a pt-BR message for the status", () => {
    expect(parseApiError(429, undefined).message).toMatch(/Muitas tentativas/);
    expect(parseApiError(502, "<html>").message).toBe("<html>");
    expect(parseApiError(503, null).message).toMatch(/servidor/);
  });

  it("flattens nested messages", () => {
    expect(parseApiError(400, { errors: { trash: { plastic: ["Inválido."] } } }).fields).toEqual({ trash: ["Inválido."] });
  });
});
