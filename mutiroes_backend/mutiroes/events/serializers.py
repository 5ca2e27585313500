from datetime import datetime

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from mutiroes.core.brazil import UFField
from mutiroes.core.serializers import (
    InputSerializer,
    MediaUrlField,
    OutputModelSerializer,
    PrototypeFieldsMixin,
    QueryParamsSerializer,
)
from mutiroes.events import consents, rules
from mutiroes.events.models import Category, Event, EventSeries, Participation
from mutiroes.events.selectors import waitlist_position


class CategoryOutputSerializer(OutputModelSerializer):
    class Meta:
        model = Category
        fields = ["id", "slug", "name", "icon", "color", "description"]


class UserRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class OrganizerRefSerializer(UserRefSerializer):
    """The organizer as anyone may see them; `is_public` says whether their profile page exists."""

    is_public = serializers.BooleanField()


class ConsentAskOutputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=consents.CONSENT_KINDS)
    # The API's name; DRF's metaclass takes it out of the class, so it does not shadow Field.required.
    required = serializers.BooleanField()  # type: ignore[assignment]
    text = serializers.CharField()
    version = serializers.CharField()


class EventOutputSerializer(OutputModelSerializer):
    category = CategoryOutputSerializer()
    organizer = OrganizerRefSerializer()
    spots_left = serializers.IntegerField()
    distance_km = serializers.SerializerMethodField()
    phase = serializers.SerializerMethodField()
    my_participation = serializers.ChoiceField(choices=Participation.Status.choices, allow_null=True)
    cover_image = MediaUrlField()

    class Meta:
        model = Event
        fields = [
            "id",
            "title",
            "description",
            "category",
            "organizer",
            "address",
            "city",
            "state",
            "latitude",
            "longitude",
            "start",
            "end",
            "registration_deadline",
            "capacity",
            "min_age",
            "requires_approval",
            "requires_waiver",
            "asks_image_consent",
            "visibility",
            "status",
            "phase",
            "what_to_bring",
            "tools_provided",
            "cover_image",
            "confirmed_count",
            "spots_left",
            "waitlist_count",
            "distance_km",
            "my_participation",
            "created_at",
            "updated_at",
        ]

    @extend_schema_field(serializers.FloatField(allow_null=True))
    def get_distance_km(self, event: Event) -> float | None:
        distance = getattr(event, "distance_km", None)
        return None if distance is None else round(distance, 2)

    @extend_schema_field(serializers.ChoiceField(choices=rules.EVENT_PHASE_CHOICES))
    def get_phase(self, event: Event) -> str:
        """draft, upcoming, running (between start and end), ended, or cancelled: say this, not the status."""
        return rules.phase(event, now=self.context.get("now") or timezone.now())


class CollectiveRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    slug = serializers.CharField()
    name = serializers.CharField()


class OrganizedEventOutputSerializer(EventOutputSerializer):
    """A mutirão the caller manages (their "my mutirões" list), with whether it can still be edited,
    stated by the same rule as the detail's `can_edit` (the caller manages it by construction)."""

    can_edit = serializers.SerializerMethodField()

    class Meta(EventOutputSerializer.Meta):
        fields = [*EventOutputSerializer.Meta.fields, "can_edit"]

    def get_can_edit(self, event: Event) -> bool:
        return rules.is_editable(event)


class MyEventsOutputSerializer(serializers.Serializer):
    organized = OrganizedEventOutputSerializer(many=True)
    participating = EventOutputSerializer(many=True)


