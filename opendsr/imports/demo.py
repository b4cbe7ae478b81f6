"""Demo imports: one finished (its people on the register, its report and undo to try) and one waiting at the
preview with a rejected row and a possible match, as a DSR lead would find them. Safe to run twice."""

from __future__ import annotations

from opendsr.imports import reading, services
from opendsr.imports.models import RegisterImport
from opendsr.register.models import Person
from opendsr.register.nhs_numbers import test_range

HEADERS = [
    "NHS No.",
    "Forename",
    "Surname",
    "D.O.B.",
    "Current RAG",
    "Date added to DSR",
    "Consent date",
    "Date of last C(E)TR",
    "Diagnosis",
    "Keyworker",
    "GP surgery",
]
FINISHED = [
    (
        "Harriet",
        "Oduya",
        "14/02/1991",
        "Amber",
        "03/03/2025",
        "03/03/2025",
        "10/09/2026",
        "LD",
        "",
        "Dale Surgery",
    ),
    (
        "Kit",
        "Lindqvist",
        "9/7/08",
        "green",
        "12/05/2026",
        "12/05/2026",
        "",
        "Autism",
        "Sam Reed",
        "Moor Practice",
    ),
    ("Ruben", "Achterberg", "1987-11-30", "RED", "20/01/2026", "", "", "LD and autism", "", ""),
]


def _sheet(rows, numbers) -> reading.Sheet:
    return reading.Sheet(
        headers=HEADERS,
        rows=[(number, [next(numbers), *cells]) for number, cells in enumerate(rows, start=2)],
    )


def load(context: dict) -> dict:
    icb, users = context["icb"], context["users"]
    if RegisterImport.objects.filter(icb=icb).exists():
        return context
    lead = users.get("lead@northdale.example")
    if lead is None:
        return context
    taken = set(Person.objects.exclude(nhs_number="").values_list("nhs_number", flat=True))
    numbers = (n for n in test_range(400_000) if n not in taken)

    finished = services.upload(
        icb=icb, by=lead, sheet=_sheet(FINISHED, numbers), file_name="northdale-dsr-2026.csv"
    )
    finished = services.start(register_import=finished, by=lead, excluded=[], decisions={})
    services.run(finished.pk)

    someone = (
        Person.objects.filter(icb=icb, status="active")
        .exclude(pk__in=finished.people.values("person"))
        .first()
    )
    waiting_rows = [
        ("Imogen", "Castellano", "22/10/1999", "amber", "01/02/2026", "01/02/2026", "", "ASC", "", ""),
        (
            "Theo",
            "Marchetti",
            "31/02/2001",
            "Purple",
            "",
            "",
            "",
            "LD",
            "",
            "",
        ),  # an impossible date, an unknown rating
    ]
    if someone is not None:  # the same name and date of birth as someone on the register, another NHS number
        born = someone.date_of_birth.strftime("%d/%m/%Y")
        waiting_rows.append(
            (someone.given_name, someone.family_name, born, "green", "", "", "", "LD", "", "")
        )
    services.upload(
        icb=icb, by=lead, sheet=_sheet(waiting_rows, numbers), file_name="east-locality-register.xlsx"
    )
    return context
