"""Changes to partner organisations, the people who act for them and the invitations that bring people in.

The pages, the API, the admin and the demo data call these functions, so each rule
is written once. Each runs in one transaction: when anything is invalid nothing is
saved, and the ValidationError names the field at fault. Who may call them is for
``partners.permissions``; the rules here are about the data.
"""

import re
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from partners.models import Invitation, Membership, MembershipRole, Organisation, OrganisationType
from vru.roles import GROUP_NAMES, Role, is_vru, roles_of

ORGANISATION_FIELDS = (
    "name",
    "type",
    "charity_number",
    "company_number",
    "csp_borough",
    "address",
    "postcode",
    "website",
)
ORGANISATION_M2M_FIELDS = ("boroughs_served",)

# The shape of a UK postcode (outward code, a space, inward code); GIR 0AA is the one oddity.
POSTCODE = re.compile(r"^([A-Z]{1,2}\d[A-Z\d]?|GIR) ?(\d[A-Z]{2})$")

LAST_ADMIN_MESSAGE = (
    "{name} is the organisation's last admin. Make someone else an organisation admin first, "
    "or ask VRU staff to make the change."
)


def _unknown_fields(fields: dict, allowed) -> None:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"Unexpected fields: {', '.join(sorted(unknown))}")


# --- Organisations -------------------------------------------------------------------


def tidy_number(value: str) -> str:
    """Charity and company numbers as registers print them: no spaces, capital letters."""
    return (value or "").replace(" ", "").upper()


def tidy_postcode(value: str) -> str:
    """A postcode in capitals with one space before the inward code, when it looks like one."""
    compact = (value or "").replace(" ", "").upper()
    match = POSTCODE.match(compact)
    return f"{match.group(1)} {match.group(2)}" if match else (value or "").strip()


def _tidy(organisation: Organisation) -> None:
    # So that "sc 012345" or "se115qy" typed by a partner is stored as the registers print it.
    organisation.name = " ".join(organisation.name.split())
    organisation.charity_number = tidy_number(organisation.charity_number)
    organisation.company_number = tidy_number(organisation.company_number)
    organisation.postcode = tidy_postcode(organisation.postcode)


def _organisation_errors(organisation: Organisation) -> dict[str, str]:
    """The rules beyond each field's own format, in words a partner would use."""
    errors = {}
    others = Organisation.objects.exclude(pk=organisation.pk)
    if organisation.name and others.filter(name__iexact=organisation.name).exists():
        errors["name"] = f"An organisation called {organisation.name} is already in the directory."
    if organisation.postcode and not POSTCODE.match(organisation.postcode):
        errors["postcode"] = "Enter a real postcode, like SE11 5QY."
    if organisation.csp_borough_id:
        if organisation.type != OrganisationType.LOCAL_AUTHORITY:
            errors["csp_borough"] = (
                "Only a local authority or Community Safety Partnership can be a borough's Community Safety "
                "Partnership."
            )
        elif current := others.filter(csp_borough_id=organisation.csp_borough_id).first():
            errors["csp_borough"] = (
                f"{organisation.csp_borough} already has its Community Safety Partnership: {current}."
            )
    return errors


def _save_organisation(organisation: Organisation, *, user, m2m: dict) -> Organisation:
    _tidy(organisation)
    organisation._history_user = user
    errors = _organisation_errors(organisation)
    try:
        organisation.full_clean(exclude=[*ORGANISATION_M2M_FIELDS, *errors])
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    organisation.save()
    for name, values in m2m.items():
        getattr(organisation, name).set(values)
    return organisation


@transaction.atomic
def organisation_create(*, user, **fields) -> Organisation:
    _unknown_fields(fields, ORGANISATION_FIELDS + ORGANISATION_M2M_FIELDS)
    m2m = {name: fields.pop(name, []) for name in ORGANISATION_M2M_FIELDS}
    fields = {name: ("" if value is None and name != "csp_borough" else value) for name, value in fields.items()}
    return _save_organisation(Organisation(**fields), user=user, m2m=m2m)


@transaction.atomic
def organisation_update(*, organisation: Organisation, user, **fields) -> Organisation:
    """Change an organisation. Only VRU staff decide which borough's Community Safety Partnership it is,
    because that is what lets its people write the borough's violence reduction plan."""
    _unknown_fields(fields, ORGANISATION_FIELDS + ORGANISATION_M2M_FIELDS)
    m2m = {name: fields.pop(name) for name in ORGANISATION_M2M_FIELDS if name in fields}
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if "csp_borough" in fields and fields["csp_borough"] != organisation.csp_borough and not is_vru(user):
        raise ValidationError(
            {"csp_borough": "Only VRU staff can change which borough's Community Safety Partnership this is."}
        )
    for name, value in fields.items():
        setattr(organisation, name, "" if value is None and name != "csp_borough" else value)
    return _save_organisation(organisation, user=user, m2m=m2m)


