"""Every check on a figures file: each bad row reported with its row, column and exact message, and
nothing imported when any row is bad."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from programmes.models import ImportStatus, PopulationFigure
from programmes.population.importing import population_import_create, population_import_run
from programmes.population.parsing import describe, parse_figures, read_csv_bytes
from programmes.tests.population.conftest import ADMISSIONS, HOMICIDES, KNIFE, LAMBETH, SOUTHWARK, TODAY, csv_text

pytestmark = pytest.mark.django_db


def parse(text, today=TODAY):
    return parse_figures(text, today=today)


def only_error(text, today=TODAY) -> dict:
    result = parse(text, today)
    assert len(result.errors) == 1, result.errors
    assert result.figures == []
    return result.errors[0]


def test_a_good_file_gives_every_figure_with_its_period(indicators):
    result = parse(
        csv_text(
            (KNIFE, LAMBETH, "2025-04", "7"),
            (KNIFE, SOUTHWARK, "2025-04", "12.5"),
            (ADMISSIONS, LAMBETH, "2025-26 Q1", "0"),
        )
    )

    assert result.errors == []
    assert result.total_rows == 3
    knife, southwark, admissions = result.figures
    assert (knife.row, knife.period_start, knife.period_end, knife.value) == (
        2,
        date(2025, 4, 1),
        date(2025, 4, 30),
        Decimal("7.00"),
    )
    assert knife.indicator_id == indicators[KNIFE].pk
    assert southwark.value == Decimal("12.50")
    assert (admissions.period_start, admissions.period_end) == (date(2025, 4, 1), date(2025, 6, 30))


def test_columns_may_come_in_any_order_with_spaces_and_a_byte_order_mark(indicators):
    text = "\ufeffValue, period ,BOROUGH_CODE,indicator\n 3 , 2025-05 , e09000022 , Homicides \n"

    result = parse(text)

    assert result.errors == []
    (figure,) = result.figures
    assert (figure.indicator_id, figure.period_start, figure.value) == (
        indicators[HOMICIDES].pk,
        date(2025, 5, 1),
        Decimal("3.00"),
    )


@pytest.mark.parametrize(
    ("row", "column", "message"),
    [
        ((KNIFE, "E09000099", "2025-04", "3"), "borough_code", "'E09000099' is not a London borough's ONS code."),
        ((KNIFE, "", "2025-04", "3"), "borough_code", "The borough code is missing."),
        (
            ("knife-crime", LAMBETH, "2025-04", "3"),
            "indicator",
            "'knife-crime' is not a population indicator's code. The codes are: homicides, "
            "hospital-admissions-sharp-object, knife-crime-injury-victims-u25, violence-against-the-person.",
        ),
        (("", LAMBETH, "2025-04", "3"), "indicator", "The indicator is missing."),
        (
            (KNIFE, LAMBETH, "2025-26 Q1", "3"),
            "period",
            "'2025-26 Q1' is not a month. Knife crime with injury victims under 25 is a monthly figure: "
            "write its period as YYYY-MM, such as 2025-04.",
        ),
        (
            (KNIFE, LAMBETH, "2025-13", "3"),
            "period",
            "'2025-13' is not a month. Knife crime with injury victims under 25 is a monthly figure: "
            "write its period as YYYY-MM, such as 2025-04.",
        ),
        (
            (ADMISSIONS, LAMBETH, "2025-04", "3"),
            "period",
            "'2025-04' is not a financial quarter. Hospital admissions for assault with a sharp object is a "
            "quarterly figure: write its period as YYYY-YY Qn, such as 2025-26 Q1.",
        ),
        (
            ("no-such-thing", LAMBETH, "April 2025", "3"),
            "period",
            "'April 2025' is not a period: write a month as YYYY-MM (such as 2025-04) or a financial quarter "
            "as YYYY-YY Qn (such as 2025-26 Q1).",
        ),
        ((KNIFE, LAMBETH, "", "3"), "period", "The period is missing."),
        (
            (KNIFE, LAMBETH, "2027-03", "3"),
            "period",
            "2027-03 has not ended yet: only figures for periods that have ended can be imported.",
        ),
        (
            (KNIFE, LAMBETH, "2025-11", "3"),
            "period",
            "2025-11 has not ended yet: only figures for periods that have ended can be imported.",
        ),
        (
            (ADMISSIONS, LAMBETH, "2025-26 Q3", "3"),
            "period",
            "2025-26 Q3 has not ended yet: only figures for periods that have ended can be imported.",
        ),
        (
            (KNIFE, LAMBETH, "2000-03", "3"),
            "period",
            "2000-03 is before April 2000: only figures from April 2000 on can be imported.",
        ),
        ((KNIFE, LAMBETH, "2025-04", ""), "value", "The value is missing."),
        (
            (KNIFE, LAMBETH, "2025-04", "abc"),
            "value",
            "'abc' is not a number: write a figure such as 12 or 12.5, without commas.",
        ),
        (
            (KNIFE, LAMBETH, "2025-04", "NaN"),
            "value",
            "'NaN' is not a number: write a figure such as 12 or 12.5, without commas.",
        ),
        (
            (KNIFE, LAMBETH, "2025-04", '"1,234"'),
            "value",
            "'1,234' is not a number: write a figure such as 12 or 12.5, without commas.",
        ),
        ((KNIFE, LAMBETH, "2025-04", "-3"), "value", "-3 is negative: a figure cannot be less than 0."),
        ((KNIFE, LAMBETH, "2025-04", "1.234"), "value", "1.234 has more than 2 decimal places."),
        (
            (KNIFE, LAMBETH, "2025-04", "1000000000000"),
            "value",
            "1000000000000 is too large: a figure must be less than 1,000,000,000,000.",
        ),
    ],
)
def test_each_bad_cell_is_reported_with_its_row_column_and_reason(indicators, row, column, message):
    result = parse(csv_text(row))

    assert {"row": 2, "column": column, "message": message} in result.errors
    # Only that cell is wrong, or (an unknown indicator with a bad period) that cell and the indicator.
    assert {error["column"] for error in result.errors} <= {column, "indicator"}
    assert result.figures == []


def test_a_period_ending_today_has_not_ended(indicators):
    error = only_error(csv_text((KNIFE, LAMBETH, "2025-10", "1")), today=date(2025, 10, 31))

    assert error["message"] == "2025-10 has not ended yet: only figures for periods that have ended can be imported."
    assert parse(csv_text((KNIFE, LAMBETH, "2025-10", "1")), today=date(2025, 11, 1)).errors == []


def test_april_2000_is_the_first_period_that_can_be_imported(indicators):
    assert parse(csv_text((KNIFE, LAMBETH, "2000-04", "1"))).errors == []


def test_a_repeated_row_is_reported_on_the_second_naming_the_first(indicators):
    result = parse(
        csv_text(
            (KNIFE, LAMBETH, "2025-04", "3"),
            (KNIFE, SOUTHWARK, "2025-04", "4"),
            (KNIFE, "e09000022", "2025-04", "5"),
        )
    )

    assert result.errors == [
        {"row": 4, "column": None, "message": "This row repeats row 2: the same indicator, borough and period."}
    ]


def test_every_bad_row_is_reported_not_just_the_first(indicators):
    result = parse(
        csv_text(
            (KNIFE, LAMBETH, "2025-04", "3"),
            (KNIFE, "E09000099", "2025-04", "-1"),
            (HOMICIDES, LAMBETH, "2025-04", "1"),
            (ADMISSIONS, LAMBETH, "2025-04", "x"),
        )
    )

    assert [(error["row"], error["column"]) for error in result.errors] == [
        (3, "borough_code"),
        (3, "value"),
        (5, "period"),
        (5, "value"),
    ]
    assert describe(result.errors[0]) == "Row 3, borough_code: 'E09000099' is not a London borough's ONS code."


def test_a_long_list_of_problems_is_cut_short_with_how_many_more(indicators):
    rows = [(KNIFE, "E09000099", "2025-04", "1")] * 600

    result = parse(csv_text(*rows))

    errors = result.capped_errors()
    assert len(errors) == 501
    assert errors[499]["row"] == 501
    assert errors[-1] == {"row": None, "column": None, "message": "…and 100 more problems."}


def test_blank_lines_are_skipped_but_rows_keep_the_files_numbers(indicators):
    text = csv_text((KNIFE, LAMBETH, "2025-04", "3"), "", ",,,", (KNIFE, "nowhere", "2025-04", "3"))

    result = parse(text)

    assert result.total_rows == 2
    assert result.errors == [
        {"row": 5, "column": "borough_code", "message": "'nowhere' is not a London borough's ONS code."}
    ]


def test_a_row_with_more_cells_than_the_header_is_refused(indicators):
    error = only_error(csv_text((KNIFE, LAMBETH, "2025-04", "3", "note")))

    assert error == {"row": 2, "column": None, "message": "This row has 5 cells but the header has 4: remove the rest."}


def test_a_trailing_empty_cell_is_harmless(indicators):
    assert parse(csv_text(f"{KNIFE},{LAMBETH},2025-04,3,")).errors == []


@pytest.mark.parametrize(
    ("text", "errors"),
    [
        (
            "",
            [
                {
                    "row": 1,
                    "column": None,
                    "message": "The file has no header row: its first row must be indicator,borough_code,period,value.",
                }
            ],
        ),
        (
            "\nhomicides,E09000022,2025-04,1\n",
            [
                {
                    "row": 1,
                    "column": None,
                    "message": "The file has no header row: its first row must be indicator,borough_code,period,value.",
                }
            ],
        ),
        (
            "indicator,borough_code,period,value\n",
            [{"row": None, "column": None, "message": "The file has a header row but no figures below it."}],
        ),
        (
            "indicator,borough,period,value,notes\nhomicides,E09000022,2025-04,1,x\n",
            [
                {
                    "row": 1,
                    "column": "borough_code",
                    "message": "The header row has no borough_code column. "
                    "The file needs indicator,borough_code,period,value.",
                },
                {
                    "row": 1,
                    "column": "borough",
                    "message": "'borough' is not a column this import reads: remove it. "
                    "The columns are indicator, borough_code, period and value.",
                },
                {
                    "row": 1,
                    "column": "notes",
                    "message": "'notes' is not a column this import reads: remove it. "
                    "The columns are indicator, borough_code, period and value.",
                },
            ],
        ),
        (
            "indicator,borough_code,period,value,value\n",
            [{"row": 1, "column": "value", "message": "The value column appears more than once in the header row."}],
        ),
        (
            "indicator,borough_code,,period,value\n",
            [
                {
                    "row": 1,
                    "column": None,
                    "message": "Column 3 of the header row has no name: the columns are "
                    "indicator, borough_code, period and value.",
                }
            ],
        ),
    ],
    ids=["empty", "blank first line", "header only", "wrong and extra columns", "repeated column", "unnamed"],
)
def test_a_file_without_the_right_header_is_refused_before_its_rows(indicators, text, errors):
    result = parse(text)

    assert result.errors == errors
    assert result.figures == []


def test_text_that_is_not_csv_is_reported_not_raised(indicators):
    # A quote left open swallows the rest of the file into one enormous cell.
    text = 'indicator,borough_code,period,value\nhomicides,E09000022,"2025-04,1\n' + "x" * 200_000

    result = parse(text)

    assert result.errors == [
        {
            "row": 2,
            "column": None,
            "message": "This row cannot be read as CSV (field larger than field limit (131072)): "
            "look for a quote mark that is not closed.",
        }
    ]


def test_progress_is_reported_as_rows_are_checked(indicators):
    seen = []
    rows = [(KNIFE, LAMBETH, f"2024-{month:02d}", month) for month in range(1, 13)]

    parse_figures(
        csv_text(*rows), today=TODAY, on_progress=lambda done, total: seen.append((done, total)), progress_every=5
    )

    assert seen == [(5, 12), (10, 12), (12, 12)]


# --- Reading the uploaded bytes --------------------------------------------------------------------


def test_utf8_with_a_byte_order_mark_is_read():
    assert read_csv_bytes("\ufeffindicator,value\n£".encode(), file_name="figures.CSV") == "indicator,value\n£"


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (
            b"a,b\n",
            "figures.xlsx",
            "The selected file must be a CSV file: save the spreadsheet as “CSV UTF-8” and upload that.",
        ),
        (b"", "figures.csv", "The selected file is empty."),
        (b" \n\n", "figures.csv", "The selected file is empty."),
        (
            "indicator\nCôte".encode("latin-1"),
            "figures.csv",
            "The selected file is not UTF-8 text: save it as “CSV UTF-8” and try again.",
        ),
        (b"PK\x03\x04\x00\x00", "figures.csv", "The selected file must be a CSV file: this one holds binary data."),
    ],
    ids=["not csv", "empty", "blank", "latin-1", "binary"],
)
def test_a_file_that_cannot_be_read_says_why(data, name, message):
    with pytest.raises(ValidationError) as caught:
        read_csv_bytes(data, file_name=name)

    assert caught.value.messages == [message]


def test_a_file_over_the_size_limit_is_refused(settings):
    settings.POPULATION_IMPORT_MAX_BYTES = 1024

    with pytest.raises(ValidationError) as caught:
        read_csv_bytes(b"x" * 1025, file_name="figures.csv")

    assert caught.value.messages == [
        "The selected file must be smaller than 1 KB: split it into several files and import each."
    ]


# --- All or nothing --------------------------------------------------------------------------------


def test_one_bad_row_and_nothing_is_imported(indicators):
    text = csv_text(
        (KNIFE, LAMBETH, "2025-04", "3"),
        (KNIFE, SOUTHWARK, "2025-04", "4"),
        (HOMICIDES, "E09000099", "2025-04", "1"),
    )
    upload = population_import_create(file_name="figures.csv", content=text, send=False)

    upload = population_import_run(upload.pk, today=TODAY)

    assert upload.status == ImportStatus.FAILED
    assert upload.errors == [
        {"row": 4, "column": "borough_code", "message": "'E09000099' is not a London borough's ONS code."}
    ]
    assert (upload.created_count, upload.updated_count, upload.unchanged_count) == (0, 0, 0)
    assert upload.total_rows == 3
    assert not PopulationFigure.objects.exists()
