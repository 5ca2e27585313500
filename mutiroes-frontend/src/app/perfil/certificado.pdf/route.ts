import { apiResponse } from "@/lib/api/client";

export async function GET(): Promise<Response> {
  const upstream = await apiResponse("/api/users/me/certificate.pdf");
  if (!upstream.ok) {
    const message =
      upstream.status === 401 ? "Entre na sua conta para baixar o certificado." : upstream.status === 404 ? "O certificado ainda não está disponível." : "Não foi possível gerar o certificado.";
    return new Response(message, { status: upstream.status === 401 || upstream.status === 404 ? upstream.status : 502, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  return new Response(await upstream.arrayBuffer(), {
    headers: { "Content-Type": "application/pdf", "Content-Disposition": 'attachment; filename="certificado-mutiroes.pdf"', "Cache-Control": "private, no-store" },
  });
}
