"""Two-factor login for the clinical reviewers: whoever can publish rules must verify a TOTP code.

Self-contained on purpose: the admin site stays Django's own, and a middleware sends a publisher
who has signed in with a password only to one extra step, /admin/verify/, before any admin page.
An administrator sets up the device with `manage.py add_totp_device USERNAME`.
"""

import django_otp
from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_otp.forms import OTPTokenForm

PUBLISH_PERMISSION = "triage.publish_rulesetversion"


def needs_otp(user):
    return (
        settings.OTP_REQUIRED_FOR_PUBLISHERS
        and user.is_authenticated
        and user.has_perm(PUBLISH_PERMISSION)
        and not user.is_verified()
    )


class ReviewerOTPMiddleware:
    """Send a publisher who has not verified a code to the verify step, from any admin page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        admin_root = reverse("admin:index")
        exempt = (reverse("otp-verify"), reverse("admin:login"), reverse("admin:logout"))
        if (
            request.path.startswith(admin_root)
            and request.path not in exempt
            and needs_otp(request.user)
        ):
            return redirect_to_login(request.get_full_path(), login_url=reverse("otp-verify"))
        return self.get_response(request)


@never_cache
@require_http_methods(["GET", "POST"])
def verify(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), login_url=reverse("admin:login"))
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = reverse("admin:index")
    if not needs_otp(request.user):
        return redirect(next_url)
    has_device = django_otp.user_has_device(request.user)
    data = request.POST if request.method == "POST" else None
    form = OTPTokenForm(request.user, request, data=data)
    if request.method == "POST" and form.is_valid():
        django_otp.login(request, request.user.otp_device)
        return redirect(next_url)
    context = {
        "title": "Enter your verification code",
        "form": form,
        "next": next_url,
        "has_device": has_device,
        "site_header": "Back pain check",
    }
    return render(request, "admin/otp_verify.html", context, status=200 if has_device else 403)
