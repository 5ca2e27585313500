import pytest

from mutiroes.core.brazil import point_in_brazil


@pytest.mark.parametrize(
    ("latitude", "longitude"),
    [
        (-22.9711, -43.1822),  # Copacabana, on the sand
        (-22.9890, -43.1930),  # off Arpoador, in the water
        (-3.1190, -60.0217),  # Manaus
        (-33.6900, -53.4560),  # Chuí
        (3.8400, -51.8300),  # Oiapoque
        (-23.7800, -45.3500),  # Ilhabela
        (-3.8540, -32.4240),  # Fernando de Noronha
        (-8.0900, -34.8800),  # Recife, Pina beach
    ],
)
def test_points_in_brazil(latitude, longitude):
    assert point_in_brazil(latitude=latitude, longitude=longitude)


@pytest.mark.parametrize(
    ("latitude", "longitude"),
    [
        (-25.5, -40.0),  # the Atlantic, 300 km off Santa Catarina
        (-10.0, -25.0),  # mid Atlantic
        (-12.05, -77.04),  # Lima
        (-25.28, -57.63),  # Asunción
        (-34.90, -56.16),  # Montevideo
        (-17.78, -63.18),  # Santa Cruz de la Sierra
        (0.0, 0.0),
    ],
)
def test_points_outside_brazil(latitude, longitude):
    assert not point_in_brazil(latitude=latitude, longitude=longitude)
