"""The 360Giving records flattened to one row a grant, under the Data Standard's column titles.

The titles are the schema's own (``title`` of each field, joined by ``:``), as
360Giving's spreadsheet template and its flatten-tool write them: an array that
always holds one item is rolled up (``Recipient Org:Identifier``), one that may
hold several is numbered (``Beneficiary Location:0:Name``).
"""

from collections.abc import Sequence

# (field, title) of the grant's own fields, in the template's order.
GRANT_FIELDS = [
    ("id", "Identifier"),
    ("title", "Title"),
    ("description", "Description"),
    ("currency", "Currency"),
    ("amountAppliedFor", "Amount Applied For"),
    ("amountAwarded", "Amount Awarded"),
    ("amountDisbursed", "Amount Disbursed"),
    ("awardDate", "Award Date"),
    ("url", "URL"),
]
# Arrays that hold exactly one item in this export: (array, array title, [(field, title)]).
ROLLED_UP = [
    (
        "plannedDates",
        "Planned Dates",
        [("startDate", "Start Date"), ("endDate", "End Date"), ("duration", "Duration (months)")],
    ),
    (
        "recipientOrganization",
        "Recipient Org",
        [
            ("id", "Identifier"),
            ("name", "Name"),
            ("charityNumber", "Charity Number"),
            ("companyNumber", "Company Number"),
            ("streetAddress", "Street Address"),
            ("postalCode", "Postal Code"),
            ("addressCountry", "Country"),
            ("url", "Web Address"),
        ],
    ),
    ("fundingOrganization", "Funding Org", [("id", "Identifier"), ("name", "Name")]),
    ("grantProgramme", "Grant Programme", [("code", "Code"), ("title", "Title")]),
]
# Arrays that may hold several items: numbered columns, as many as the longest needs.
NUMBERED = [
    (
        "beneficiaryLocation",
        "Beneficiary Location",
        [
            ("name", "Name"),
            ("countryCode", "Country Code"),
            ("geoCode", "Geographic Code"),
            ("geoCodeType", "Geographic Code Type"),
        ],
    ),
    ("classifications", "Classifications", [("vocabulary", "Vocabulary"), ("code", "Code"), ("title", "Title")]),
]
TRAILING_FIELDS = [
    ("fromOpenCall", "From An Open Call?"),
    ("locationScope", "Location Scope"),
    ("dataSource", "Data Source"),
    ("dateModified", "Last Modified"),
]


def _columns(records: Sequence[dict]) -> list[tuple[tuple, str]]:
    """(path into a record, column title) for every column, the numbered ones as many as needed (at least one)."""
    columns = [((field,), title) for field, title in GRANT_FIELDS]
    for array, array_title, fields in ROLLED_UP:
        columns += [((array, 0, field), f"{array_title}:{title}") for field, title in fields]
    for array, array_title, fields in NUMBERED:
        count = max([len(record.get(array, [])) for record in records] + [1])
        for index in range(count):
            columns += [((array, index, field), f"{array_title}:{index}:{title}") for field, title in fields]
    columns += [((field,), title) for field, title in TRAILING_FIELDS]
    return columns


def _value(record: dict, path: tuple):
    value = record
    for step in path:
        try:
            value = value[step]
        except (KeyError, IndexError):
            return None
    return value


def flatten(records: Sequence[dict]) -> tuple[list[str], list[list]]:
    """The column titles and one row a record; a field a record lacks is an empty cell."""
    columns = _columns(records)
    headers = [title for _path, title in columns]
    rows = [[_value(record, path) for path, _title in columns] for record in records]
    return headers, rows
