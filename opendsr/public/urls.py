from django.urls import path

from opendsr.public.views import lead, pages, professional, self_referral

app_name = "public"
urlpatterns = [
    # Open to everyone, no log-in (the middleware's OPEN_PREFIXES): only what an ICB has published.
    path("public/", pages.index, name="index"),
    path("public/<str:ods_code>/", pages.home, name="home"),
    path("public/<str:ods_code>/easy-read/", pages.easy_read, name="easy_read"),
    path("public/<str:ods_code>/privacy/", pages.privacy, name="privacy"),
    path("public/<str:ods_code>/accessibility/", pages.accessibility, name="accessibility"),
    path("public/<str:ods_code>/pictures/<int:easyreadpicture_pk>/", pages.picture_file, name="picture"),
    path("public/<str:ods_code>/refer/", self_referral.start, name="start"),
    path("public/<str:ods_code>/refer/check/", self_referral.check, name="check"),
    path("public/<str:ods_code>/refer/sent/", self_referral.sent, name="sent"),
    path("public/<str:ods_code>/refer/<slug:step>/", self_referral.question, name="question"),
    # A professional without an account: the form, then the link emailed to their work address.
    path("public/<str:ods_code>/professional/", professional.professional, name="professional"),
    path("public/<str:ods_code>/professional/emailed/", professional.emailed, name="professional_emailed"),
    path(
        "public/<str:ods_code>/professional/confirm/<str:token>/",
        professional.confirm,
        name="professional_confirm",
    ),
    # The DSR lead's settings for them.
    path("administration/public-pages/", lead.settings_page, name="settings"),
    path("administration/public-pages/pictures/add/", lead.picture_add, name="picture_add"),
    path(
        "administration/public-pages/pictures/<int:easyreadpicture_pk>/remove/",
        lead.picture_remove,
        name="picture_remove",
    ),
]
