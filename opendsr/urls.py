"""URLs: one include per domain app. Each app's own urls.py lists its pages."""

from django.urls import include, path

from opendsr.api import views as api_views
from opendsr.api.v1 import api
from opendsr.web import views as web_views

urlpatterns = [
    path("", include("opendsr.web.urls")),
    path("", include("opendsr.accounts.urls")),
    path("people/", include("opendsr.register.urls")),
    path("", include("opendsr.inpatients.urls")),
    path("", include("opendsr.communication.urls")),
    path("referrals/", include("opendsr.referrals.urls")),
    path("reviews/", include("opendsr.reviews.urls")),
    path("work/", include("opendsr.oversight.urls")),
    path("meetings/", include("opendsr.meetings.urls")),
    path("escalations/", include("opendsr.meetings.escalation_urls")),
    path("figures/", include("opendsr.reporting.urls")),
    path("imports/", include("opendsr.imports.urls")),
    path("", include("opendsr.public.urls")),
    path("account/api-tokens/", include("opendsr.api.urls")),
    path("api/v1/docs", api_views.docs, name="api_docs"),
    path("api/v1/", api.urls),
    path("records/", include("opendsr.records.urls")),
    path("health/", web_views.health, name="health"),
    path("robots.txt", web_views.robots),
]

handler400 = "opendsr.web.views.bad_request"
handler403 = "opendsr.web.views.forbidden"
handler404 = "opendsr.web.views.not_found"
handler500 = "opendsr.web.views.server_error"
