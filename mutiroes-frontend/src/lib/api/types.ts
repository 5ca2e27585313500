/**
 * PROVISIONAL: written from API.md until the backend's OpenAPI schema exists.
 * Replaced by aliases of the generated `schema.d.ts` (npm run gen:api).
 */
export type Paginated<T> = { count: number; next: string | null; previous: string | null; results: T[] };

export type Category = { id: number; slug: string; name: string; icon: string; color: string };
export type UserRef = { id: number; name: string };

export type EventStatus = "draft" | "published" | "completed" | "cancelled";
export type ParticipationStatus = "pending" | "confirmed" | "waitlisted" | "cancelled" | "rejected";

export type MyParticipation = {
  id?: number;
  status: ParticipationStatus;
  code?: string;
  checked_in_at?: string | null;
  checked_out_at?: string | null;
  hours?: string | number | null;
} | null;

export type EventSummary = {
  id: number;
  title: string;
  category: Category;
  address: string;
  city: string;
  state: string;
  latitude: number;
  longitude: number;
  start: string;
  end: string;
  registration_deadline: string;
  capacity: number;
  status: EventStatus;
  visibility: "public" | "unlisted";
  requires_approval: boolean;
  cover_image: string | null;
  organizer: UserRef;
  confirmed_count: number;
  spots_left: number;
  waitlist_count: number;
  distance_km?: number | null;
  my_participation?: MyParticipation | ParticipationStatus;
};

export type EventDetail = EventSummary & {
  description: string;
  min_age: number;
  what_to_bring: string;
  tools_provided: string;
  can_manage?: boolean;
  checkin_code?: string;
};

export type Participant = {
  id: number;
  user: UserRef & { email?: string };
  status: ParticipationStatus;
  emergency_contact?: string;
  notes?: string;
  code?: string;
  checked_in_at: string | null;
  checked_out_at: string | null;
  hours: string | number | null;
  created_at?: string;
};

export type Me = {
  id: number;
  email: string;
  first_name: string;
  last_name: string;
  name: string;
  display_name?: string;
  bio: string;
  city: string;
  state: string;
  avatar: string | null;
  interests: number[];
  is_public: boolean;
  show_history?: boolean;
  birth_date: string | null;
  calendar_token?: string;
};

export type Badge = { slug?: string; code?: string; name: string; description?: string; icon?: string; awarded_at?: string };

export type UserStats = {
  events_attended: number;
  volunteer_hours: number | string;
  trash_kg?: number | string;
  trees_planted?: number;
  events_organized?: number;
  badges: Badge[];
};

export type PublicProfile = {
  id: number;
  name: string;
  bio: string;
  city: string;
  state: string;
  avatar: string | null;
  stats?: UserStats;
  badges?: Badge[];
  history?: EventSummary[];
};

export type MyEvents = {
  organized: EventSummary[];
  participating: Array<EventSummary & { my_participation?: MyParticipation | ParticipationStatus }>;
};

export type Resource = {
  id: number;
  name: string;
  quantity_needed: number;
  quantity_pledged: number;
  unit?: string;
  missing?: number;
  my_pledge?: number | null;
};

export type Comment = {
  id: number;
  author: UserRef;
  body: string;
  parent: number | null;
  created_at: string;
  replies?: Comment[];
  can_delete?: boolean;
};

export type Photo = {
  id: number;
  image: string;
  thumbnail?: string | null;
  caption: string;
  stage: "before" | "during" | "after";
  author?: UserRef;
  created_at?: string;
};

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

export type PlatformStats = {
  events?: number;
  volunteers?: number;
  volunteer_hours?: number | string;
  trash_kg?: number | string;
  trees_planted?: number;
  by_category?: Array<{ slug?: string; name: string; events: number; trash_kg?: number | string; volunteer_hours?: number | string }>;
  by_city?: Array<{ city: string; state?: string; events: number; trash_kg?: number | string; volunteer_hours?: number | string }>;
};

export type Notification = {
  id: number;
  kind: string;
  title: string;
  body: string;
  url: string;
  event?: number | null;
  created_at: string;
  read_at: string | null;
};
