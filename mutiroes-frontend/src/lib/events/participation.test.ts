import { describe, expect, it } from "vitest";
import { cardStatus, joinView, type JoinInput } from "./participation";

const base: JoinInput = {
  loggedIn: true,
  status: "published",
  registration_open: true,
  can_join: true,
  can_leave: false,
  spots_left: 5,
  requires_approval: false,
  my_participation: null,
};

describe("joinView: words for what the API allows", () => {
  it("offers to join when the API says the viewer may", () => {
    expect(joinView(base)).toMatchObject({ action: "join", actionLabel: "Participar", badge: null });
    expect(joinView({ ...base, spots_left: 0 })).toMatchObject({ action: "waitlist", actionLabel: "Entrar na lista de espera" });
    expect(joinView({ ...base, requires_approval: true })).toMatchObject({ action: "request" });
    expect(joinView({ ...base, my_participation: "cancelled" })).toMatchObject({ action: "join", actionLabel: "Participar de novo" });
  });

  it("asks to sign in when registration is open and nobody is signed in", () => {
    expect(joinView({ ...base, loggedIn: false, can_join: false })).toMatchObject({ action: "login" });
  });

  it("offers no join the API would refuse", () => {
    expect(joinView({ ...base, can_join: false })).toMatchObject({ action: null });
    expect(joinView({ ...base, registration_open: false, can_join: false })).toMatchObject({ action: null, message: "As inscrições estão encerradas." });
    expect(joinView({ ...base, status: "completed", registration_open: false, can_join: false })).toMatchObject({ action: null, message: "Este mutirão já aconteceu." });
  });

  it("offers to leave exactly when the API says so", () => {
    expect(joinView({ ...base, can_join: false, can_leave: true, my_participation: "confirmed" })).toMatchObject({ badge: "Confirmado", action: "leave", tone: "success" });
    expect(joinView({ ...base, can_join: false, can_leave: true, my_participation: "waitlisted" })).toMatchObject({ badge: "Na lista de espera", action: "leave" });
    expect(joinView({ ...base, can_join: false, can_leave: true, my_participation: "pending" })).toMatchObject({ badge: "Aguardando aprovação", action: "leave" });
    expect(joinView({ ...base, can_join: false, can_leave: false, my_participation: "confirmed", registration_open: false })).toMatchObject({ badge: "Confirmado", action: null });
    expect(joinView({ ...base, can_join: false, my_participation: "rejected" })).toMatchObject({ badge: "Não aprovado", action: null });
  });

  it("says what happened to a cancelled or draft mutirão", () => {
    expect(joinView({ ...base, status: "cancelled", my_participation: "confirmed", can_join: false })).toMatchObject({ action: null, tone: "danger" });
    expect(joinView({ ...base, status: "draft", can_join: false, registration_open: false })).toMatchObject({ action: null });
  });
});

describe("cardStatus: one true status per card", () => {
  it("shows a cancelled mutirão as cancelled only", () => {
    expect(cardStatus({ phase: "cancelled", my_participation: "confirmed" })).toEqual({ participation: null, showSpots: false });
  });
  it("shows the sign-up and the seats of an upcoming mutirão", () => {
    expect(cardStatus({ phase: "upcoming", my_participation: "confirmed" })).toEqual({ participation: "confirmed", showSpots: true });
    expect(cardStatus({ phase: "upcoming", my_participation: "cancelled" })).toEqual({ participation: null, showSpots: true });
  });
  it("offers no seats once the mutirão has started or ended", () => {
    expect(cardStatus({ phase: "running", my_participation: "waitlisted" })).toEqual({ participation: "waitlisted", showSpots: false });
    expect(cardStatus({ phase: "ended", my_participation: null })).toEqual({ participation: null, showSpots: false });
  });
});
