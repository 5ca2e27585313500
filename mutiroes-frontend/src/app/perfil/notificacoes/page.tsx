import type { Metadata } from "next";
import Link from "next/link";
import { ActionForm } from "@/components/ui/action-form";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { SubmitButton } from "@/components/ui/submit-button";
import { savePreferencesAction } from "@/lib/actions/profile";
import { getNotificationPreferences } from "@/lib/api/users";
import { requireUser } from "@/lib/auth-guard";

export const metadata: Metadata = { title: "Preferências de notificação", robots: { index: false } };

export default async function NotificationPreferencesPage() {
  await requireUser("/perfil/notificacoes");
  const answer = await getNotificationPreferences();
  const data = answer.ok ? answer.data : null;
  return (
    <>
      <PageHeader title="Preferências de notificação" description={
          <>
            <Link href="/perfil">← Meu perfil</Link> · <Link href="/alertas">Alertas perto de mim</Link>
          </>
        } />
      {!data ? (
        <Alert tone="warning">Não foi possível carregar suas preferências agora.</Alert>
      ) : (
        <ActionForm action={savePreferencesAction} className="card overflow-x-auto p-4" label="Preferências de notificação">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Escolha como quer ser avisado de cada coisa</caption>
            <thead>
              <tr className="border-b border-stone-200">
                <th scope="col" className="py-2 pr-4">
                  Aviso
                </th>
                <th scope="col" className="px-2 py-2 text-center">
                  No site
                </th>
                <th scope="col" className="px-2 py-2 text-center">
                  Por e-mail
                </th>
              </tr>
            </thead>
            <tbody>
              {data.preferences.map((p) => (
                <tr key={p.kind} className="border-b border-stone-100">
                  <th scope="row" className="py-2 pr-4 font-normal">
                    <input type="hidden" name="kind" value={p.kind} />
                    {p.label}
                  </th>
                  <td className="px-2 py-2 text-center">
                    <input type="checkbox" name={`in_app:${p.kind}`} defaultChecked={p.in_app} aria-label={`${p.label}: no site`} className="h-5 w-5" />
                  </td>
                  <td className="px-2 py-2 text-center">
                    <input type="checkbox" name={`email:${p.kind}`} defaultChecked={p.email} aria-label={`${p.label}: por e-mail`} className="h-5 w-5" />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="mt-4">
            <SubmitButton>Salvar preferências</SubmitButton>
          </div>
        </ActionForm>
      )}
    </>
  );
}
