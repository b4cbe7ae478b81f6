"""A user's own API tokens, under /account/api-tokens/."""

from django.urls import path

from opendsr.api import views

app_name = "api"
urlpatterns = [
    path("", views.tokens, name="tokens"),
    path("new/", views.token_new, name="token_new"),
    path("revoke/", views.token_revoke, name="token_revoke"),
]
