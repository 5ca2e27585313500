from django.db import migrations

CATEGORIES = [
    ("Limpeza de Praias", "limpeza-de-praias", "waves", "#0EA5E9", "Recolher lixo da areia e do mar."),
    ("Limpeza de Rios", "limpeza-de-rios", "droplets", "#2563EB", "Margens e leitos de rios e córregos."),
    ("Limpeza de Parques", "limpeza-de-parques", "trees", "#16A34A", "Praças, parques e áreas verdes."),
    ("Limpeza Urbana", "limpeza-urbana", "building", "#64748B", "Ruas, calçadas e terrenos da cidade."),
    ("Plantio de Árvores", "plantio-de-arvores", "sprout", "#15803D", "Reflorestamento e arborização."),
    ("Reciclagem", "reciclagem", "recycle", "#CA8A04", "Triagem, coleta seletiva e reaproveitamento."),
    ("Educação Ambiental", "educacao-ambiental", "book-open", "#9333EA", "Oficinas, palestras e atividades educativas."),
    ("Proteção Animal", "protecao-animal", "paw-print", "#EA580C", "Cuidado com a fauna e seus habitats."),
    ("Hortas Comunitárias", "hortas-comunitarias", "carrot", "#65A30D", "Cultivo coletivo de alimentos."),
    ("Preservação de Mangues", "preservacao-de-mangues", "leaf", "#0F766E", "Proteção e recuperação de manguezais."),
]


def create_categories(apps, schema_editor):
    Category = apps.get_model("events", "Category")
    for position, (name, slug, icon, color, description) in enumerate(CATEGORIES):
        Category.objects.update_or_create(
            slug=slug,
            defaults={"name": name, "icon": icon, "color": color, "description": description, "ordering": position},
        )


def remove_categories(apps, schema_editor):
    Category = apps.get_model("events", "Category")
    Category.objects.filter(slug__in=[slug for _, slug, *_rest in CATEGORIES], events__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("events", "0002_initial")]

    operations = [migrations.RunPython(create_categories, remove_categories)]
