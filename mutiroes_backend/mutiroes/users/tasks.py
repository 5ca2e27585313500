from celery import shared_task
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.core.management import call_command
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode


@shared_task(autoretry_for=(OSError,), retry_backoff=True, retry_backoff_max=600, max_retries=5)
def password_reset_email_send(*, user_id: int) -> None:
    """Email a password reset link. The token is made here, so the task takes ids only."""
    from mutiroes.users.models import User

    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    link = f"{settings.FRONTEND_URL}/redefinir-senha?uid={uid}&token={token}"
    with translation.override("pt-br"):
        context = {"user": user, "link": link}
        send_mail(
            subject=render_to_string("users/email/password_reset_subject.txt", context).strip(),
            message=render_to_string("users/email/password_reset.txt", context),
            html_message=render_to_string("users/email/password_reset.html", context),
            from_email=None,
            recipient_list=[user.email],
        )


@shared_task
def expired_tokens_flush() -> None:
    """Beat: delete expired refresh tokens and their blacklist entries (simplejwt's own command)."""
    call_command("flushexpiredtokens", verbosity=0)
