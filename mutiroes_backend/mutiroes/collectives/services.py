"""Collectives: create and edit, members and roles, invitations, following, and announcing a
new mutirão of a collective to its followers. Every write and every rule of the app is here."""

import re
import secrets
from datetime import timedelta
from typing import IO, Any

from django.conf import settings
from django.core import signing
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import override

from mutiroes.collectives.models import MANAGING_ROLES, Announcement, Collective, Follow, Invitation, Membership, Role
from mutiroes.core.exceptions import ApplicationError, Conflict, Forbidden, NotFound
from mutiroes.core.images import AVATAR, image_clean, image_name
from mutiroes.core.model_update import model_update
from mutiroes.core.queue import enqueue, enqueue_on_commit
from mutiroes.events.models import Event, SeriesSubscription
from mutiroes.notifications import services as notifications
from mutiroes.notifications.models import Notification
from mutiroes.users.models import User

EDITABLE_FIELDS = ("name", "description", "city", "state", "website", "instagram", "whatsapp_group")
INVITATION_SALT = "mutiroes.collectives.invitation"
LANGUAGE = "pt-br"
WHATSAPP_GROUP = re.compile(r"^https://chat\.whatsapp\.com/[A-Za-z0-9]{10,40}/?$")
INSTAGRAM_HANDLE = re.compile(r"^(?!.*\.\.)(?!\.)[A-Za-z0-9._]{1,30}(?<!\.)$")
INSTAGRAM_URL = re.compile(r"^https://(www\.)?instagram\.com/([A-Za-z0-9._]{1,30})/?$")


# ---------------------------------------------------------------- locks and who
def _lock(slug: str) -> Collective:
    collective = Collective.objects.select_for_update().filter(slug=slug).first()
    if collective is None:
        raise NotFound(_("Collective not found."))
    return collective


def membership_of(*, collective: Collective, user: User) -> Membership | None:
    if not user.is_authenticated:
        return None
    return Membership.objects.filter(collective=collective, user=user).first()


def _lock_for_manager(*, slug: str, user: User) -> Collective:
    collective = _lock(slug)
    membership = membership_of(collective=collective, user=user)
    if not user.is_staff and (membership is None or membership.role not in MANAGING_ROLES):
        raise Forbidden(_("Only the collective's owners and organizers can do this."))
    return collective


def _lock_for_owner(*, slug: str, user: User) -> Collective:
    collective = _lock(slug)
    membership = membership_of(collective=collective, user=user)
    if not user.is_staff and (membership is None or membership.role != Role.OWNER):
        raise Forbidden(_("Only the collective's owners can do this."))
    return collective


# ---------------------------------------------------------------- the collective
def _clean_links(collective: Collective) -> None:
    errors: dict[str, list[str]] = {}
    if collective.whatsapp_group and not WHATSAPP_GROUP.match(collective.whatsapp_group):
        errors["whatsapp_group"] = [_("Use a WhatsApp group invite link: https://chat.whatsapp.com/…")]
    if collective.website and not collective.website.startswith(("https://", "http://")):
        errors["website"] = [_("Use an address that starts with https://")]
    if collective.instagram:
        handle = collective.instagram.strip().removeprefix("@")
        if match := INSTAGRAM_URL.match(handle):
            handle = match.group(2)
        if not INSTAGRAM_HANDLE.match(handle):
            errors["instagram"] = [_("Use the Instagram profile name, e.g. @coletivopraialimpa.")]
        collective.instagram = handle
    if errors:
        raise ApplicationError(_("Check the contact links."), errors=errors)


# Paths of the web app under /coletivos/ that a collective's address must not take.
RESERVED_SLUGS = frozenset({"novo", "convite"})


def _unique_slug(base: str) -> str:
    base = (slugify(base) or "coletivo")[:70].strip("-") or "coletivo"
    slug, n = base, 1
    while slug in RESERVED_SLUGS or Collective.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _save_named(collective: Collective) -> None:
    """Save; a name another collective holds (the database's unique constraint) is a 409."""
    try:
        with transaction.atomic():
            collective.save()
    except IntegrityError as exc:
        raise Conflict(
            _("There is already a collective with this name."),
            code="name_taken",
            errors={"name": [_("There is already a collective with this name.")]},
        ) from exc


