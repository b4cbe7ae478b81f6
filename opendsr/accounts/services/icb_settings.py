"""Changing the ICB's settings, and telling the rooms above that listen for it."""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction

from opendsr.accounts import audit
from opendsr.accounts.models import SELF_CONSENT_AGES, Organisation, User
from opendsr.accounts.services.common import AccountError

# The rooms above accounts act on a change to an ICB's settings (the register recomputes its people's
# obligations when the self-consent age changes): each registers a listener at start-up, in its AppConfig.ready,
# called in the same transaction as the change with the ICB and {setting: (before, after)}.
SettingsListener = Callable[..., None]
_settings_listeners: list[SettingsListener] = []


def on_icb_settings_changed(listener: SettingsListener) -> None:
    if listener not in _settings_listeners:
        _settings_listeners.append(listener)


@transaction.atomic
def update_icb_settings(
    *,
    by: User,
    consent_age_rule: str,
    reminder_days_default: int,
    self_consent_age: int | None = None,
    request=None,
):
    icb = Organisation.objects.select_for_update().get(pk=by.icb_id)
    if self_consent_age is None:
        self_consent_age = icb.self_consent_age
    if self_consent_age not in SELF_CONSENT_AGES:
        raise AccountError(
            f"The age from which people give consent themselves must be between {SELF_CONSENT_AGES[0]} "
            f"and {SELF_CONSENT_AGES[-1]}",
            field="self_consent_age",
        )
    before = {
        "consent_age_rule": icb.consent_age_rule,
        "reminder_days_default": icb.reminder_days_default,
        "self_consent_age": icb.self_consent_age,
    }
    icb.consent_age_rule = consent_age_rule
    icb.reminder_days_default = reminder_days_default
    icb.self_consent_age = self_consent_age
    icb.save()
    after = {
        "consent_age_rule": consent_age_rule,
        "reminder_days_default": reminder_days_default,
        "self_consent_age": self_consent_age,
    }
    audit.record(
        by,
        "settings.changed",
        request=request,
        summary="Changed the ICB settings",
        detail={
            "before": before,
            "consent_age_rule": consent_age_rule,
            "reminder_days": reminder_days_default,
            "self_consent_age": self_consent_age,
        },
    )
    changed = {name: (before[name], after[name]) for name in before if before[name] != after[name]}
    if changed:
        for listener in _settings_listeners:
            listener(icb=icb, changed=changed)
    return icb
