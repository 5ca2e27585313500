"""A slow mail server, for the worker tests: the file backend, after SLOW_MAIL_SECONDS of silence.

Selected in a worker's environment with DJANGO_EMAIL_BACKEND; production code has no test hook.
"""

import os
import time
from collections.abc import Sequence

from django.core.mail import EmailMessage
from django.core.mail.backends.filebased import EmailBackend


class SlowEmailBackend(EmailBackend):
    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        time.sleep(float(os.environ.get("SLOW_MAIL_SECONDS", "30")))
        return super().send_messages(email_messages)
