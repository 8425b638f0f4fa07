from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class CommentsConfig(AppConfig):
    name = "manchette.comments"
    verbose_name = _("Comments")

    def ready(self):
        from . import notifications, signals
        from .models import Comment, CommentPolicy, ReplySubscription

        # Threads' reply counts and the cached pages that show a comment or a policy.
        for signal in (post_save, post_delete):
            signal.connect(
                signals.comment_changed, sender=Comment, dispatch_uid="comments.comment_changed"
            )
            signal.connect(
                signals.policy_changed, sender=CommentPolicy, dispatch_uid="comments.policy_changed"
            )
        # E-mail to moderators and to commenters who follow replies.
        post_save.connect(
            notifications.comment_saved, sender=Comment, dispatch_uid="comments.comment_saved"
        )
        post_save.connect(
            notifications.subscription_saved,
            sender=ReplySubscription,
            dispatch_uid="comments.subscription_saved",
        )
