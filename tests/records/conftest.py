import pytest

from opendsr.accounts.models import Role


@pytest.fixture
def other_lead(make_user, other_icb):
    return make_user(Role.DSR_LEAD, icb=other_icb, first_name="Olu", last_name="Other")