@transaction.atomic
def collective_create(*, user: User, data: dict[str, Any]) -> Collective:
    """Create a collective; its creator is its first owner."""
    collective = Collective(created_by=user)
    model_update(instance=collective, fields=EDITABLE_FIELDS, data=data)
    _clean_links(collective)
    collective.slug = _unique_slug(data.get("slug") or collective.name)
    _save_named(collective)
    Membership.objects.create(collective=collective, user=user, role=Role.OWNER)
    return collective


@transaction.atomic
def collective_update(*, slug: str, user: User, data: dict[str, Any]) -> Collective:
    collective = _lock_for_manager(slug=slug, user=user)
    if not model_update(instance=collective, fields=EDITABLE_FIELDS, data=data):
        return collective
    _clean_links(collective)
    _save_named(collective)
    return collective


@transaction.atomic
def collective_logo_set(*, slug: str, user: User, upload: IO[bytes], size: int) -> Collective:
    """Replace the logo with a checked, re-encoded copy of the upload (the hostile-upload pipeline)."""
    collective = _lock_for_manager(slug=slug, user=user)
    clean = image_clean(upload, size=size, kind=AVATAR)
    old = collective.logo.name
    collective.logo.save(image_name(clean), ContentFile(clean.content), save=False)
    collective.save(update_fields=["logo", "updated_at"])
    if old:
        transaction.on_commit(lambda: collective.logo.storage.delete(old), robust=True)
    return collective


@transaction.atomic
def collective_logo_delete(*, slug: str, user: User) -> Collective:
    collective = _lock_for_manager(slug=slug, user=user)
    old = collective.logo.name
    if old:
        collective.logo = ""
        collective.save(update_fields=["logo", "updated_at"])
        transaction.on_commit(lambda: Collective.logo.field.storage.delete(old), robust=True)
    return collective


# ---------------------------------------------------------------- members
def _ensure_another_owner(collective: Collective, *, leaving: Membership) -> None:
    if leaving.role != Role.OWNER:
        return
    others = Membership.objects.filter(collective=collective, role=Role.OWNER).exclude(pk=leaving.pk)
    if not others.exists():
        raise Conflict(
            _("The collective needs at least one owner: make someone else an owner first."), code="last_owner"
        )


def _lock_member(collective: Collective, user_id: int) -> Membership:
    membership = Membership.objects.select_for_update().filter(collective=collective, user_id=user_id).first()
    if membership is None:
        raise NotFound(_("Member not found."))
    return membership


@transaction.atomic
def membership_update(
    *, slug: str, user: User, member_id: int, role: str | None = None, is_public: bool | None = None
) -> Membership:
    """An owner changes a member's role; each member chooses whether the public page shows them."""
    collective = _lock(slug)
    mine = membership_of(collective=collective, user=user)
    if mine is None and not user.is_staff:
        raise Forbidden(_("Only the collective's members can do this."))
    membership = _lock_member(collective, member_id)
    if is_public is not None:
        if membership.user_id != user.id:
            raise Forbidden(_("Only the member can choose whether the public page shows them."))
        membership.is_public = is_public
    if role is not None and role != membership.role:
        if not user.is_staff and (mine is None or mine.role != Role.OWNER):
            raise Forbidden(_("Only the collective's owners can do this."))
        _ensure_another_owner(collective, leaving=membership)
        membership.role = role
    membership.save()
    return membership


@transaction.atomic
def membership_remove(*, slug: str, user: User, member_id: int) -> None:
    """An owner removes a member (leaving yourself is `collective_leave`)."""
    collective = _lock_for_owner(slug=slug, user=user)
    membership = _lock_member(collective, member_id)
    _ensure_another_owner(collective, leaving=membership)
    membership.delete()


@transaction.atomic
def collective_leave(*, slug: str, user: User) -> None:
    collective = _lock(slug)
    membership = Membership.objects.select_for_update().filter(collective=collective, user=user).first()
    if membership is None:
        raise Conflict(_("You are not a member of this collective."), code="not_member")
    _ensure_another_owner(collective, leaving=membership)
    membership.delete()


