"""Which people a C(E)TR panel member may see: those whose review they sit on."""

from django.db.models import QuerySet


def people_ids_for_panel_member(user) -> QuerySet | list:
    from opendsr.register.models import Person

    return Person.objects.none().values("pk")