class EventDetailOutputSerializer(EventOutputSerializer):
    """A mutirão with what the viewer may do now, stated by the rules the services enforce
    (`mutiroes.events.rules`). Context: `now`, `can_manage`, `own_participation`."""

    collective = CollectiveRefSerializer(allow_null=True)
    series = serializers.IntegerField(source="series_id", allow_null=True)
    can_manage_team = serializers.SerializerMethodField()
    can_make_recurring = serializers.SerializerMethodField()

    can_manage = serializers.SerializerMethodField()
    checkin_code = serializers.SerializerMethodField()
    share_token = serializers.SerializerMethodField()
    pending_count = serializers.IntegerField()
    checked_in_count = serializers.IntegerField()
    cancellation_reason = serializers.CharField()
    my_participation_code = serializers.SerializerMethodField()
    my_checked_in_at = serializers.SerializerMethodField()
    registration_open = serializers.SerializerMethodField()
    checkin_opens_at = serializers.SerializerMethodField()
    checkin_closes_at = serializers.SerializerMethodField()
    checkin_open = serializers.SerializerMethodField()
    can_edit = serializers.SerializerMethodField()
    can_publish = serializers.SerializerMethodField()
    can_cancel = serializers.SerializerMethodField()
    can_report = serializers.SerializerMethodField()
    can_join = serializers.SerializerMethodField()
    can_leave = serializers.SerializerMethodField()
    can_check_in = serializers.SerializerMethodField()
    comments_open = serializers.SerializerMethodField()
    can_post_photo = serializers.SerializerMethodField()
    can_pledge = serializers.SerializerMethodField()
    my_waitlist_position = serializers.SerializerMethodField()
    my_rejection_reason = serializers.SerializerMethodField()
    consents = serializers.SerializerMethodField()
    can_message = serializers.SerializerMethodField()

    class Meta(EventOutputSerializer.Meta):
        fields = [
            *EventOutputSerializer.Meta.fields,
            "pending_count",
            "checked_in_count",
            "cancellation_reason",
            "can_manage",
            "checkin_code",
            "share_token",
            "my_participation_code",
            "my_checked_in_at",
            "registration_open",
            "checkin_opens_at",
            "checkin_closes_at",
            "checkin_open",
            "can_edit",
            "can_publish",
            "can_cancel",
            "can_report",
            "can_join",
            "can_leave",
            "can_check_in",
            "comments_open",
            "can_post_photo",
            "can_pledge",
            "my_waitlist_position",
            "collective",
            "series",
            "can_manage_team",
            "can_make_recurring",
            "my_rejection_reason",
            "consents",
            "can_message",
        ]

    def get_can_manage_team(self, event: Event) -> bool:
        """The viewer may add and remove co-organizers."""
        return rules.can_manage_team(event=event, user=self.context.get("user") or AnonymousUser())

    def get_can_make_recurring(self, event: Event) -> bool:
        """The viewer may make this mutirão the first of a recurring series."""
        return self._manages() and rules.can_make_recurring(event, now=self._now())

    def _manages(self) -> bool:
        return bool(self.context.get("can_manage"))

    def _own(self) -> Participation | None:
        return self.context.get("own_participation")

    def _now(self) -> datetime:
        return self.context.get("now") or timezone.now()

    def get_registration_open(self, event: Event) -> bool:
        """Sign-ups are taken now (the viewer's own situation aside)."""
        return rules.registration_open(event, now=self._now())

    @extend_schema_field(serializers.DateTimeField())
    def get_checkin_opens_at(self, event: Event) -> str:
        return serializers.DateTimeField().to_representation(rules.checkin_opens_at(event))

    @extend_schema_field(serializers.DateTimeField())
    def get_checkin_closes_at(self, event: Event) -> str:
        return serializers.DateTimeField().to_representation(rules.checkin_closes_at(event))

    def get_checkin_open(self, event: Event) -> bool:
        """The check-in window is open now (for the organizer's check-ins and self check-in)."""
        return rules.checkin_window_open(event, now=self._now())

    def get_can_edit(self, event: Event) -> bool:
        return self._manages() and rules.is_editable(event)

    def get_can_publish(self, event: Event) -> bool:
        return self._manages() and event.status == Event.Status.DRAFT

    def get_can_cancel(self, event: Event) -> bool:
        return self._manages() and rules.is_cancellable(event)

    def get_can_message(self, event: Event) -> bool:
        """The viewer may send a message to everyone signed up (see `rules.can_message`)."""
        return self._manages() and rules.can_message(event)

    def get_can_report(self, event: Event) -> bool:
        return self._manages() and rules.is_reportable(event, now=self._now())

    def get_can_join(self, event: Event) -> bool:
        """The viewer (signed in) may sign up now; the answer says confirmed, waitlisted or pending."""
        user = self.context.get("user")
        return user is not None and rules.can_join(event, user, self._own(), now=self._now())

    def get_can_leave(self, event: Event) -> bool:
        """The viewer may give up their seat, waitlist place or request now."""
        own = self._own()
        return own is not None and rules.can_leave(own, event, now=self._now())

    def get_can_check_in(self, event: Event) -> bool:
        """The viewer may check themselves in now (with the mutirão's code)."""
        own = self._own()
        return own is not None and rules.can_check_in(own, event, now=self._now())

    def get_comments_open(self, event: Event) -> bool:
        """Comments and replies are taken now (from anyone signed in who sees the mutirão)."""
        return rules.is_happening(event)

    def get_can_post_photo(self, event: Event) -> bool:
        """The viewer may post a photo now (those who manage it and its confirmed participants)."""
        return rules.can_post_photo(event, self._own(), manages=self._manages())

    def get_can_pledge(self, event: Event) -> bool:
        """The viewer may promise to bring one of its resources now (confirmed participants)."""
        return rules.can_pledge(event, self._own(), now=self._now())

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_my_participation_code(self, event: Event) -> str | None:
        """The caller's personal code (shown as a QR code) for the organizer's check-in: for a
        confirmed participant of a mutirão that is published."""
        own = self._own()
        if own is None or own.status != Participation.Status.CONFIRMED or event.status != Event.Status.PUBLISHED:
            return None
        return own.code

    @extend_schema_field(serializers.DateTimeField(allow_null=True))
    def get_my_checked_in_at(self, event: Event) -> str | None:
        """When the caller was checked in at this mutirão (by the organizer, by code or by QR)."""
        own = self.context.get("own_participation")
        if own is None or own.checked_in_at is None:
            return None
        return serializers.DateTimeField().to_representation(own.checked_in_at)

    @extend_schema_field(serializers.IntegerField(allow_null=True, min_value=1))
    def get_my_waitlist_position(self, event: Event) -> int | None:
        """The caller's place on the waitlist (1 = the next freed seat is theirs), else null."""
        own = self.context.get("own_participation")
        return None if own is None else waitlist_position(participation=own)

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_my_rejection_reason(self, event: Event) -> str | None:
        """Why the organizer declined or removed the caller (empty when no reason was given), else null."""
        own = self._own()
        return own.rejection_reason if own is not None and own.status == Participation.Status.REJECTED else None

    @extend_schema_field(ConsentAskOutputSerializer(many=True))
    def get_consents(self, event: Event) -> list[dict]:
        """What signing up asks of the viewer (texts and version); `required` ones must be accepted."""
        asked = consents.consents_asked(event, self.context.get("user"))
        return list(ConsentAskOutputSerializer(asked, many=True).data)

    def get_can_manage(self, event: Event) -> bool:
        return self._manages()

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_share_token(self, event: Event) -> str | None:
        """The secret of an unlisted mutirão's link (`?share=`, or `X-Share-Token`); only for those who manage."""
        if event.visibility != Event.Visibility.UNLISTED or not self.context.get("can_manage"):
            return None
        return event.share_token

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_checkin_code(self, event: Event) -> str | None:
        """The code volunteers type to check themselves in; only for those who manage, never once cancelled."""
        managing = self.context.get("can_manage") and event.status != Event.Status.CANCELLED
        return event.checkin_code if managing else None


