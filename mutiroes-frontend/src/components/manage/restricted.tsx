import Link from "next/link";
import { Alert } from "@/components/ui/alert";

/** What someone who does not manage a mutirão sees on a page of its organization. */
export function Restricted({ id, children }: { id: number; children: string }) {
  return (
    <div className="mx-auto max-w-lg py-8">
      <Alert tone="danger" title="Acesso restrito">
        {children} <Link href={`/eventos/${id}`}>Ver a página do mutirão</Link>
      </Alert>
    </div>
  );
}