# --- Memberships -------------------------------------------------------------------------


def _is_partner_user(person) -> bool:
    return Role.PARTNER in roles_of(person)


def _locked(membership: Membership) -> Membership:
    """The membership read afresh once its organisation's row is locked until the transaction ends.

    Every change to an organisation's people takes this lock first, so two admins
    removing each other at the same moment are taken one after the other, and the
    second sees that the first has gone.
    """
    Organisation.objects.select_for_update().filter(pk=membership.organisation_id).first()
    try:
        return Membership.objects.select_related("user", "organisation").get(pk=membership.pk)
    except Membership.DoesNotExist:
        raise ValidationError("This person no longer acts for the organisation.") from None


def _check_not_last_admin(membership: Membership, *, user, field: str | None = None) -> None:
    """An organisation admin cannot leave the organisation without an admin; VRU staff may."""
    if is_vru(user) or membership.role != MembershipRole.ADMIN:
        return
    others = Membership.objects.filter(organisation_id=membership.organisation_id, role=MembershipRole.ADMIN).exclude(
        pk=membership.pk
    )
    if not others.exists():
        name = membership.user.get_full_name() or membership.user.get_username()
        message = LAST_ADMIN_MESSAGE.format(name=name)
        raise ValidationError({field: message} if field else message)


@transaction.atomic
def membership_add(*, organisation: Organisation, person, role: str = MembershipRole.CONTRIBUTOR, user) -> Membership:
    """Let an existing partner user act for the organisation (VRU staff do this for someone who has an account)."""
    if not _is_partner_user(person):
        raise ValidationError({"user": "Only partner users can act for an organisation."})
    if Membership.objects.filter(organisation=organisation, user=person).exists():
        raise ValidationError({"user": f"{person.get_full_name() or person.get_username()} is already a member."})
    membership = Membership(organisation=organisation, user=person, role=role)
    membership._history_user = user
    membership.full_clean()
    membership.save()
    return membership


@transaction.atomic
def membership_change_role(*, membership: Membership, role: str, user) -> Membership:
    membership = _locked(membership)
    if membership.role == role:
        return membership
    if role != MembershipRole.ADMIN:
        _check_not_last_admin(membership, user=user, field="role")
    membership.role = role
    membership._history_user = user
    membership.full_clean()
    membership.save()
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership, user) -> None:
    membership = _locked(membership)
    _check_not_last_admin(membership, user=user)
    membership._history_user = user
    membership.delete()


# --- Invitations ----------------------------------------------------------------------------


class InvitationUnusable(Exception):
    """The link's invitation is unknown, expired or already used."""


def existing_account(email: str):
    """The account that signs in with this email address (as its username or its email), if there is one."""
    email = email.strip().lower()
    users = get_user_model().objects
    return users.filter(username__iexact=email).first() or users.filter(email__iexact=email).order_by("pk").first()


def existing_account_error(email: str) -> ValidationError | None:
    """For VRU administrators in the admin: someone who already has an account is added, not invited."""
    email = email.strip().lower()
    if existing_account(email) is not None:
        return ValidationError(
            {"email": f"{email} already has an account: ask a VRU administrator to add them to the organisation."}
        )
    return None


def _send_invitation_email(invitation: Invitation, link: str) -> None:
    # Someone who already has an account is asked to sign in and accept; anyone else to choose a password.
    context = {
        "invitation": invitation,
        "link": link,
        "inviter": invitation.invited_by.get_full_name() or invitation.invited_by.get_username(),
        "valid_days": settings.INVITATION_VALID_DAYS,
        "has_account": existing_account(invitation.email) is not None,
    }
    subject = " ".join(render_to_string("emails/invitation_subject.txt", context).split())
    body = render_to_string("emails/invitation.txt", context)
    send_mail(subject, body, None, [invitation.email])


