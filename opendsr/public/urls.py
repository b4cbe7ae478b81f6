from django.urls import path

from opendsr.public import views

app_name = "public"
urlpatterns = [
    # Open to everyone, no log-in (the middleware's OPEN_PREFIXES): only what an ICB has published.
    path("public/", views.index, name="index"),
    path("public/<str:ods_code>/", views.home, name="home"),
    path("public/<str:ods_code>/easy-read/", views.easy_read, name="easy_read"),
    path("public/<str:ods_code>/privacy/", views.privacy, name="privacy"),
    path("public/<str:ods_code>/accessibility/", views.accessibility, name="accessibility"),
    path("public/<str:ods_code>/pictures/<int:easyreadpicture_pk>/", views.picture_file, name="picture"),
    path("public/<str:ods_code>/refer/", views.start, name="start"),
    path("public/<str:ods_code>/refer/check/", views.check, name="check"),
    path("public/<str:ods_code>/refer/sent/", views.sent, name="sent"),
    path("public/<str:ods_code>/refer/<slug:step>/", views.question, name="question"),
    # The DSR lead's settings for them.
    path("administration/public-pages/", views.settings_page, name="settings"),
    path("administration/public-pages/pictures/add/", views.picture_add, name="picture_add"),
    path(
        "administration/public-pages/pictures/<int:easyreadpicture_pk>/remove/",
        views.picture_remove,
        name="picture_remove",
    ),
]
