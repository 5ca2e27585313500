import csv
import io

import pytest
from django.contrib.admin.sites import site

from mutiroes.core.admin_actions import export_as_csv
from mutiroes.core.spreadsheet import csv_cell
from mutiroes.users.models import User


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_a_cell_starting_like_a_formula_is_defused(start):
    assert csv_cell(f"{start}HYPERLINK(1)") == f"'{start}HYPERLINK(1)"


@pytest.mark.parametrize(("value", "text"), [("Ana", "Ana"), ("", ""), (None, ""), (12, "12"), ("a=b", "a=b")])
def test_other_cells_are_kept(value, text):
    assert csv_cell(value) == text


@pytest.mark.django_db
def test_the_admin_export_defuses_every_start(rf, make_user):
    make_user(first_name="\tcmd", last_name="\r=1+1")
    request = rf.get("/admin/")
    response = export_as_csv(site._registry[User], request, User.objects.all())
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert (rows[0]["first_name"], rows[0]["last_name"]) == ("'\tcmd", "'\r=1+1")
