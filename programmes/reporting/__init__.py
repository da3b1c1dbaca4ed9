"""The performance report: its periods, figures, pictures, exports and how Celery builds it."""
