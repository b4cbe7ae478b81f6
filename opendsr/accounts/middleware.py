"""Every page needs a log-in with both factors: password, then a TOTP code."""

from django.shortcuts import redirect
from django.urls import reverse

OPEN_PREFIXES = ("/login", "/static/", "/assets/", "/health", "/favicon.ico", "/robots.txt")


class RequireVerifiedLoginMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path
        if not path.startswith(OPEN_PREFIXES):
            user = request.user
            if not user.is_authenticated:
                return redirect(f"{reverse('accounts:login')}?next={request.get_full_path()}")
            if not user.is_verified():
                return redirect("accounts:verify")
        return self.get_response(request)
