/** What the join panel shows for one mutirão, from the API's state only. */
import type { MyParticipation, ParticipationStatus, EventStatus } from "../api/types";

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

export type JoinInput = {
  loggedIn: boolean;
  status: EventStatus;
  start: string;
  end: string;
  registrationDeadline: string;
  spotsLeft: number;
  requiresApproval: boolean;
  myParticipation: MyParticipation | undefined;
  now?: Date;
};

/** The caller's status; tolerates an object form `{status}` too. */
export function participationStatusOf(mine: MyParticipation | { status: ParticipationStatus } | undefined): ParticipationStatus | null {
  if (!mine) return null;
  if (typeof mine === "string") return mine;
  return mine.status ?? null;
}

export function joinView(input: JoinInput): JoinView {
  const now = input.now ?? new Date();
  const status = participationStatusOf(input.myParticipation);
  const base = { status, badge: null, tone: "neutral" as const, action: null, actionLabel: null };

  if (input.status === "cancelled") return { ...base, tone: "danger", message: "Este mutirão foi cancelado." };
  if (input.status === "draft") return { ...base, message: "Rascunho: publique o mutirão para receber inscrições." };

  const ended = input.status === "completed" || new Date(input.end) <= now;
  if (status === "confirmed") {
    return ended
      ? { ...base, badge: "Confirmado", tone: "success", message: "Você participou deste mutirão." }
      : { ...base, badge: "Confirmado", tone: "success", message: "Sua vaga está garantida. Até lá!", action: "leave", actionLabel: "Cancelar inscrição" };
  }
  if (status === "waitlisted" && !ended) {
    return {
      ...base,
      badge: "Na lista de espera",
      tone: "warning",
      message: "O mutirão está lotado. Se alguém sair, você é chamado automaticamente e avisado.",
      action: "leave",
      actionLabel: "Sair da lista de espera",
    };
  }
  if (status === "pending" && !ended) {
    return {
      ...base,
      badge: "Aguardando aprovação",
      tone: "info",
      message: "A organização vai analisar seu pedido. Você será avisado.",
      action: "leave",
      actionLabel: "Cancelar pedido",
    };
  }
  if (status === "rejected") {
    return { ...base, badge: "Não aprovado", tone: "danger", message: "A organização não aprovou sua participação neste mutirão." };
  }
  if (ended) return { ...base, message: "Este mutirão já aconteceu." };

  const closed = new Date(input.registrationDeadline) <= now || new Date(input.start) <= now;
  if (closed) return { ...base, message: "As inscrições estão encerradas." };

  const rejoin = status === "cancelled";
  if (!input.loggedIn) {
    return { ...base, message: "Entre na sua conta para participar.", action: "login", actionLabel: "Entrar para participar" };
  }
  if (input.spotsLeft <= 0) {
    return {
      ...base,
      tone: "warning",
      message: "Todas as vagas foram preenchidas. Entre na lista de espera: se alguém sair, você é chamado.",
      action: "waitlist",
      actionLabel: "Entrar na lista de espera",
    };
  }
  if (input.requiresApproval) {
    return { ...base, message: "A organização aprova cada inscrição.", action: "request", actionLabel: "Pedir para participar" };
  }
  return {
    ...base,
    message: rejoin ? "Você cancelou sua inscrição. Ainda há vagas." : "Há vagas. Garanta a sua!",
    action: "join",
    actionLabel: rejoin ? "Participar de novo" : "Participar",
  };
}

/** The caller's own check-in code, shown (with its QR code) only to a confirmed participant of a running mutirão. */
export function ownCheckInCode(event: { status: EventStatus; my_participation: MyParticipation | undefined; my_participation_code: string | null }): string | null {
  if (event.status !== "published" || participationStatusOf(event.my_participation) !== "confirmed") return null;
  return event.my_participation_code || null;
}

/** The API opens check-in one hour before the start and closes it one hour after the end. */
const CHECKIN_MARGIN_MS = 60 * 60 * 1000;

export function checkInWindowOpen(event: { start: string; end: string }, nowMs: number): boolean {
  return nowMs >= new Date(event.start).getTime() - CHECKIN_MARGIN_MS && nowMs <= new Date(event.end).getTime() + CHECKIN_MARGIN_MS;
}
