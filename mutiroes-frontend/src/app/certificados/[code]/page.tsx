import type { Metadata } from "next";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { verifyCertificate } from "@/lib/api/users";
import { formatDate, formatHours } from "@/lib/format";

export const metadata: Metadata = { title: "Verificar certificado" };

type Props = { params: Promise<{ code: string }> };

export default async function CertificatePage({ params }: Props) {
  const { code } = await params;
  const result = /^[A-Za-z0-9-]{4,64}$/.test(code) ? await verifyCertificate(code) : null;
  return (
    <div className="mx-auto max-w-xl">
      <PageHeader title="Verificação de certificado" description={`Código ${code}`} />
      {result?.ok && result.data.valid ? (
        <Alert tone="success" title="Certificado válido">
          <p>
            {result.data.holder_name} participou de {result.data.events_count} {result.data.events_count === 1 ? "mutirão" : "mutirões"}, somando {formatHours(result.data.hours)} de voluntariado,
            entre {formatDate(result.data.first_event_on)} e {formatDate(result.data.last_event_on)}.
          </p>
          <p className="mt-1 text-xs">Emitido em {formatDate(result.data.issued_at)}.</p>
        </Alert>
      ) : (
        <Alert tone="danger" title="Certificado não encontrado">
          Confira o código impresso no certificado.
        </Alert>
      )}
    </div>
  );
}
