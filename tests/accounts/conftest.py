import pytest


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """These tests make many users; a fast hasher keeps them quick (production keeps Django's default)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
