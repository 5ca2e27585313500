import datetime
from decimal import Decimal

from django.db import migrations

# kg CO2e avoided per kg sent to recycling (composting for organic) instead of a landfill.
FACTORS = {
    "version": "epa-warm-v15-2020.1",
    "source": (
        "U.S. EPA, Waste Reduction Model (WARM), Version 15 (2020): net emissions of recycling "
        "(composting for organic waste) relative to landfilling"
    ),
    "source_url": "https://www.epa.gov/warm",
    "notes": (
        "Estimate. Converted from MTCO2E per short ton to kg CO2e per kg (÷ 0.907) and rounded: mixed "
        "plastics, glass, mixed metals, mixed paper, food waste. Non-recyclable waste and other materials "
        "count zero. A revised estimate is a new version; reports keep the version they were filed with."
    ),
    "valid_from": datetime.date(2020, 11, 1),
    "plastic": Decimal("1.000"),
    "glass": Decimal("0.300"),
    "metal": Decimal("4.800"),
    "paper": Decimal("3.900"),
    "organic": Decimal("0.200"),
    "landfill": Decimal("0.000"),
    "other": Decimal("0.000"),
}


def create_factors(apps, schema_editor):
    CO2eFactorSet = apps.get_model("impact", "CO2eFactorSet")
    if not CO2eFactorSet.objects.filter(is_current=True).exists():
        CO2eFactorSet.objects.update_or_create(version=FACTORS["version"], defaults={**FACTORS, "is_current": True})


def remove_factors(apps, schema_editor):
    CO2eFactorSet = apps.get_model("impact", "CO2eFactorSet")
    CO2eFactorSet.objects.filter(version=FACTORS["version"], reports__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("impact", "0001_initial")]

    operations = [migrations.RunPython(create_factors, remove_factors)]
