"""London's 32 boroughs and the City of London, and the Met's 12 Basic Command Units.

ONS local authority codes E09000001 (City of London) to E09000033 (Westminster).
The City of London has its own police force, so it belongs to no BCU.
"""

from django.db import migrations

BOROUGHS = [
    ("E09000001", "City of London"),
    ("E09000002", "Barking and Dagenham"),
    ("E09000003", "Barnet"),
    ("E09000004", "Bexley"),
    ("E09000005", "Brent"),
    ("E09000006", "Bromley"),
    ("E09000007", "Camden"),
    ("E09000008", "Croydon"),
    ("E09000009", "Ealing"),
    ("E09000010", "Enfield"),
    ("E09000011", "Greenwich"),
    ("E09000012", "Hackney"),
    ("E09000013", "Hammersmith and Fulham"),
    ("E09000014", "Haringey"),
    ("E09000015", "Harrow"),
    ("E09000016", "Havering"),
    ("E09000017", "Hillingdon"),
    ("E09000018", "Hounslow"),
    ("E09000019", "Islington"),
    ("E09000020", "Kensington and Chelsea"),
    ("E09000021", "Kingston upon Thames"),
    ("E09000022", "Lambeth"),
    ("E09000023", "Lewisham"),
    ("E09000024", "Merton"),
    ("E09000025", "Newham"),
    ("E09000026", "Redbridge"),
    ("E09000027", "Richmond upon Thames"),
    ("E09000028", "Southwark"),
    ("E09000029", "Sutton"),
    ("E09000030", "Tower Hamlets"),
    ("E09000031", "Waltham Forest"),
    ("E09000032", "Wandsworth"),
    ("E09000033", "Westminster"),
]

# (code, name, boroughs covered)
BASIC_COMMAND_UNITS = [
    ("CE", "Central East", ["Hackney", "Tower Hamlets"]),
    ("CN", "Central North", ["Camden", "Islington"]),
    ("CS", "Central South", ["Lambeth", "Southwark"]),
    ("CW", "Central West", ["Hammersmith and Fulham", "Kensington and Chelsea", "Westminster"]),
    ("EA", "East Area", ["Barking and Dagenham", "Havering", "Redbridge"]),
    ("NA", "North Area", ["Enfield", "Haringey"]),
    ("NE", "North East", ["Newham", "Waltham Forest"]),
    ("NW", "North West", ["Barnet", "Brent", "Harrow"]),
    ("SA", "South Area", ["Bromley", "Croydon", "Sutton"]),
    ("SE", "South East", ["Bexley", "Greenwich", "Lewisham"]),
    ("SW", "South West", ["Kingston upon Thames", "Merton", "Richmond upon Thames", "Wandsworth"]),
    ("WA", "West Area", ["Ealing", "Hillingdon", "Hounslow"]),
]


def load_geography(apps, schema_editor):
    BasicCommandUnit = apps.get_model("partners", "BasicCommandUnit")
    Borough = apps.get_model("partners", "Borough")

    bcu_for_borough = {}
    for code, name, borough_names in BASIC_COMMAND_UNITS:
        bcu, _ = BasicCommandUnit.objects.update_or_create(code=code, defaults={"name": name})
        for borough_name in borough_names:
            bcu_for_borough[borough_name] = bcu

    known = {name for _, name in BOROUGHS}
    unknown = set(bcu_for_borough) - known
    if unknown:
        raise ValueError(f"BCU boroughs not in the borough list: {sorted(unknown)}")

    for ons_code, name in BOROUGHS:
        Borough.objects.update_or_create(
            ons_code=ons_code,
            defaults={"name": name, "bcu": bcu_for_borough.get(name)},
        )


def unload_geography(apps, schema_editor):
    BasicCommandUnit = apps.get_model("partners", "BasicCommandUnit")
    Borough = apps.get_model("partners", "Borough")

    Borough.objects.filter(ons_code__in=[ons_code for ons_code, _ in BOROUGHS]).delete()
    BasicCommandUnit.objects.filter(code__in=[code for code, _, _ in BASIC_COMMAND_UNITS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(load_geography, unload_geography),
    ]
