from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    """Files under MEDIA_ROOT with no URL: a view checks who asks before serving them.

    No ``location`` is given, so it follows settings.MEDIA_ROOT, including a
    test's override of it.
    """

    def url(self, name):
        raise ValueError("Private files have no URL; serve them through a view that checks who asks.")


_private_storage = PrivateStorage()


def private_storage() -> PrivateStorage:
    """A callable, so migrations refer to it rather than to one machine's MEDIA_ROOT."""
    return _private_storage
