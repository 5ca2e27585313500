import type { Metadata } from "next";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { verifyCertificate } from "@/lib/api/users";
import { getCertificateWaste } from "@/lib/api/custody";
import { WastePanel } from "@/components/waste/waste-panel";
import { formatDate, formatHours } from "@/lib/format";

export const metadata: Metadata = { title: "Verificar certificado" };

type Props = { params: Promise<{ code: string }> };

export default async function CertificatePage({ params }: Props) {
  const { code } = await params;
  const result = /^[A-Za-z0-9-]{4,64}$/.test(code) ? await verifyCertificate(code) : null;
  const certificate = result?.ok ? result.data : null;
  const waste = certificate ? await getCertificateWaste(code) : null;
  return (
    <div className="mx-auto max-w-xl">
      <PageHeader title="Verificação de certificado" description={`Código ${code}`} />
      {certificate?.valid ? (
        <Alert tone="success" title="Certificado válido">
          <p>
            {certificate.holder_name} participou de {certificate.events_count} {certificate.events_count === 1 ? "mutirão" : "mutirões"}, somando {formatHours(certificate.hours)} de voluntariado,
            entre {formatDate(certificate.first_event_on)} e {formatDate(certificate.last_event_on)}.
          </p>
          <p className="mt-1 text-xs">Emitido em {formatDate(certificate.issued_at)}.</p>
        </Alert>
      ) : certificate ? (
        <Alert tone="danger" title="Certificado revogado">
          As horas deste certificado não se confirmam mais (um mutirão foi cancelado ou as horas foram corrigidas)
          {certificate.revoked_at ? `; revogado em ${formatDate(certificate.revoked_at)}` : ""}.
        </Alert>
      ) : (
        <Alert tone="danger" title="Certificado não encontrado">
          Confira o código impresso no certificado.
        </Alert>
      )}
      {certificate && certificate.events.length > 0 ? (
        <table className="mt-6 w-full text-left text-sm">
          <caption className="mb-2 text-left font-medium">Mutirões que o certificado cobre</caption>
          <thead>
            <tr className="border-b border-stone-200">
              <th scope="col" className="py-1 pr-2">Mutirão</th>
              <th scope="col" className="py-1 pr-2">Data</th>
              <th scope="col" className="py-1 pr-2">Organização</th>
              <th scope="col" className="py-1 text-right">Horas</th>
            </tr>
          </thead>
          <tbody>
            {certificate.events.map((item, index) => (
              <tr key={`${item.date}-${index}`} className="border-b border-stone-100">
                <td className="py-1 pr-2">{item.title}</td>
                <td className="py-1 pr-2">{formatDate(item.date)}</td>
                <td className="py-1 pr-2">{item.organizer}</td>
                <td className="py-1 text-right">{formatHours(item.hours)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {waste?.ok ? (
        <div className="mt-6">
          <WastePanel totals={waste.data} id="residuos-certificado" title="Resíduos desses mutirões" />
        </div>
      ) : null}
    </div>
  );
}
