"""Idempotent demo data: organizers, volunteers and upcoming mutirões across Brazil.

Accounts get unusable passwords unless `--with-demo-logins` is given, which only
works with DEBUG on (that is, under `make dev`).
"""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone

from mutiroes.events import services
from mutiroes.events.models import Category, Event, Participation
from mutiroes.users.models import User

DEMO_PASSWORD = "mutiroes-demo"  # noqa: S105 - only with --with-demo-logins under DEBUG

PEOPLE = [
    ("ana@mutiroes.dev", "Ana", "Souza", "Rio de Janeiro", "RJ"),
    ("bruno@mutiroes.dev", "Bruno", "Lima", "São Paulo", "SP"),
    ("carla@mutiroes.dev", "Carla", "Oliveira", "Salvador", "BA"),
    ("diego@mutiroes.dev", "Diego", "Santos", "Recife", "PE"),
    ("elis@mutiroes.dev", "Elis", "Pereira", "Florianópolis", "SC"),
    ("fabio@mutiroes.dev", "Fábio", "Costa", "Belém", "PA"),
]

EVENTS = [
    # title, category slug, address, city, UF, lat, lng, days ahead, hours, capacity, organizer index
    (
        "Limpeza da Praia de Copacabana",
        "limpeza-de-praias",
        "Posto 4, Av. Atlântica",
        "Rio de Janeiro",
        "RJ",
        -22.9711,
        -43.1822,
        5,
        3,
        120,
        0,
    ),
    (
        "Mutirão no Rio Pinheiros",
        "limpeza-de-rios",
        "Ciclovia do Rio Pinheiros, Ponte Cidade Jardim",
        "São Paulo",
        "SP",
        -23.5869,
        -46.6930,
        8,
        4,
        60,
        1,
    ),
    (
        "Plantio no Parque do Ibirapuera",
        "plantio-de-arvores",
        "Portão 10, Parque Ibirapuera",
        "São Paulo",
        "SP",
        -23.5874,
        -46.6576,
        12,
        3,
        40,
        1,
    ),
    (
        "Praia limpa em Itapuã",
        "limpeza-de-praias",
        "Farol de Itapuã",
        "Salvador",
        "BA",
        -12.9567,
        -38.3560,
        6,
        3,
        80,
        2,
    ),
    (
        "Recuperação do manguezal do Pina",
        "preservacao-de-mangues",
        "Parque dos Manguezais",
        "Recife",
        "PE",
        -8.0945,
        -34.8933,
        10,
        4,
        30,
        3,
    ),
    (
        "Horta comunitária do Campeche",
        "hortas-comunitarias",
        "Rua da Capela, Campeche",
        "Florianópolis",
        "SC",
        -27.6772,
        -48.4895,
        4,
        3,
        25,
        4,
    ),
    (
        "Oficina de reciclagem na Cidade Velha",
        "reciclagem",
        "Praça do Carmo",
        "Belém",
        "PA",
        -1.4590,
        -48.5045,
        9,
        2,
        35,
        5,
    ),
    (
        "Limpeza da Lagoa Rodrigo de Freitas",
        "limpeza-de-rios",
        "Parque dos Patins",
        "Rio de Janeiro",
        "RJ",
        -22.9736,
        -43.2118,
        15,
        3,
        50,
        0,
    ),
]


class Command(BaseCommand):
    help = "Create demo data (idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--with-demo-logins",
            action="store_true",
            help=f"Give demo accounts the password {DEMO_PASSWORD!r} and create admin@mutiroes.dev (DEBUG only).",
        )

    @transaction.atomic
    def handle(self, *args: object, with_demo_logins: bool = False, **options: object) -> None:
        if with_demo_logins and not settings.DEBUG:
            raise CommandError("--with-demo-logins only works with DJANGO_DEBUG=1 (make dev).")
        people = []
        for email, first, last, city, state in PEOPLE:
            user = User.objects.filter(email=email).first()
            if user is None:
                # Demo people chose to show their profile (new accounts start private).
                user = User.objects.create_user(
                    email=email,
                    first_name=first,
                    last_name=last,
                    city=city,
                    state=state,
                    is_public=True,
                    show_history=True,
                )
            if with_demo_logins and not user.has_usable_password():
                user.set_password(DEMO_PASSWORD)
                user.save(update_fields=["password"])
            people.append(user)
        if with_demo_logins and not User.objects.filter(email="admin@mutiroes.dev").exists():
            User.objects.create_superuser(email="admin@mutiroes.dev", password=DEMO_PASSWORD, first_name="Admin")

        today = timezone.localtime().replace(hour=8, minute=0, second=0, microsecond=0)
        created = 0
        for title, slug, address, city, state, lat, lng, days, hours, capacity, org in EVENTS:
            if Event.objects.filter(title=title).exists():
                continue
            start = today + timedelta(days=days)  # 8h in São Paulo
            event = services.event_create(
                organizer=people[org],
                publish=True,
                data={
                    "title": title,
                    "description": f"{title}: venha participar! Traga água, protetor solar e disposição.",
                    "category": Category.objects.get(slug=slug),
                    "address": address,
                    "city": city,
                    "state": state,
                    "latitude": lat,
                    "longitude": lng,
                    "start": start,
                    "end": start + timedelta(hours=hours),
                    "registration_deadline": start - timedelta(hours=2),
                    "capacity": capacity,
                    "what_to_bring": "Luvas, garrafa de água, boné",
                    "tools_provided": "Sacos de lixo e pinças",
                },
            )
            for volunteer in people:
                if volunteer.id != event.organizer_id and (volunteer.id + event.id) % 2 == 0:
                    services.participation_join(event_id=event.id, user=volunteer)
            created += 1
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data ready: {User.objects.count()} users, {Event.objects.count()} mutirões "
                f"({created} new), {Participation.objects.count()} participations."
            )
        )