@transaction.atomic
def invitation_send(
    *,
    organisation: Organisation,
    user,
    email: str,
    first_name: str,
    last_name: str,
    role: str = MembershipRole.CONTRIBUTOR,
    link_for: Callable[[str], str],
) -> Invitation:
    """Invite someone by email to set a password and join the organisation.

    ``link_for`` turns the token into the absolute link for the email (the page
    builds it from the request). The email goes once the transaction has committed,
    so nobody receives a link that was rolled back. An invitation to the same
    address that was never accepted is replaced, so its old link stops working.

    Whether the address already has an account changes nothing the inviter sees:
    that person gets an email asking them to sign in and accept instead.
    """
    email = email.strip().lower()
    person = existing_account(email)
    if person is not None and Membership.objects.filter(organisation=organisation, user=person).exists():
        # The inviter sees the organisation's people already: this tells them nothing new.
        raise ValidationError({"email": f"{email} already acts for {organisation.name}."})
    invitation = (
        Invitation.objects.select_for_update()
        .filter(organisation=organisation, email=email, accepted_at__isnull=True)
        .first()
    ) or Invitation(organisation=organisation, email=email)
    token, invitation.token_hash = Invitation.new_token()
    invitation.first_name = first_name.strip()
    invitation.last_name = last_name.strip()
    invitation.role = role
    invitation.invited_by = user
    invitation.expires_at = timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS)
    invitation.full_clean(exclude=["token_hash"], validate_constraints=False)
    invitation.save()
    link = link_for(token)
    transaction.on_commit(lambda: _send_invitation_email(invitation, link))
    return invitation


@transaction.atomic
def invitation_resend(*, invitation: Invitation, user, link_for: Callable[[str], str]) -> Invitation:
    """A fresh link for an invitation not yet accepted, valid for the full period again."""
    if invitation.accepted_at is not None:
        raise ValidationError("This invitation has been accepted already.")
    return invitation_send(
        organisation=invitation.organisation,
        user=user,
        email=invitation.email,
        first_name=invitation.first_name,
        last_name=invitation.last_name,
        role=invitation.role,
        link_for=link_for,
    )


@transaction.atomic
def invitation_cancel(*, invitation: Invitation, user) -> None:
    """Withdraw an invitation not yet accepted: its link stops working."""
    if invitation.accepted_at is not None:
        raise ValidationError("This invitation has been accepted already.")
    invitation.delete()


def usable_invitation(token: str) -> Invitation:
    """The invitation a link's token opens, or ``InvitationUnusable``."""
    invitation = (
        Invitation.objects.usable()
        .select_related("organisation")
        .filter(token_hash=Invitation.hash_token(token or ""))
        .first()
    )
    if invitation is None:
        raise InvitationUnusable
    return invitation


def invited_user(invitation: Invitation):
    """The account the invitation would create, unsaved: the password validators compare the password with it."""
    return get_user_model()(
        username=invitation.email.lower(),
        email=invitation.email.lower(),
        first_name=invitation.first_name,
        last_name=invitation.last_name,
    )


@transaction.atomic
def invitation_accept(*, token: str, password: str):
    """Create the invited person's account with their chosen password, and their membership.

    Raises ``InvitationUnusable`` for a link that is unknown, expired or used (the
    row is locked, so a link clicked twice at once is used once), and a
    ValidationError keyed ``password`` for a password the validators refuse.
    """
    invitation = (
        Invitation.objects.usable().select_for_update().filter(token_hash=Invitation.hash_token(token or "")).first()
    )
    if invitation is None:
        raise InvitationUnusable
    person = invited_user(invitation)
    if existing_account_error(person.email):
        raise ValidationError(
            f"{person.email} has an account already: sign in with it, or reset its password if you have forgotten it."
        )
    try:
        password_validation.validate_password(password, person)
    except ValidationError as error:
        raise ValidationError({"password": error.messages}) from None
    person.set_password(password)
    person.save()
    _join(invitation, person)
    return person


def _join(invitation: Invitation, person) -> Membership:
    """The invited person acts for the organisation (once), and the invitation is used up."""
    person.groups.add(Group.objects.get(name=GROUP_NAMES[Role.PARTNER]))
    membership = Membership.objects.filter(organisation=invitation.organisation, user=person).first()
    if membership is None:
        membership = Membership(organisation=invitation.organisation, user=person, role=invitation.role)
        membership._history_user = person
        membership.save()
    invitation.accepted_at = timezone.now()
    invitation.user = person
    invitation.save(update_fields=["accepted_at", "user"])
    return membership


def invitation_account(invitation: Invitation):
    """The account an invitation is for when its address already has one, else None."""
    return existing_account(invitation.email)


@transaction.atomic
def invitation_accept_signed_in(*, token: str, user) -> Membership:
    """The invited person, signed in with the account their address already has, joins the organisation.

    Raises ``InvitationUnusable`` as ``invitation_accept`` does, and a ValidationError
    when the account is not the one invited or cannot act for an organisation.
    """
    invitation = (
        Invitation.objects.usable().select_for_update().filter(token_hash=Invitation.hash_token(token or "")).first()
    )
    if invitation is None:
        raise InvitationUnusable
    if invitation_account(invitation) != user:
        raise ValidationError(f"This invitation is for {invitation.email}: sign in with that account to accept it.")
    if roles_of(user) - {Role.PARTNER}:
        raise ValidationError(
            "Your account is a VRU or PRG account, which cannot act for an organisation: ask VRU staff for another."
        )
    return _join(invitation, user)