class EventInputSerializer(InputSerializer):
    """Fields an organizer writes. Status, organizer and counters are not among them."""

    title = serializers.CharField(max_length=150)
    description = serializers.CharField(max_length=10000)
    category = serializers.PrimaryKeyRelatedField(queryset=Category.objects.all())
    address = serializers.CharField(max_length=255)
    city = serializers.CharField(max_length=100)
    state = UFField()
    latitude = serializers.FloatField(min_value=-90, max_value=90)
    longitude = serializers.FloatField(min_value=-180, max_value=180)
    start = serializers.DateTimeField()
    end = serializers.DateTimeField()
    registration_deadline = serializers.DateTimeField(required=False)
    capacity = serializers.IntegerField(min_value=1, max_value=100000)
    min_age = serializers.IntegerField(min_value=0, max_value=120, required=False)
    requires_approval = serializers.BooleanField(required=False)
    requires_waiver = serializers.BooleanField(required=False)
    asks_image_consent = serializers.BooleanField(required=False)
    visibility = serializers.ChoiceField(choices=Event.Visibility.choices, required=False)
    what_to_bring = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    tools_provided = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    collective = serializers.IntegerField(
        min_value=1, allow_null=True, required=False, help_text="Id of a collective the caller organizes, or null."
    )


class EventUpdateScopeSerializer(QueryParamsSerializer):
    scope = serializers.ChoiceField(
        choices=[("this", "this"), ("following", "following")],
        required=False,
        default="this",
        help_text="For an occurrence of a series: edit only this one, or this and the following ones.",
    )


