from django.db.models.signals import post_migrate
from django.dispatch import receiver

from vru.roles import GROUP_NAMES


@receiver(post_migrate)
def ensure_role_groups(sender, using="default", **kwargs):
    """Keep one group per role, so a fresh database has the roles to assign."""
    from django.contrib.auth.models import Group

    if sender.label != "auth":
        return
    for name in GROUP_NAMES.values():
        Group.objects.using(using).get_or_create(name=name)
