import { fileResponse } from "@/lib/api/client";
import { downloadCertificate } from "@/lib/api/users";

export async function GET(): Promise<Response> {
  const file = await downloadCertificate();
  // No hours yet (the API's 409 no_hours): back to the button, which says so, instead of a blank page.
  // A relative Location: behind nginx this server's own address is not the one the browser uses.
  if (!file.ok && file.status === 409) return new Response(null, { status: 303, headers: { Location: "/perfil?certificado=sem-horas#certificado" } });
  return fileResponse(file, { contentType: "application/pdf", filename: "certificado-mutiroes.pdf" });
}
