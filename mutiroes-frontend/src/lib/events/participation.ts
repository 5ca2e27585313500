/**
 * What the join panel shows for one mutirão. Every "may I" comes from the API (`can_join`,
 * `can_leave`, `can_check_in`, `registration_open`); this only chooses words for it.
 */
import type { EventDetail, EventSummary, ParticipationStatus } from "../api/types";

export type JoinAction = "join" | "waitlist" | "request" | "leave" | "login";

export type JoinView = {
  status: ParticipationStatus | null;
  /** Short badge text, e.g. "Confirmado". */
  badge: string | null;
  tone: "success" | "info" | "warning" | "danger" | "neutral";
  message: string;
  action: JoinAction | null;
  actionLabel: string | null;
};

export type JoinInput = Pick<
  EventDetail,
  "status" | "my_participation" | "registration_open" | "can_join" | "can_leave" | "spots_left" | "requires_approval"
> & { loggedIn: boolean };

const BADGE: Partial<Record<ParticipationStatus, { badge: string; tone: JoinView["tone"] }>> = {
  confirmed: { badge: "Confirmado", tone: "success" },
  waitlisted: { badge: "Na lista de espera", tone: "warning" },
  pending: { badge: "Aguardando aprovação", tone: "info" },
  rejected: { badge: "Não aprovado", tone: "danger" },
};

const LEAVE_LABEL: Partial<Record<ParticipationStatus, string>> = {
  confirmed: "Cancelar inscrição",
  waitlisted: "Sair da lista de espera",
  pending: "Cancelar pedido",
};

export function joinView(input: JoinInput): JoinView {
  const status = input.my_participation;
  const shown = status ? BADGE[status] : undefined;
  const base = { status, badge: shown?.badge ?? null, tone: shown?.tone ?? ("neutral" as const), action: null, actionLabel: null };

  if (input.status === "cancelled") return { ...base, badge: null, tone: "danger", message: "Este mutirão foi cancelado." };
  if (input.status === "draft") return { ...base, message: "Rascunho: publique o mutirão para receber inscrições." };
  if (input.can_leave && status) {
    const message =
      status === "confirmed"
        ? "Sua vaga está garantida. Até lá!"
        : status === "waitlisted"
          ? "O mutirão está lotado. Se alguém sair, você é chamado automaticamente e avisado."
          : "A organização vai analisar seu pedido. Você será avisado.";
    return { ...base, message, action: "leave", actionLabel: LEAVE_LABEL[status] ?? "Cancelar inscrição" };
  }
  if (status === "rejected") return { ...base, message: "A organização não aprovou sua participação neste mutirão." };
  if (input.status === "completed") {
    return { ...base, message: status === "confirmed" ? "Você participou deste mutirão." : "Este mutirão já aconteceu." };
  }
  if (status === "confirmed") return { ...base, message: "Sua vaga está garantida. Bom mutirão!" };
  if (!input.registration_open) return { ...base, message: "As inscrições estão encerradas." };
  if (!input.loggedIn) {
    return { ...base, message: "Entre na sua conta para participar.", action: "login", actionLabel: "Entrar para participar" };
  }
  if (!input.can_join) return { ...base, message: "Você não pode se inscrever neste mutirão." };
  if (input.requires_approval) {
    return { ...base, message: "A organização aprova cada inscrição.", action: "request", actionLabel: "Pedir para participar" };
  }
  if (input.spots_left <= 0) {
    return {
      ...base,
      tone: "warning",
      message: "Todas as vagas foram preenchidas. Entre na lista de espera: se alguém sair, você é chamado.",
      action: "waitlist",
      actionLabel: "Entrar na lista de espera",
    };
  }
  const rejoin = status === "cancelled";
  return {
    ...base,
    message: rejoin ? "Você cancelou sua inscrição. Ainda há vagas." : "Há vagas. Garanta a sua!",
    action: "join",
    actionLabel: rejoin ? "Participar de novo" : "Participar",
  };
}

export type CardStatus = {
  /** The viewer's own sign-up, when it still means something for this mutirão. */
  participation: Exclude<ParticipationStatus, "cancelled"> | null;
  /** Seats left only while people can still take one. */
  showSpots: boolean;
};

/**
 * One true status per card: a cancelled mutirão is "Cancelado" and nothing else (no
 * "Confirmado", no "9 vagas de 10"); an ended or running one no longer offers seats.
 */
export function cardStatus(event: Pick<EventSummary, "phase" | "my_participation">): CardStatus {
  if (event.phase === "cancelled") return { participation: null, showSpots: false };
  const mine = event.my_participation;
  return { participation: mine && mine !== "cancelled" ? mine : null, showSpots: event.phase === "upcoming" || event.phase === "draft" };
}
