"""Given a case manager on a phone (375 pixels wide), when they open the register and a referral, then every
table fits the screen: no page scrolls sideways."""

from opendsr.accounts.models import Role
from opendsr.referrals import services as referral_services
from opendsr.register.services.people import create_person

PHONE = {"width": 375, "height": 812}


def overflow(page) -> int:
    """How many pixels the page is wider than the screen."""
    return page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")


def test_the_register_and_referral_timescales_fit_a_phone(journey, make_user, icb, today):
    case_manager = make_user(Role.CASE_MANAGER)
    for given, family in (("Robin", "Hale-Montgomery-Fitzwilliam"), ("Ada", "Ash")):
        create_person(
            icb=icb,
            by=case_manager,
            given_name=given,
            family_name=family,
            date_of_birth=today.replace(year=today.year - 30),
            diagnosis="autistic",
            status="active",
        )
    referral = referral_services.record_referral(
        icb=icb,
        by=case_manager,
        person_fields={
            "given_name": "Sam",
            "family_name": "Stone",
            "date_of_birth": today.replace(year=today.year - 17),
            "diagnosis": "autistic",
        },
        received_on=today,
        source="professional",
        channel="email",
        reason="Placement at risk of breaking down",
    )
    page = journey.page
    page.set_viewport_size(PHONE)
    journey.log_in(case_manager)

    journey.go("/people/")
    assert "Hale-Montgomery-Fitzwilliam" in page.inner_text("main")
    assert overflow(page) <= 0
    journey.check("register-list-on-a-phone")

    journey.go(f"/referrals/{referral.pk}/")
    assert "Timescales" in page.inner_text("main")
    assert overflow(page) <= 0
    journey.check("referral-timescales-on-a-phone")
