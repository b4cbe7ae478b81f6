"""Demo organisations and users. Entirely fictional."""

from __future__ import annotations

import hashlib

from django_otp.plugins.otp_totp.models import TOTPDevice

from opendsr.accounts.models import Organisation, OrganisationKind, Profession, Region, Role, Team, User

DEMO_PASSWORD = "demo-register-2027"
ICB_NAME = "NHS Northdale and Fenwick Integrated Care Board"
OTHER_ICB_NAME = "NHS Westmere Integrated Care Board"

USERS = [
    # email, first, last, role, profession, team key
    ("lead@northdale.example", "Priya", "Shah", Role.DSR_LEAD, Profession.COMMISSIONER, None),
    ("case.manager@northdale.example", "Tom", "Okafor", Role.CASE_MANAGER, Profession.COMMISSIONER, None),
    ("children.cm@northdale.example", "Aisha", "Rahman", Role.CASE_MANAGER, Profession.COMMISSIONER, "cyp"),
    ("clinician@northdale.example", "Gareth", "Lloyd", Role.PROFESSIONAL, Profession.CLINICIAN, "adult"),
    ("social.worker@northdale.example", "Mei", "Chen", Role.PROFESSIONAL, Profession.SOCIAL_WORKER, "cyp"),
    ("panel@northdale.example", "Sam", "Taylor", Role.PANEL_MEMBER, Profession.NONE, None),
    ("oversight@northdale.example", "Helen", "Marsh", Role.OVERSIGHT_PANEL, Profession.NONE, None),
    ("analyst@northdale.example", "Raj", "Patel", Role.ANALYST, Profession.NONE, None),
    ("regional@northdale.example", "Nadia", "Khan", Role.REGIONAL, Profession.NONE, None),
    ("lead@westmere.example", "Olivia", "Grant", Role.DSR_LEAD, Profession.COMMISSIONER, "other"),
]


def demo_key(email: str) -> str:
    """A fixed TOTP key per demo user, so the second factor can be set up once and printed."""
    return hashlib.sha256(f"opendsr-demo:{email}".encode()).hexdigest()[:40]


def load() -> dict:
    icb, _ = Organisation.objects.get_or_create(
        name=ICB_NAME, defaults={"kind": OrganisationKind.ICB, "ods_code": "QZ1"}
    )
    other, _ = Organisation.objects.get_or_create(
        name=OTHER_ICB_NAME, defaults={"kind": OrganisationKind.ICB, "ods_code": "QZ2"}
    )
    for organisation in (icb, other):  # both demo ICBs are in one region, so the regional team sees both
        if not organisation.region:
            organisation.region = Region.NORTH_EAST_YORKSHIRE
            organisation.save()
    partners = {}
    for name, kind in (
        ("Northdale County Council", OrganisationKind.LOCAL_AUTHORITY),
        ("Fenwick City Council", OrganisationKind.LOCAL_AUTHORITY),
        ("Northdale Community Health NHS Trust", OrganisationKind.PROVIDER),
        ("Fenwick Mental Health NHS Foundation Trust", OrganisationKind.PROVIDER),
        ("Riverside Specialist School", OrganisationKind.EDUCATION),
    ):
        partners[name], _ = Organisation.objects.get_or_create(name=name, defaults={"kind": kind, "icb": icb})
    teams = {
        "adult": Team.objects.get_or_create(name="Adult community team", icb=icb)[0],
        "cyp": Team.objects.get_or_create(name="Children and young people's team", icb=icb)[0],
        "other": Team.objects.get_or_create(name="Westmere register team", icb=other)[0],
    }
    users = {}
    for email, first, last, role, profession, team_key in USERS:
        home = other if email.endswith("westmere.example") else icb
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(
                email,
                DEMO_PASSWORD,
                first_name=first,
                last_name=last,
                role=role,
                profession=profession,
                icb=home,
                organisation=home,
                team=teams[team_key] if team_key else None,
            )
        TOTPDevice.objects.get_or_create(
            user=user, name="Demo authenticator", defaults={"key": demo_key(email), "confirmed": True}
        )
        users[email] = user
    return {"icb": icb, "other_icb": other, "teams": teams, "users": users, "partners": partners}
