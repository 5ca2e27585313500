import { describe, expect, it } from "vitest";
import { checkInWindowOpen, joinView, ownCheckInCode, type JoinInput } from "./participation";

const now = new Date("2025-04-01T12:00:00Z");
const base: JoinInput = {
  loggedIn: true,
  status: "published",
  start: "2025-04-12T11:00:00Z",
  end: "2025-04-12T15:00:00Z",
  registrationDeadline: "2025-04-11T11:00:00Z",
  spotsLeft: 5,
  requiresApproval: false,
  myParticipation: null,
  now,
};

describe("joinView", () => {
  it("offers to join when there are spots", () => {
    expect(joinView(base)).toMatchObject({ action: "join", actionLabel: "Participar", badge: null });
  });
  it("asks visitors to sign in", () => {
    expect(joinView({ ...base, loggedIn: false })).toMatchObject({ action: "login" });
  });
  it("offers the waitlist when full", () => {
    expect(joinView({ ...base, spotsLeft: 0 })).toMatchObject({ action: "waitlist", actionLabel: "Entrar na lista de espera" });
  });
  it("offers a request when approval is required", () => {
    expect(joinView({ ...base, requiresApproval: true })).toMatchObject({ action: "request" });
  });
  it("shows each participation state exactly", () => {
    expect(joinView({ ...base, myParticipation: "confirmed" })).toMatchObject({ badge: "Confirmado", action: "leave", tone: "success" });
    expect(joinView({ ...base, myParticipation: "waitlisted", spotsLeft: 0 })).toMatchObject({ badge: "Na lista de espera", action: "leave" });
    expect(joinView({ ...base, myParticipation: "pending" })).toMatchObject({ badge: "Aguardando aprovação", action: "leave" });
    expect(joinView({ ...base, myParticipation: "rejected" })).toMatchObject({ badge: "Não aprovado", action: null });
  });
  it("lets someone who left join again", () => {
    expect(joinView({ ...base, myParticipation: "cancelled" })).toMatchObject({ action: "join", actionLabel: "Participar de novo" });
  });
  it("closes registration after the deadline, and after the event", () => {
    expect(joinView({ ...base, now: new Date("2025-04-11T12:00:00Z") })).toMatchObject({ action: null, message: "As inscrições estão encerradas." });
    expect(joinView({ ...base, now: new Date("2025-04-13T00:00:00Z") })).toMatchObject({ action: null, message: "Este mutirão já aconteceu." });
    expect(joinView({ ...base, myParticipation: "confirmed", status: "completed" })).toMatchObject({ badge: "Confirmado", action: null });
  });
  it("shows cancelled and draft events without actions", () => {
    expect(joinView({ ...base, status: "cancelled", myParticipation: "confirmed" })).toMatchObject({ action: null, tone: "danger" });
    expect(joinView({ ...base, status: "draft" })).toMatchObject({ action: null });
  });
});

describe("ownCheckInCode", () => {
  const event = { status: "published" as const, my_participation: "confirmed" as const, my_participation_code: "ABCD2345" };
  it("is the code of a confirmed participant of a published mutirão", () => {
    expect(ownCheckInCode(event)).toBe("ABCD2345");
  });
  it("is hidden while waiting, pending, after leaving, without a code or once the mutirão is over or cancelled", () => {
    expect(ownCheckInCode({ ...event, my_participation: "waitlisted" })).toBeNull();
    expect(ownCheckInCode({ ...event, my_participation: "pending" })).toBeNull();
    expect(ownCheckInCode({ ...event, my_participation: null })).toBeNull();
    expect(ownCheckInCode({ ...event, my_participation_code: null })).toBeNull();
    expect(ownCheckInCode({ ...event, status: "completed" })).toBeNull();
    expect(ownCheckInCode({ ...event, status: "cancelled" })).toBeNull();
  });
});

describe("checkInWindowOpen", () => {
  const event = { start: "2026-12-05T12:00:00Z", end: "2026-12-05T15:00:00Z" };
  const at = (iso: string) => new Date(iso).getTime();
  it("opens an hour before the start and closes an hour after the end", () => {
    expect(checkInWindowOpen(event, at("2026-12-05T10:59:59Z"))).toBe(false);
    expect(checkInWindowOpen(event, at("2026-12-05T11:00:00Z"))).toBe(true);
    expect(checkInWindowOpen(event, at("2026-12-05T16:00:00Z"))).toBe(true);
    expect(checkInWindowOpen(event, at("2026-12-05T16:00:01Z"))).toBe(false);
  });
});
