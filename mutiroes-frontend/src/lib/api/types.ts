/**
 * Names for the API's types, all from the generated `schema.d.ts` (npm run gen:api). Nothing here
 * is written by hand: if a type is wrong, fix the serializer's schema and regenerate.
 */
import type { components } from "./schema";

type S = components["schemas"];

export type Category = S["CategoryOutput"];
export type UserRef = S["UserRef"];
export type EventStatus = S["EventStatusEnum"];
export type EventPhase = S["EventPhaseEnum"];
export type ParticipationStatus = S["ParticipationStatusEnum"];
export type MyParticipation = EventSummary["my_participation"];
export type EventSummary = S["EventOutput"];
export type EventDetail = S["EventDetailOutput"];
export type EventCreateBody = S["EventCreateInputRequest"];
export type EventPatchBody = S["PatchedEventInputRequest"];
export type EventPage = S["PaginatedEventOutputList"];
export type Participant = S["ParticipantRowOutput"];
export type JoinBody = S["JoinInputRequest"];
export type ConsentAsk = S["ConsentAskOutput"];
export type ParticipantAction = Participant["actions"][number];
export type ParticipantPage = S["PaginatedParticipantRowOutputList"];
export type Me = S["UserMeOutput"];
export type MePatchBody = S["PatchedUserMeInputRequest"];
export type MyEvents = S["MyEventsOutput"];
export type Notification = S["NotificationOutput"];
export type NotificationPage = S["PaginatedNotificationOutputList"];
export type NotificationKind = S["KindEnum"];
/** The kinds a person may turn off (safety alerts are always on). */
export type PreferenceKind = S["PreferenceKindEnum"];
export type NotificationPreference = S["PreferenceOutput"];
export type TokenPair = S["TokenPairOutput"];
export type CalendarToken = S["CalendarTokenOutput"];
export type UserState = S["StateEnum"];
export type Badge = S["BadgeOutput"];
export type UserStats = S["StatsOutput"];
export type PublicProfile = S["UserProfileOutput"];
export type Resource = S["ResourceOutput"];
export type ResourceKind = S["ResourceKindEnum"];
export type Comment = S["CommentOutput"];
export type CommentPage = S["PaginatedCommentOutputList"];
export type CommentReply = S["CommentReplyOutput"];
export type Photo = S["PhotoOutput"];
export type PhotoPage = S["PaginatedPhotoOutputList"];
export type PhotoStage = S["PhotoStageEnum"];
export type ImpactReport = S["ReportOutput"];
export type ReportBody = S["ReportInputRequest"];
export type MaterialsKg = S["MaterialsKg"];
export type Material = S["MaterialOutput"];
export type PlatformStats = S["PlatformStatsOutput"];
export type CertificateVerification = S["CertificateVerifyOutput"];
export type Collective = S["CollectiveOutput"];
export type CollectivePage = S["PaginatedCollectiveOutputList"];
export type CollectiveDetail = S["CollectiveDetailOutput"];
export type CollectiveBody = S["CollectiveInputRequest"];
export type CollectiveRole = S["CollectiveRoleEnum"];
export type CollectiveEvent = S["CollectiveEventOutput"];
export type CollectiveEventPage = S["PaginatedCollectiveEventOutputList"];
export type Member = S["MemberOutput"];
export type MemberPage = S["PaginatedMemberOutputList"];
export type Invitation = S["InvitationOutput"];
export type InvitationPage = S["PaginatedInvitationOutputList"];
export type InvitationPreview = S["InvitationPreviewOutput"];
export type CoOrganizer = S["CoOrganizerOutput"];
export type Series = S["SeriesOutput"];
export type SeriesBody = S["SeriesCreateInputRequest"];
export type AlertArea = S["AlertAreaOutput"];
export type AlertAreaBody = S["AlertAreaInputRequest"];
export type AlertAreaPage = S["PaginatedAlertAreaOutputList"];
export type AlertEmailFrequency = S["EmailFrequencyEnum"];
export type ShareData = S["ShareOutput"];
export type AttendanceOperationBody = S["AttendanceOperationInputRequest"];
export type AttendanceResult = S["AttendanceResultOutput"];
export type RollCall = S["RollCallOutput"];
export type RollCallPerson = S["RollCallPersonOutput"];
