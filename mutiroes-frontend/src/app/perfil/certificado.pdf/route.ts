import { fileResponse } from "@/lib/api/client";
import { downloadCertificate } from "@/lib/api/users";

export async function GET(): Promise<Response> {
  const file = await downloadCertificate();
  // No hours yet (the API's 409 no_hours) or no full name (name_required): back to the button, which
  // says what to do, instead of a blank page. A relative Location: behind nginx this server's own
  // address is not the one the browser uses.
  if (!file.ok && file.status === 409) {
    const reason = file.error.code === "name_required" ? "sem-nome" : "sem-horas";
    return new Response(null, { status: 303, headers: { Location: `/perfil?certificado=${reason}#certificado` } });
  }
  return fileResponse(file, { contentType: "application/pdf", filename: "certificado-mutiroes.pdf" });
}
