"""Population indicators' figures: reading a CSV file of them, importing it all or nothing, and the task
that runs an upload in the background.

- ``parsing``: the file's format and every check on it, without touching the figures;
- ``importing``: the services that record an upload and apply it;
- ``tasks``: the Celery task the upload page and the API enqueue.
"""
