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

export type Badge = Out<S["BadgeOutput"]>;
export type UserStats = Out<S["StatsOutput"]>;

/** The public profile; its `stats` and `events` are untyped objects in the schema. */
export type PublicProfile = Omit<Out<S["UserProfileOutput"]>, "stats" | "events"> & {
  stats: Partial<UserStats>;
  events: EventSummary[];
};

export type Resource = Out<S["ResourceOutput"]>;
export type ResourceKind = S["ResourceKindEnum"];
export type Comment = Out<S["CommentOutput"]>;
export type CommentReply = S["CommentReplyOutput"];
export type Photo = Out<S["PhotoOutput"]>;
export type PhotoStage = S["PhotoStageEnum"];
export type ImpactReport = Out<S["ReportOutput"]>;
export type ReportBody = S["ReportInputRequest"];
export type MaterialsKg = S["MaterialsKg"];
export type PlatformStats = Out<S["PlatformStatsOutput"]>;
export type NotificationPreference = S["PreferenceOutput"];
export type CertificateVerification = S["CertificateVerifyOutput"];
