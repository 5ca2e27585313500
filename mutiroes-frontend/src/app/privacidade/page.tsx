import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Política de privacidade", description: "Que dados o Mutirões guarda, para quê, quem vê e como você os exporta ou apaga (LGPD)." };

export default function PrivacyPage() {
  return (
    <div className="max-w-3xl space-y-6">
      <PageHeader title="Política de privacidade" description="Como o Mutirões trata os seus dados pessoais, de acordo com a LGPD (Lei 13.709/2018)." />
      <section className="space-y-2">
        <h2 className="text-xl font-semibold">Que dados guardamos e para quê</h2>
        <ul className="list-disc space-y-1 pl-6">
          <li>Nome e e-mail: para a sua conta, para entrar e para avisos dos mutirões em que você se inscreve.</li>
          <li>Cidade, estado, interesses, data de nascimento (opcionais): para sugerir mutirões e conferir a idade mínima.</li>
          <li>Inscrições, check-in e horas: para a organização do mutirão, o seu certificado e os números de impacto.</li>
          <li>Contato de emergência e observações (opcionais): só para a organização do mutirão em que você se inscreve.</li>
        </ul>
      </section>
      <section className="space-y-2">
        <h2 className="text-xl font-semibold">Quem vê</h2>
        <p>
          Seu perfil e seu histórico começam <strong>privados</strong>: ninguém os vê até você torná-los públicos em <Link href="/perfil">Meu perfil</Link>. A
          organização de um mutirão vê o seu nome, o seu código de check-in e o que você informou na inscrição. Não vendemos nem compartilhamos seus
          dados com terceiros.
        </p>
      </section>
      <section className="space-y-2">
        <h2 className="text-xl font-semibold">Seus direitos</h2>
        <p>
          Em <Link href="/perfil">Meu perfil</Link> você corrige seus dados, exporta tudo o que guardamos (arquivo JSON) e exclui a sua conta. Ao excluir, seus
          dados pessoais são apagados; ficam só números anônimos de participação.
        </p>
      </section>
      <p className="text-sm text-stone-600">
        Veja também os <Link href="/termos">Termos de uso</Link>.
      </p>
    </div>
  );
}
