"""The core's place in the Wagtail admin: sign-in locks under Settings."""

from axes.models import AccessAttempt
from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .admin_views import SignInLockPolicy, SignInLockViewSet

register_permission_policy(AccessAttempt, SignInLockPolicy(AccessAttempt))


@hooks.register("register_admin_viewset")
def register_sign_in_locks():
    return SignInLockViewSet()