def collectives_erase(*, user: User) -> None:
    """LGPD erasure (users.hooks.user_erasing): the person's memberships, follows, "participar de
    todos" subscriptions and the open invitations to their address go. A collective is never left
    without an owner while others belong to it: the erasure is refused (409) until the person makes
    someone else an owner; a collective whose only member they are keeps no member at all."""
    memberships = list(
        Membership.objects.select_for_update().filter(user=user, role=Role.OWNER).select_related("collective")
    )
    for membership in memberships:
        collective = membership.collective
        others = Membership.objects.filter(collective=collective).exclude(pk=membership.pk)
        if others.exists() and not others.filter(role=Role.OWNER).exists():
            raise Conflict(
                _(
                    "You are the only owner of the collective %(name)s: make another member an owner "
                    "before deleting your account."
                )
                % {"name": collective.name},
                code="last_owner",
            )
    Membership.objects.filter(user=user).delete()
    Follow.objects.filter(user=user).delete()
    SeriesSubscription.objects.filter(user=user).delete()
    Invitation.objects.filter(email__iexact=user.email, accepted_at__isnull=True, revoked_at__isnull=True).delete()


# ---------------------------------------------------------------- invitations
def invitation_token(invitation: Invitation) -> str:
    """The signed token of the invitation's link: its id and nonce, signed with the secret key."""
    return signing.dumps({"i": invitation.id, "n": invitation.nonce}, salt=INVITATION_SALT, compress=True)


def invitation_link(invitation: Invitation) -> str:
    return f"{settings.FRONTEND_URL}/coletivos/convite?token={invitation_token(invitation)}"


@transaction.atomic
def invitation_create(*, slug: str, user: User, email: str, role: str) -> Invitation:
    """Invite someone by e-mail. Owners invite with any role, organizers invite members and
    organizers. Inviting the same address again replaces the open invitation (its link stops working)."""
    collective = _lock_for_manager(slug=slug, user=user)
    mine = membership_of(collective=collective, user=user)
    if role == Role.OWNER and not user.is_staff and (mine is None or mine.role != Role.OWNER):
        raise Forbidden(_("Only the collective's owners can invite another owner."))
    email = email.strip()
    if Membership.objects.filter(collective=collective, user__email__iexact=email).exists():
        raise Conflict(_("This person is already a member of the collective."), code="already_member")
    now = timezone.now()
    Invitation.objects.filter(
        collective=collective, email__iexact=email, accepted_at__isnull=True, revoked_at__isnull=True
    ).update(revoked_at=now)
    invitation = Invitation.objects.create(
        collective=collective,
        email=email,
        role=role,
        invited_by=user,
        nonce=secrets.token_hex(16),
        expires_at=now + timedelta(days=settings.COLLECTIVES["INVITATION_DAYS"]),
    )
    enqueue_on_commit("mutiroes.collectives.tasks.invitation_email_send", invitation_id=invitation.id)
    return invitation


@transaction.atomic
def invitation_revoke(*, slug: str, user: User, invitation_id: int) -> None:
    collective = _lock_for_manager(slug=slug, user=user)
    updated = Invitation.objects.filter(
        pk=invitation_id, collective=collective, accepted_at__isnull=True, revoked_at__isnull=True
    ).update(revoked_at=timezone.now())
    if not updated:
        raise NotFound(_("Invitation not found."))


def _invalid_invitation() -> ApplicationError:
    return ApplicationError(_("This invitation link is invalid."), code="invalid_invitation")


def _expired_invitation() -> ApplicationError:
    return ApplicationError(_("This invitation has expired: ask for a new one."), code="invitation_expired")


def invitation_from_token(*, token: str) -> Invitation:
    """The invitation a link's token names, if the signature holds; expiry and use are checked by
    the caller (`invitation_accept` under the row lock, `invitation_preview` to tell the person)."""
    max_age = timedelta(days=settings.COLLECTIVES["INVITATION_DAYS"])
    try:
        payload = signing.loads(token, salt=INVITATION_SALT, max_age=max_age)
    except signing.SignatureExpired as exc:
        raise _expired_invitation() from exc
    except signing.BadSignature as exc:
        raise _invalid_invitation() from exc
    if not isinstance(payload, dict) or not isinstance(payload.get("i"), int) or not isinstance(payload.get("n"), str):
        raise _invalid_invitation()
    invitation = Invitation.objects.select_related("collective").filter(pk=payload["i"], nonce=payload["n"]).first()
    if invitation is None:
        raise _invalid_invitation()
    return invitation


