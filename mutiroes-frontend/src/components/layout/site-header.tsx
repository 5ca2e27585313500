import Link from "next/link";
import { LinkPending } from "@/components/ui/link-pending";
import { MobileMenu } from "./mobile-menu";
import { DeviceSession } from "./device-session";
import { LogoutButton } from "./logout-button";
import { getMe, getUnreadCount } from "@/lib/api/users";

function Logo() {
  return (
    <Link href="/" className="flex items-center gap-2 text-lg font-bold text-brand-800 no-underline hover:no-underline">
      <svg aria-hidden="true" viewBox="0 0 32 32" className="h-8 w-8">
        <circle cx="16" cy="16" r="15" fill="#17703d" />
        <path d="M16 7c-5 4-7 8-7 11a7 7 0 0 0 14 0c0-3-2-7-7-11z" fill="#d8f3e1" />
        <path d="M16 12v13" stroke="#17703d" strokeWidth="1.8" strokeLinecap="round" />
      </svg>
      <span>Mutirões</span>
    </Link>
  );
}

export async function SiteHeader() {
  const me = await getMe();
  const unread = me ? await getUnreadCount() : 0;
  const links = (
    <>
      <Link href="/eventos" className="btn-ghost justify-start">
        Mutirões
        <LinkPending />
      </Link>
      <Link href="/coletivos" className="btn-ghost justify-start">
        Coletivos
        <LinkPending />
      </Link>
      <Link href="/pontos" className="btn-ghost justify-start">
        Pontos de lixo
        <LinkPending />
      </Link>
      <Link href="/impacto" className="btn-ghost justify-start">
        Impacto
        <LinkPending />
      </Link>
      {me ? (
        <>
          <Link href="/meus-mutiroes" className="btn-ghost justify-start">
            Meus mutirões
            <LinkPending />
          </Link>
          <Link href="/eventos/novo" className="btn-ghost justify-start">
            Criar mutirão
            <LinkPending />
          </Link>
          <Link href="/notificacoes" className="btn-ghost justify-start">
            Notificações
            {unread > 0 ? (
              <span className="rounded-full bg-brand-700 px-2 py-0.5 text-xs text-white">
                {unread}
                <span className="sr-only"> não lidas</span>
              </span>
            ) : null}
            <LinkPending />
          </Link>
          <Link href="/perfil" className="btn-ghost justify-start">
            Meu perfil
            <LinkPending />
          </Link>
          <LogoutButton />
        </>
      ) : (
        <>
          <Link href="/entrar" className="btn-ghost justify-start">
            Entrar
          </Link>
          <Link href="/cadastro" className="btn-primary">
            Criar conta
          </Link>
        </>
      )}
    </>
  );
  return (
    <header className="sticky top-0 z-[1000] border-b border-stone-200 bg-white/95 backdrop-blur">
      <div className="mx-auto flex max-w-6xl items-center justify-between gap-4 px-4 py-2">
        <Logo />
        <DeviceSession viewerId={me?.id ?? null} />
        <nav aria-label="Principal" className="hidden items-center gap-1 md:flex">
          {links}
        </nav>
        <MobileMenu
          summary={
            <summary className="btn-secondary list-none [&::-webkit-details-marker]:hidden" aria-label="Abrir menu">
            <svg aria-hidden="true" viewBox="0 0 24 24" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth="2">
              <path d="M4 6h16M4 12h16M4 18h16" />
            </svg>
            Menu
          </summary>
          }
        >
          <nav aria-label="Principal (celular)" className="absolute right-0 mt-2 flex w-64 flex-col gap-1 rounded-xl border border-stone-200 bg-white p-2 shadow-lg">
            {links}
          </nav>
        </MobileMenu>
      </div>
    </header>
  );
}
