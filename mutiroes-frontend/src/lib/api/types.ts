/**
 * The API's types. Everything the schema describes comes from the generated
 * `schema.d.ts` (npm run gen:api); output components are made Required
 * because output serializers always send every field. Types marked
 * PROVISIONAL are written from API.md for endpoints the schema does not
 * describe yet; they become aliases as soon as it does.
 */
import type { components } from "./schema";

type S = components["schemas"];
type Out<T> = Required<T>;

export type Paginated<T> = { count: number; next?: string | null; previous?: string | null; results: T[] };

export type Category = Out<S["CategoryOutput"]>;
export type UserRef = S["UserRef"];
export type EventStatus = S["EventStatusEnum"];
export type ParticipationStatus = S["ParticipationStatusEnum"];
export type MyParticipation = ParticipationStatus | null;
export type EventSummary = Out<S["EventOutput"]>;
export type EventDetail = Out<S["EventDetailOutput"]>;
export type Participant = Out<S["ParticipationOutput"]>;
export type Me = Out<S["UserMeOutput"]>;
export type MyEvents = { organized: EventSummary[]; participating: EventSummary[] };
export type Notification = Out<S["NotificationOutput"]>;
export type NotificationKind = S["KindEnum"];
export type TokenPair = S["TokenPairOutput"];
export type CalendarToken = S["CalendarTokenOutput"];
export type EventCreateBody = S["EventCreateInputRequest"];
export type EventPatchBody = S["PatchedEventInputRequest"];
export type MePatchBody = S["PatchedUserMeInputRequest"];
export type UserState = S["StateEnum"];

/** PROVISIONAL until badges are in the schema. */
export type Badge = { slug?: string; code?: string; name: string; description?: string; icon?: string; awarded_at?: string };

/** Stats of /users/me/stats/ (schema) plus what API.md promises on top (kg, trees, badges). */
export type UserStats = Out<S["StatsOutput"]> & {
  trash_kg?: number | string;
  trees_planted?: number;
  badges?: Badge[];
};

/** The public profile; its `stats` and `events` are untyped objects in the schema. */
export type PublicProfile = Omit<Out<S["UserProfileOutput"]>, "stats" | "events"> & {
  stats: Partial<UserStats>;
  events: EventSummary[];
  badges?: Badge[];
};

/** PROVISIONAL (API.md: resources). */
export type Resource = {
  id: number;
  name: string;
  quantity_needed: number;
  quantity_pledged: number;
  unit?: string;
  missing?: number;
  my_pledge?: number | null;
};

/** PROVISIONAL (API.md: comments). */
export type Comment = {
  id: number;
  author: UserRef;
  body: string;
  parent: number | null;
  created_at: string;
  replies?: Comment[];
  can_delete?: boolean;
};

/** PROVISIONAL (API.md: photos). */
export type Photo = {
  id: number;
  image: string;
  thumbnail?: string | null;
  caption: string;
  stage: "before" | "during" | "after";
  author?: UserRef;
  created_at?: string;
};

/** PROVISIONAL (API.md: impact report). */
export type ImpactReport = {
  participants: number;
  volunteer_hours: number | string;
  trash_kg_by_material: Record<string, number | string>;
  recyclables_kg?: number | string;
  bags?: number;
  trees_planted?: number;
  area_m2?: number | string;
  summary: string;
  achievements?: string;
  challenges?: string;
  total_kg?: number | string;
  diverted_kg?: number | string;
  co2e_kg?: number | string;
};

/** PROVISIONAL (API.md: /api/stats/). */
export type PlatformStats = {
  events?: number;
  volunteers?: number;
  volunteer_hours?: number | string;
  trash_kg?: number | string;
  trees_planted?: number;
  by_category?: Array<{ slug?: string; name: string; events: number; trash_kg?: number | string; volunteer_hours?: number | string }>;
  by_city?: Array<{ city: string; state?: string; events: number; trash_kg?: number | string; volunteer_hours?: number | string }>;
};
