from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from mutiroes.collectives.models import Collective, Invitation, Membership, Role
from mutiroes.core.brazil import UFField
from mutiroes.core.serializers import InputSerializer, MediaUrlField, OutputModelSerializer, QueryParamsSerializer
from mutiroes.custody.serializers import WasteTotalsOutputSerializer
from mutiroes.events.models import Event
from mutiroes.impact.models import MATERIALS


class CollectiveInputSerializer(InputSerializer):
    name = serializers.CharField(max_length=120)
    slug = serializers.SlugField(max_length=60, required=False, help_text="On create only; from the name by default.")
    description = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    city = serializers.CharField(max_length=100)
    state = UFField()
    website = serializers.URLField(max_length=300, required=False, allow_blank=True)
    instagram = serializers.CharField(max_length=60, required=False, allow_blank=True)
    whatsapp_group = serializers.URLField(max_length=300, required=False, allow_blank=True)


class CollectiveListFilterSerializer(QueryParamsSerializer):
    managed = serializers.BooleanField(required=False, default=False, help_text="Only those the caller organizes.")


class CollectiveOutputSerializer(OutputModelSerializer):
    logo = MediaUrlField()
    followers_count = serializers.IntegerField()

    class Meta:
        model = Collective
        fields = ["id", "slug", "name", "description", "city", "state", "logo", "followers_count"]


class ImpactOutputSerializer(serializers.Serializer):
    events_completed = serializers.IntegerField()
    volunteers = serializers.IntegerField()
    volunteer_hours = serializers.DecimalField(max_digits=12, decimal_places=2)
    total_kg = serializers.DecimalField(max_digits=12, decimal_places=2)
    trees_planted = serializers.IntegerField()
    kg_by_material = serializers.SerializerMethodField()

    @extend_schema_field(
        {
            "type": "object",
            "properties": {m: {"type": "string", "format": "decimal"} for m in MATERIALS},
            "required": list(MATERIALS),
        }
    )
    def get_kg_by_material(self, impact: object) -> dict[str, str]:
        return {m: str(v) for m, v in impact.kg_by_material.items()}  # type: ignore[attr-defined]


class CollectiveDetailOutputSerializer(CollectiveOutputSerializer):
    """The collective, its contacts and impact, and what the viewer is and may do. Context:
    `membership`, `following`, `impact`, `waste`, `staff`."""

    my_role = serializers.SerializerMethodField()
    is_following = serializers.SerializerMethodField()
    can_edit = serializers.SerializerMethodField()
    can_manage_members = serializers.SerializerMethodField()
    impact = serializers.SerializerMethodField()
    waste = serializers.SerializerMethodField()

    class Meta(CollectiveOutputSerializer.Meta):
        fields = [
            *CollectiveOutputSerializer.Meta.fields,
            "website",
            "instagram",
            "whatsapp_group",
            "created_at",
            "my_role",
            "is_following",
            "can_edit",
            "can_manage_members",
            "impact",
            "waste",
        ]

    def _role(self) -> str | None:
        membership: Membership | None = self.context.get("membership")
        return membership.role if membership else None

    @extend_schema_field(serializers.ChoiceField(choices=Role.choices, allow_null=True))
    def get_my_role(self, collective: Collective) -> str | None:
        return self._role()

    def get_is_following(self, collective: Collective) -> bool:
        return bool(self.context.get("following"))

    def get_can_edit(self, collective: Collective) -> bool:
        """Edit the page and logo, invite: owners and organizers."""
        return bool(self.context.get("staff")) or self._role() in (Role.OWNER, Role.ORGANIZER)

    def get_can_manage_members(self, collective: Collective) -> bool:
        """Change roles, remove members, invite owners: owners."""
        return bool(self.context.get("staff")) or self._role() == Role.OWNER

    @extend_schema_field(ImpactOutputSerializer)
    def get_impact(self, collective: Collective) -> dict:
        return ImpactOutputSerializer(self.context["impact"]).data

    @extend_schema_field(WasteTotalsOutputSerializer)
    def get_waste(self, collective: Collective) -> dict:
        """Its completed public mutirões' waste: declared by the organizer vs confirmed by receivers."""
        return WasteTotalsOutputSerializer(self.context["waste"]).data


class MemberOutputSerializer(OutputModelSerializer):
    user = serializers.SerializerMethodField()
    avatar = serializers.SerializerMethodField()

    class Meta:
        model = Membership
        fields = ["user", "role", "is_public", "avatar", "created_at"]

    @extend_schema_field(
        {
            "type": "object",
            "properties": {"id": {"type": "integer"}, "name": {"type": "string"}},
            "required": ["id", "name"],
        }
    )
    def get_user(self, membership: Membership) -> dict:
        return {"id": membership.user_id, "name": membership.user.name}

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_avatar(self, membership: Membership) -> str | None:
        return membership.user.avatar.url if membership.user.avatar else None


class MemberUpdateInputSerializer(InputSerializer):
    role = serializers.ChoiceField(choices=Role.choices, required=False, help_text="Owners only.")
    is_public = serializers.BooleanField(required=False, help_text="The member themselves only.")


class InvitationCreateInputSerializer(InputSerializer):
    email = serializers.EmailField(max_length=254)
    role = serializers.ChoiceField(choices=Role.choices, required=False, help_text="member by default")


class InvitationOutputSerializer(OutputModelSerializer):
    class Meta:
        model = Invitation
        fields = ["id", "email", "role", "created_at", "expires_at", "email_status"]


class InvitationTokenInputSerializer(InputSerializer):
    token = serializers.CharField(max_length=500)


class InvitationPreviewQuerySerializer(QueryParamsSerializer):
    token = serializers.CharField(max_length=500)


class InvitationPreviewOutputSerializer(serializers.Serializer):
    """What an invitation link is for, to its holder (the token is the secret)."""

    collective = serializers.SerializerMethodField()
    email = serializers.EmailField()
    role = serializers.ChoiceField(choices=Role.choices)
    expires_at = serializers.DateTimeField()

    @extend_schema_field(
        {
            "type": "object",
            "properties": {"slug": {"type": "string"}, "name": {"type": "string"}},
            "required": ["slug", "name"],
        }
    )
    def get_collective(self, invitation: Invitation) -> dict:
        return {"slug": invitation.collective.slug, "name": invitation.collective.name}


class MembershipOutputSerializer(serializers.Serializer):
    collective = serializers.SlugField(source="collective.slug")
    role = serializers.ChoiceField(choices=Role.choices)


class CollectiveEventFilterSerializer(QueryParamsSerializer):
    when = serializers.ChoiceField(choices=[("upcoming", "upcoming"), ("past", "past")], default="upcoming")


class CollectiveEventOutputSerializer(OutputModelSerializer):
    """A mutirão on the collective's page."""

    category = serializers.SerializerMethodField()
    spots_left = serializers.IntegerField()
    cover_image = MediaUrlField()

    class Meta:
        model = Event
        fields = [
            "id",
            "title",
            "start",
            "end",
            "city",
            "state",
            "status",
            "category",
            "capacity",
            "confirmed_count",
            "spots_left",
            "cover_image",
            "series",
        ]

    @extend_schema_field(
        {
            "type": "object",
            "properties": {"slug": {"type": "string"}, "name": {"type": "string"}, "color": {"type": "string"}},
            "required": ["slug", "name", "color"],
        }
    )
    def get_category(self, event: Event) -> dict:
        return {"slug": event.category.slug, "name": event.category.name, "color": event.category.color}
