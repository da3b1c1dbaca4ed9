# (sort key, heading) for the programme tables; an empty key is a column that does not sort.
PROGRAMME_COLUMNS = [
    ("title", "Title"),
    ("status", "Status"),
    ("", "Objectives"),
    ("", "Lead officer"),
    ("start", "Start"),
    ("end", "End"),
    ("budget", "Budget"),
]
