from django.apps import AppConfig


class UsersConfig(AppConfig):
    name = "mutiroes.users"
    label = "users"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        # The OpenAPI description of our bearer authentication (a subclass of simplejwt's).
        from mutiroes.users import schema  # noqa: F401
        from mutiroes.users.models import User
        from mutiroes.users.services import access_state_forget

        # Any change of a user row (suspension, erasure, deletion) re-reads its access state.
        def forget(sender: type, instance: User, **kwargs: object) -> None:
            access_state_forget(instance.pk)

        post_save.connect(forget, sender=User, weak=False, dispatch_uid="users.access_state_forget.save")
        post_delete.connect(forget, sender=User, weak=False, dispatch_uid="users.access_state_forget.delete")