class EventCreateInputSerializer(EventInputSerializer):
    status = serializers.ChoiceField(
        choices=[(Event.Status.DRAFT, _("Draft")), (Event.Status.PUBLISHED, _("Published"))], required=False
    )


class EventCancelInputSerializer(InputSerializer):
    reason = serializers.CharField(max_length=500, required=False, allow_blank=True)
    scope = serializers.ChoiceField(
        choices=[("this", "this"), ("following", "following")],
        required=False,
        help_text="For an occurrence of a series: cancel only this one (default) or this and the following ones.",
    )


class CoOrganizerAddInputSerializer(InputSerializer):
    email = serializers.EmailField(max_length=254)


class CoOrganizerOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    email = serializers.EmailField()


MAX_SEARCH_TERMS = 5
MAX_RADIUS_KM = 500


class EventListFilterSerializer(PrototypeFieldsMixin, QueryParamsSerializer):
    category = serializers.SlugField(required=False)
    city = serializers.CharField(required=False, max_length=100)
    state = UFField(required=False)
    # Anonymous searches miss the cache when they vary, so each has a known worst case: a few
    # words, a bounded radius (the listing's page window is bounded by the pagination).
    q = serializers.CharField(required=False, max_length=100)
    starts_after = serializers.DateTimeField(required=False)
    starts_before = serializers.DateTimeField(required=False)
    near = serializers.CharField(required=False, help_text="lat,lng")
    radius_km = serializers.FloatField(required=False, min_value=0.1, max_value=MAX_RADIUS_KM)
    ordering = serializers.ChoiceField(choices=["start", "-start", "distance", "-created"], required=False)
    status = serializers.ChoiceField(choices=[Event.Status.PUBLISHED, Event.Status.COMPLETED], required=False)

    def validate_q(self, value: str) -> str:
        if len(value.split()) > MAX_SEARCH_TERMS:
            raise serializers.ValidationError(_("Search with at most %(n)d words.") % {"n": MAX_SEARCH_TERMS})
        return value

    def validate_near(self, value: str) -> tuple[float, float]:
        message = _("Use near=latitude,longitude, e.g. near=-23.55,-46.63.")
        parts = value.split(",")
        if len(parts) != 2:
            raise serializers.ValidationError(message)
        try:
            lat, lng = float(parts[0]), float(parts[1])
        except ValueError as exc:
            raise serializers.ValidationError(message) from exc
        if not (-90 <= lat <= 90 and -180 <= lng <= 180):
            raise serializers.ValidationError(_("Coordinates out of range."))
        return lat, lng

    def validate(self, attrs: dict) -> dict:
        if attrs.get("ordering") == "distance" and "near" not in attrs:
            raise serializers.ValidationError({"ordering": [_("Ordering by distance needs near=lat,lng.")]})
        if "radius_km" in attrs and "near" not in attrs:
            raise serializers.ValidationError({"radius_km": [_("radius_km needs near=lat,lng.")]})
        after, before = attrs.get("starts_after"), attrs.get("starts_before")
        if after and before and after > before:
            raise serializers.ValidationError({"starts_before": [_("Must be after starts_after.")]})
        return attrs


