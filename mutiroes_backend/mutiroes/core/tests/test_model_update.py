from mutiroes.core.model_update import model_update
from mutiroes.events.models import Category, Event
from mutiroes.users.models import User


def test_sets_only_the_named_fields_that_change():
    user = User(first_name="Ana", last_name="Silva", is_staff=False)
    data = {"first_name": "Ana", "last_name": "Souza", "is_staff": True, "unknown": 1}
    assert model_update(instance=user, fields=("first_name", "last_name", "bio"), data=data) == ["last_name"]
    assert (user.first_name, user.last_name, user.is_staff) == ("Ana", "Souza", False)


def test_sets_a_relation_not_set_yet():
    category = Category(name="Praias")
    event = Event()
    assert model_update(instance=event, fields=("category",), data={"category": category}) == ["category"]
    assert event.category is category
