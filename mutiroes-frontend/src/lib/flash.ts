/**
 * One-time confirmations carried by a redirect's query string (`/eventos/7?publicado=1`): the
 * action that succeeded names what happened, the page shows it once and drops the flag from the
 * address, so a reload or a shared link does not say it again. Pure (flash.test.ts).
 */
const FLASHES: ReadonlyArray<{ param: string; value: string; message: string }> = [
  { param: "publicado", value: "1", message: "Mutirão publicado! Ele já aparece na busca para quem pode vê-lo." },
  { param: "salvo", value: "1", message: "Alterações salvas." },
  { param: "rascunho", value: "1", message: "Rascunho salvo. Só você vê este mutirão até publicá-lo." },
  { param: "capa", value: "recusada", message: "Mutirão salvo, mas a foto de capa não foi aceita. Tente outra imagem (JPEG, PNG ou WebP, até 10 MB)." },
  { param: "cancelado", value: "1", message: "Mutirão cancelado. Avisamos todos os inscritos." },
  { param: "bem-vindo", value: "1", message: "Boas-vindas ao Mutirões! Sua conta foi criada." },
  { param: "conta", value: "excluida", message: "Conta excluída. Seus dados pessoais foram apagados." },
  { param: "cadastro", value: "ok", message: "Conta criada. Entre para continuar." },
  { param: "senha", value: "ok", message: "Senha alterada. Entre com a nova senha." },
  { param: "inscricao", value: "cancelada", message: "Inscrição cancelada. Obrigado por liberar a vaga!" },
  { param: "inscricao", value: "confirmed", message: "Inscrição confirmada! Até o mutirão." },
  { param: "inscricao", value: "waitlisted", message: "Você entrou na lista de espera. Avisamos se abrir uma vaga." },
  { param: "coletivo", value: "criado", message: "Coletivo criado! Convide quem organiza com você." },
  { param: "convite", value: "aceito", message: "Convite aceito: agora você faz parte do coletivo." },
  { param: "serie", value: "criada", message: "Série criada: os próximos mutirões já estão na agenda." },
  { param: "inscricao", value: "pending", message: "Pedido de inscrição enviado. A organização vai responder." },
  { param: "registrado", value: "1", message: "Ponto registrado. Obrigado! Quem organiza mutirões já pode vê-lo." },
  { param: "confirmado", value: "1", message: "Recebimento confirmado. Obrigado!" },
  { param: "pontos", value: "recusados", message: "Mutirão salvo, mas os pontos de lixo não puderam ser vinculados (já têm outro mutirão marcado ou foram limpos)." },
];

export type Flash = { param: string; message: string };

/** The confirmation a query string carries (the last one listed wins), or null. */
export function flashFrom(params: URLSearchParams): Flash | null {
  let found: Flash | null = null;
  for (const f of FLASHES) {
    if (params.get(f.param) === f.value) found = { param: f.param, message: f.message };
  }
  return found;
}

/** The query string without any confirmation flag ("" or "?a=b"). */
export function withoutFlash(params: URLSearchParams): string {
  const rest = new URLSearchParams(params);
  for (const f of FLASHES) if (rest.get(f.param) === f.value) rest.delete(f.param);
  const text = rest.toString();
  return text ? `?${text}` : "";
}
