"""Sign-in locks in the admin (Settings → Sign-in locks): administrators see who is locked
out by django-axes and lift a lock by deleting it."""

from axes.models import AccessAttempt
from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy


class SignInLockPolicy(ModelPermissionPolicy):
    """Only administrators look at locks, and they may only lift them: a lock is made by
    failed sign-ins, never written by hand."""

    def user_has_permission(self, user, action):
        return action in ("view", "delete") and user.is_active and user.is_superuser

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class SignInLockViewSet(ModelViewSet):
    model = AccessAttempt
    name = "sign_in_locks"
    url_prefix = "sign-in-locks"
    icon = "lock"
    menu_label = _("Sign-in locks")
    add_to_settings_menu = True
    add_to_reference_index = False
    list_display = ["username", "ip_address", "failures_since_start", "attempt_time"]
    search_fields = ["username", "ip_address"]
    search_backend_name = None
    ordering = ["-attempt_time"]
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields = [
        "username",
        "ip_address",
        "user_agent",
        "path_info",
        "failures_since_start",
        "attempt_time",
    ]
    # Required by the edit view Wagtail builds, which the policy never lets anyone open.
    form_fields = ["username"]