class JoinInputSerializer(PrototypeFieldsMixin, InputSerializer):
    emergency_contact = serializers.CharField(max_length=200, required=False, allow_blank=True)
    notes = serializers.CharField(max_length=1000, required=False, allow_blank=True)
    # The consents the event detail's `consents` lists (see `events/consents.py`).
    accept_waiver = serializers.BooleanField(required=False)
    image_consent = serializers.BooleanField(required=False)
    guardian_consent = serializers.BooleanField(required=False)
    guardian_name = serializers.CharField(max_length=200, required=False, allow_blank=True)


class RejectInputSerializer(InputSerializer):
    reason = serializers.CharField(max_length=500, required=False, allow_blank=True)


class NoShowInputSerializer(InputSerializer):
    no_show = serializers.BooleanField(required=False, help_text="false undoes the mark; default true")


class CheckInInputSerializer(InputSerializer):
    code = serializers.CharField(max_length=12)


class CheckOutInputSerializer(InputSerializer):
    hours = serializers.DecimalField(max_digits=6, decimal_places=2, required=False, min_value=0)


class ParticipationOutputSerializer(OutputModelSerializer):
    """A participation with its private fields: for the organizer and the participant only."""

    user = UserRefSerializer()

    class Meta:
        model = Participation
        fields = [
            "id",
            "user",
            "status",
            "emergency_contact",
            "notes",
            "code",
            "checked_in_at",
            "checked_out_at",
            "hours",
            "no_show",
            "rejection_reason",
            "consent_version",
            "waiver_accepted_at",
            "image_consent_at",
            "guardian_consent_at",
            "guardian_name",
            "created_at",
        ]


class ParticipantRowOutputSerializer(ParticipationOutputSerializer):
    """A row of the managers' participant list, with what they may do with it now.
    Context: `event`, `now`."""

    actions = serializers.SerializerMethodField()

    class Meta(ParticipationOutputSerializer.Meta):
        fields = [*ParticipationOutputSerializer.Meta.fields, "actions"]

    @extend_schema_field(serializers.ListField(child=serializers.ChoiceField(choices=rules.PARTICIPANT_ACTIONS)))
    def get_actions(self, participation: Participation) -> list[str]:
        return list(rules.participant_actions(participation, self.context["event"], now=self.context["now"]))


class ParticipantFilterSerializer(QueryParamsSerializer):
    status = serializers.ChoiceField(choices=Participation.Status.choices, required=False)


# ---------------------------------------------------------------- recurring series
WEEKDAY_NAMES = (
    pgettext_lazy("weekday in a sentence", "monday"),
    pgettext_lazy("weekday in a sentence", "tuesday"),
    pgettext_lazy("weekday in a sentence", "wednesday"),
    pgettext_lazy("weekday in a sentence", "thursday"),
    pgettext_lazy("weekday in a sentence", "friday"),
    pgettext_lazy("weekday in a sentence", "saturday"),
    pgettext_lazy("weekday in a sentence", "sunday"),
)
WEEKDAYS_PLURAL = (
    _("on Mondays"),
    _("on Tuesdays"),
    _("on Wednesdays"),
    _("on Thursdays"),
    _("on Fridays"),
    _("on Saturdays"),
    _("on Sundays"),
)
ORDINALS = {
    1: pgettext_lazy("week of the month", "1st"),
    2: pgettext_lazy("week of the month", "2nd"),
    3: pgettext_lazy("week of the month", "3rd"),
    4: pgettext_lazy("week of the month", "4th"),
    -1: pgettext_lazy("week of the month", "last"),
}


