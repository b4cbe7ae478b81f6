"""Escalation to senior managers, mounted at /escalations/."""

from django.urls import path

from opendsr.meetings.views import escalation

app_name = "escalations"
urlpatterns = [
    path("", escalation.escalation_list, name="list"),
    path("export.<str:fmt>", escalation.escalation_export, name="export"),
    path("<int:escalation_pk>/", escalation.escalation_page, name="detail"),
    path("emails/", escalation.email_choice, name="email_choice"),
    path("setup/", escalation.setup_page, name="setup"),
    path("setup/managers/new/", escalation.manager_add, name="manager_add"),
    path("setup/managers/<int:seniormanager_pk>/", escalation.manager_edit, name="manager_edit"),
    path("setup/rules/new/", escalation.rule_add, name="rule_add"),
    path("setup/rules/<int:escalationrule_pk>/", escalation.rule_edit, name="rule_edit"),
]
