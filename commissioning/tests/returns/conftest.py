"""The grant tests' personas: ``partner_user`` acts for organisation A, ``other_partner`` for B."""

from commissioning.tests.grants.conftest import org_a, org_b, other_partner, partner_user, people  # noqa: F401