class SeriesCreateInputSerializer(InputSerializer):
    frequency = serializers.ChoiceField(choices=EventSeries.Frequency.choices)
    interval = serializers.IntegerField(
        min_value=1, max_value=12, required=False, help_text="Every N weeks or months (1 by default)."
    )
    week_of_month = serializers.ChoiceField(
        choices=[(1, "1"), (2, "2"), (3, "3"), (4, "4"), (-1, "-1")],
        required=False,
        allow_null=True,
        help_text="Monthly: the 1st…4th weekday of the month or -1 (the last); by default the mutirão's own.",
    )
    until = serializers.DateField(required=False, allow_null=True, help_text="Last day (local), inclusive.")
    count = serializers.IntegerField(min_value=2, max_value=104, required=False, allow_null=True)


class SeriesOccurrenceOutputSerializer(OutputModelSerializer):
    class Meta:
        model = Event
        fields = ["id", "title", "start", "end", "status", "occurrence_date", "confirmed_count", "capacity"]


class SeriesOutputSerializer(OutputModelSerializer):
    """A series, what it repeats, its occurrences and what the viewer may do. Context: `user`,
    `can_manage`, `subscribed`, `occurrences`."""

    description = serializers.SerializerMethodField()
    occurrences = serializers.SerializerMethodField()
    is_subscribed = serializers.SerializerMethodField()
    can_join_all = serializers.SerializerMethodField()
    can_manage = serializers.SerializerMethodField()
    is_active = serializers.SerializerMethodField()

    class Meta:
        model = EventSeries
        fields = [
            "id",
            "frequency",
            "interval",
            "weekday",
            "week_of_month",
            "first_date",
            "until",
            "count",
            "start_time",
            "description",
            "is_active",
            "occurrences",
            "is_subscribed",
            "can_join_all",
            "can_manage",
        ]

    def get_description(self, series: EventSeries) -> str:
        """In words, pt-BR: "A cada 2 semanas, sábado, às 09:00"."""
        at = series.start_time.strftime("%H:%M")
        if series.frequency == EventSeries.Frequency.MONTHLY:
            assert series.week_of_month is not None
            every = _("Every month") if series.interval == 1 else _("Every %(n)d months") % {"n": series.interval}
            return _("%(every)s, on the %(nth)s %(day)s, at %(at)s") % {
                "every": every,
                "nth": ORDINALS[series.week_of_month],
                "day": WEEKDAY_NAMES[series.weekday],
                "at": at,
            }
        every = _("Every week") if series.interval == 1 else _("Every %(n)d weeks") % {"n": series.interval}
        return _("%(every)s, %(days)s, at %(at)s") % {
            "every": every,
            "days": WEEKDAYS_PLURAL[series.weekday],
            "at": at,
        }

    def get_is_active(self, series: EventSeries) -> bool:
        return series.ended_at is None

    @extend_schema_field(SeriesOccurrenceOutputSerializer(many=True))
    def get_occurrences(self, series: EventSeries) -> list[dict]:
        return SeriesOccurrenceOutputSerializer(self.context["occurrences"], many=True).data  # type: ignore[return-value]

    def get_is_subscribed(self, series: EventSeries) -> bool:
        """The viewer takes part in every mutirão of the series ("Participar de todos")."""
        return bool(self.context.get("subscribed"))

    def get_can_join_all(self, series: EventSeries) -> bool:
        user = self.context.get("user")
        return (
            user is not None
            and series.ended_at is None
            and not self.context.get("subscribed")
            and series.organizer_id != user.id
        )

    def get_can_manage(self, series: EventSeries) -> bool:
        return bool(self.context.get("can_manage"))


class SeriesJoinAllOutputSerializer(serializers.Serializer):
    joined = serializers.IntegerField(help_text="Occurrences joined now; later ones are joined as they are created.")
