import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Termos de uso", description: "As regras para voluntários e organizações que usam o Mutirões." };

export default function TermsPage() {
  return (
    <div className="max-w-3xl space-y-6">
      <PageHeader title="Termos de uso" description="O Mutirões aproxima voluntários de ações ambientais. Ao criar uma conta, você concorda com estas regras." />
      <section className="space-y-2">
        <h2 className="text-xl font-semibold">Para voluntários</h2>
        <ul className="list-disc space-y-1 pl-6">
          <li>Inscreva-se só quando puder ir; se não puder, cancele para liberar a vaga.</li>
          <li>Siga as orientações de segurança da organização no local.</li>
          <li>Comentários e fotos devem respeitar as pessoas e o lugar.</li>
        </ul>
      </section>
      <section className="space-y-2">
        <h2 className="text-xl font-semibold">Para quem organiza</h2>
        <ul className="list-disc space-y-1 pl-6">
          <li>Descreva o mutirão com honestidade: local, horário, riscos e o que levar.</li>
          <li>Use os dados dos inscritos só para organizar o mutirão.</li>
          <li>Registre check-ins e o relatório de impacto com números reais.</li>
        </ul>
      </section>
      <section className="space-y-2">
        <h2 className="text-xl font-semibold">Responsabilidades</h2>
        <p>
          Cada mutirão é de responsabilidade de quem o organiza. O Mutirões pode remover conteúdo ou contas que desrespeitem estes termos. Sobre seus
          dados, leia a <Link href="/privacidade">Política de privacidade</Link>.
        </p>
      </section>
    </div>
  );
}