def invitation_check_usable(invitation: Invitation, *, user: User | None) -> None:
    if invitation.revoked_at is not None:
        raise _invalid_invitation()
    if invitation.accepted_at is not None:
        raise Conflict(_("This invitation has already been used."), code="invitation_used")
    if invitation.expires_at <= timezone.now():
        raise _expired_invitation()
    if user is not None and user.email.lower() != invitation.email.lower():
        raise Forbidden(
            _("This invitation was sent to another e-mail address. Sign in with that address to accept it."),
            code="invitation_other_email",
        )


@transaction.atomic
def invitation_accept(*, token: str, user: User) -> Membership:
    """Accept an invitation: single use (under the row lock), before it expires, by the person it
    was sent to (the signed-in account's e-mail). A member keeps the higher of the two roles."""
    found = invitation_from_token(token=token)
    invitation = Invitation.objects.select_for_update().get(pk=found.pk)
    invitation_check_usable(invitation, user=user)
    ranks = {Role.MEMBER: 0, Role.ORGANIZER: 1, Role.OWNER: 2}
    membership, created = Membership.objects.select_for_update().get_or_create(
        collective_id=invitation.collective_id, user=user, defaults={"role": invitation.role}
    )
    if not created and ranks[Role(invitation.role)] > ranks[Role(membership.role)]:
        membership.role = invitation.role
        membership.save(update_fields=["role"])
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return membership


def invitation_email_deliver(*, invitation_id: int) -> str:
    """Send one invitation's e-mail and mark it sent; a sent, used, revoked or locked one is left alone."""
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("collective", "invited_by")
            .filter(pk=invitation_id, email_status=Invitation.EmailStatus.PENDING)
            .first()
        )
        if invitation is None:
            return "skipped"
        if invitation.accepted_at or invitation.revoked_at or invitation.expires_at <= timezone.now():
            invitation.email_status = Invitation.EmailStatus.FAILED
            invitation.save(update_fields=["email_status"])
            return "stale"
        invitation.email_attempts += 1
        with override(LANGUAGE):
            inviter = invitation.invited_by.first_name if invitation.invited_by else "Mutirões"
            subject = _("%(name)s invites you to the collective %(collective)s") % {
                "name": inviter,
                "collective": invitation.collective.name,
            }
            body = _(
                "%(name)s invited you to join %(collective)s on Mutirões as %(role)s.\n\n"
                "Accept the invitation (valid until %(until)s):\n%(link)s\n\n"
                "If you don't know this collective, ignore this message."
            ) % {
                "name": inviter,
                "collective": invitation.collective.name,
                "role": Role(invitation.role).label,
                "until": date_format(timezone.localtime(invitation.expires_at), "d/m/Y"),
                "link": invitation_link(invitation),
            }
        send_mail(subject=subject, message=body, from_email=None, recipient_list=[invitation.email])
        invitation.email_status = Invitation.EmailStatus.SENT
        invitation.email_sent_at = timezone.now()
        invitation.save(update_fields=["email_status", "email_attempts", "email_sent_at"])
        return "sent"


# ---------------------------------------------------------------- following
@transaction.atomic
def collective_follow(*, slug: str, user: User) -> Follow:
    collective = Collective.objects.filter(slug=slug).first()
    if collective is None:
        raise NotFound(_("Collective not found."))
    follow, _created = Follow.objects.get_or_create(collective=collective, user=user)
    return follow


@transaction.atomic
def collective_unfollow(*, slug: str, user: User) -> None:
    collective = Collective.objects.filter(slug=slug).first()
    if collective is None:
        raise NotFound(_("Collective not found."))
    Follow.objects.filter(collective=collective, user=user).delete()


# ---------------------------------------------------------------- announcing a new mutirão
def event_published(*, event_id: int) -> Announcement | None:
    """A mutirão was published: if it is a public mutirão of a collective, record its
    announcement (once per mutirão) and start the fan-out to the followers after commit."""
    event = Event.objects.filter(pk=event_id).first()
    if (
        event is None
        or event.collective_id is None
        or event.status != Event.Status.PUBLISHED
        or event.visibility != Event.Visibility.PUBLIC
    ):
        return None
    with transaction.atomic():
        announcement, created = Announcement.objects.get_or_create(
            event=event, defaults={"collective_id": event.collective_id}
        )
        if created:
            enqueue_on_commit("mutiroes.collectives.tasks.announcement_batch_send", announcement_id=announcement.id)
    return announcement


