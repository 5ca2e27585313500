import type { Metadata } from "next";
import { ReceiptForm } from "@/components/waste/receipt-form";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { confirmReceiptAction } from "@/lib/actions/custody";
import { getReceipt } from "@/lib/api/custody";
import { formatDate, formatDateTime, formatNumber } from "@/lib/format";
import { DESTINATION_LABELS, RECEIVER_LABELS } from "@/lib/litter";

export const metadata: Metadata = { title: "Confirmar recebimento de resíduos", robots: { index: false } };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The receiver's page (cooperativa, recycler, municipal collection): no account, the link is the key. */
export default async function ReceiptPage({ searchParams }: Props) {
  const raw = (await searchParams).token;
  const token = typeof raw === "string" ? raw.trim() : "";
  const answer = token ? await getReceipt(token) : null;
  if (!answer || !answer.ok) {
    return (
      <div className="mx-auto max-w-xl">
        <PageHeader title="Confirmar recebimento" />
        <Alert tone="danger" title={answer?.error.code === "link_expired" ? "Link expirado" : "Link inválido"}>
          {answer ? answer.error.message : "Este link não é válido."} Peça um novo link a quem organizou o mutirão.
        </Alert>
      </div>
    );
  }
  const receipt = answer.data;
  return (
    <div className="mx-auto max-w-xl space-y-6">
      <PageHeader title="Confirmar recebimento" description={`Resíduos do mutirão “${receipt.event_title}”, ${receipt.event_city}/${receipt.event_state}, em ${formatDate(receipt.event_start)}.`} />
      <dl className="card grid grid-cols-2 gap-3 p-5 text-sm">
        <div>
          <dt className="text-stone-600">Recebedor</dt>
          <dd className="font-medium">
            {receipt.receiver_name} ({RECEIVER_LABELS[receipt.receiver_kind]})
          </dd>
        </div>
        <div>
          <dt className="text-stone-600">Destino declarado</dt>
          <dd className="font-medium">{DESTINATION_LABELS[receipt.destination]}</dd>
        </div>
        <div>
          <dt className="text-stone-600">Peso declarado</dt>
          <dd className="font-medium">{formatNumber(receipt.declared_kg, 2)} kg</dd>
        </div>
        <div>
          <dt className="text-stone-600">Sacos</dt>
          <dd className="font-medium">{receipt.bags.map((b) => b.label).join(", ")}</dd>
        </div>
      </dl>
      {receipt.confirmed_at ? (
        <Alert tone="success" title="Recebimento confirmado">
          Confirmado em {formatDateTime(receipt.confirmed_at)}
          {receipt.received_kg ? `, com ${formatNumber(receipt.received_kg, 2)} kg na balança` : ""}. Obrigado!
        </Alert>
      ) : (
        <>
          <p className="text-sm text-stone-700">Confira os sacos e confirme. O link vale uma vez, até {formatDateTime(receipt.link_expires_at)}.</p>
          <ReceiptForm action={confirmReceiptAction.bind(null, token)} />
        </>
      )}
    </div>
  );
}
