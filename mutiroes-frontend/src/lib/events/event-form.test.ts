import { describe, expect, it } from "vitest";
import { eventBodyFromForm } from "./event-form";

const valid: Record<string, string> = {
  title: "Limpeza da praia",
  description: "Vamos limpar.",
  category: "1",
  address: "Posto 4",
  city: "Rio de Janeiro",
  state: "rj",
  latitude: "-22.97",
  longitude: "-43,18",
  start: "2030-04-12T08:00",
  end: "2030-04-12T12:00",
  registration_deadline: "",
  capacity: "40",
  min_age: "",
  requires_approval: "on",
  requires_waiver: "on",
  asks_image_consent: "",
  visibility: "unlisted",
  what_to_bring: " água ",
  tools_provided: "",
};
const getter = (values: Record<string, string>) => (name: string) => values[name] ?? "";

describe("eventBodyFromForm", () => {
  it("builds the API body with São Paulo offsets and numbers", () => {
    const { body, errors } = eventBodyFromForm(getter(valid));
    expect(errors).toEqual({});
    expect(body).toEqual({
      title: "Limpeza da praia",
      description: "Vamos limpar.",
      category: 1,
      address: "Posto 4",
      city: "Rio de Janeiro",
      state: "RJ",
      latitude: -22.97,
      longitude: -43.18,
      start: "2030-04-12T08:00:00-03:00",
      end: "2030-04-12T12:00:00-03:00",
      capacity: 40,
      min_age: 0,
      requires_approval: true,
      requires_waiver: true,
      asks_image_consent: false,
      visibility: "unlisted",
      what_to_bring: "água",
      tools_provided: "",
    });
  });

  it("sends the collective only when its select is on the form ('' takes the mutirão out of it)", () => {
    expect(eventBodyFromForm(getter(valid)).body).not.toHaveProperty("collective");
    expect(eventBodyFromForm(getter({ ...valid, collective_field: "1", collective: "7" })).body?.collective).toBe(7);
    expect(eventBodyFromForm(getter({ ...valid, collective_field: "1", collective: "" })).body?.collective).toBeNull();
  });

  it("reports missing fields in pt-BR and sends nothing", () => {
    const { body, errors } = eventBodyFromForm(getter({ ...valid, title: "", latitude: "", end: "", capacity: "x" }));
    expect(Object.keys(errors).sort()).toEqual(["capacity", "end", "latitude", "title"]);
    expect(body).toBeNull();
  });

  it("leaves the rules about the dates to the API", () => {
    const { body, errors } = eventBodyFromForm(getter({ ...valid, end: "2030-04-12T07:00", registration_deadline: "2030-04-12T09:00" }));
    expect(errors).toEqual({});
    expect(body).toMatchObject({ end: "2030-04-12T07:00:00-03:00", registration_deadline: "2030-04-12T09:00:00-03:00" });
  });
  it("reads seats the pt-BR way and refuses a fraction on its field", () => {
    expect(eventBodyFromForm(getter({ ...valid, capacity: "1.500" })).body?.capacity).toBe(1500);
    expect(eventBodyFromForm(getter({ ...valid, capacity: "2,5" })).errors.capacity).toEqual(["Informe um número inteiro."]);
    expect(eventBodyFromForm(getter({ ...valid, capacity: "abc" })).errors.capacity).toEqual(["Use só algarismos, como 1.500,5."]);
  });
});