def announcement_batch_deliver(*, announcement_id: int) -> bool:
    """Write the next batch of an announcement's notifications; True when another batch follows.
    Under the announcement's row lock (a duplicate task skips it), keyed per person."""
    size = settings.NOTIFICATIONS["BATCH_SIZE"]
    with transaction.atomic():
        announcement = (
            Announcement.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("event", "collective")
            .filter(pk=announcement_id, completed_at__isnull=True)
            .first()
        )
        if announcement is None:
            return False
        event = announcement.event
        user_ids = list(
            Follow.objects.filter(
                collective_id=announcement.collective_id,
                user_id__gt=announcement.cursor_user_id,
                user__is_active=True,
            )
            .exclude(user_id=event.organizer_id)
            .order_by("user_id")
            .values_list("user_id", flat=True)[:size]
        )
        with override(LANGUAGE):
            title = _("New mutirão of %(collective)s: %(title)s") % {
                "collective": announcement.collective.name,
                "title": event.title,
            }
            body = _("%(title)s, %(when)s, %(place)s.") % {
                "title": event.title,
                "when": date_format(timezone.localtime(event.start), "l, d/m/Y, H:i"),
                "place": f"{event.address} — {event.city}/{event.state}",
            }
        written = notifications.notifications_fan_out(
            user_ids=user_ids,
            kind=Notification.Kind.COLLECTIVE_EVENT,
            title=title,
            body=body,
            event_id=event.id,
            dedupe_prefix=f"announcement:{announcement.id}",
        )
        more = len(user_ids) == size
        if user_ids:
            announcement.cursor_user_id = user_ids[-1]
        announcement.recipients += written
        if more:
            enqueue_on_commit("mutiroes.collectives.tasks.announcement_batch_send", announcement_id=announcement.id)
        else:
            announcement.completed_at = timezone.now()
        announcement.save(update_fields=["cursor_user_id", "recipients", "completed_at", "updated_at"])
    return more


def collectives_outbox_sweep(*, limit: int = 1000) -> dict[str, int]:
    """Beat: what the broker lost. Announcements never recorded (the publish's task lost) or stalled,
    and invitation e-mails still pending. Every task is idempotent."""
    now = timezone.now()
    cutoff = now - timedelta(seconds=settings.NOTIFICATIONS["SWEEP_AFTER_SECONDS"])
    unannounced = list(
        Event.objects.filter(
            collective__isnull=False,
            status=Event.Status.PUBLISHED,
            visibility=Event.Visibility.PUBLIC,
            published_at__gte=now - timedelta(days=2),
            published_at__lte=cutoff,
        )
        .exclude(pk__in=Announcement.objects.values("event_id"))
        .values_list("id", flat=True)[:limit]
    )
    for event_id in unannounced:
        event_published(event_id=event_id)
    stalled = list(
        Announcement.objects.filter(completed_at__isnull=True, updated_at__lte=cutoff).values_list("id", flat=True)[
            :limit
        ]
    )
    for announcement_id in stalled:
        enqueue("mutiroes.collectives.tasks.announcement_batch_send", announcement_id=announcement_id)
    invitations = list(
        Invitation.objects.filter(
            email_status=Invitation.EmailStatus.PENDING,
            created_at__lte=cutoff,
            email_attempts__lt=settings.NOTIFICATIONS["MAX_EMAIL_ATTEMPTS"],
        ).values_list("id", flat=True)[:limit]
    )
    for invitation_id in invitations:
        enqueue("mutiroes.collectives.tasks.invitation_email_send", invitation_id=invitation_id)
    # An invitation holds someone's e-mail address: it is kept 30 days past its expiry, not forever.
    purged, _ = Invitation.objects.filter(expires_at__lt=now - timedelta(days=30)).delete()
    return {"announcements": len(unannounced) + len(stalled), "invitations": len(invitations), "purged": purged}
