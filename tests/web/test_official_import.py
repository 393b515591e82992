import io
import re

import pytest
from openpyxl import load_workbook

from tests.conftest import csrf_token_from, sign_in
from tests.factories import DepartmentFactory, OfficialFactory, UnitFactory
from tests.helpers import count_rows
from tests.org.test_imports import sheet
from tracker.core.roles import Role
from tracker.extensions import db
from tracker.org.models import Official


@pytest.fixture
def unit(db_session):
    unit = UnitFactory()
    DepartmentFactory(unit=unit, name="Phòng Kinh tế", code="KT")
    return unit


@pytest.fixture
def admin(unit):
    return OfficialFactory(unit=unit, username="quantri1", role=Role.ADMIN)


def _upload(client, data: io.BytesIO, filename: str = "can-bo.xlsx"):
    token = csrf_token_from(client.get("/officials/import").get_data(as_text=True))
    return client.post("/officials/import", data={"csrf_token": token, "file": (data, filename)},
                       content_type="multipart/form-data")


def test_admin_imports_and_downloads_the_passwords_once(client, unit, admin):
    sign_in(client, "quantri1")
    response = _upload(client, sheet(
        ["Nguyễn Văn An", "an.nv", "Công chức", "Phòng Kinh tế", "Công chức", "", ""],
        ["Lê Thị Bình", "binh.lt", "", "", "Phó Chủ tịch", "binh@example.vn", ""]))
    assert response.status_code == 302, response.get_data(as_text=True)
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Đã tạo 2 tài khoản." in page
    link = re.search(r'href="(/officials/import/\d+/passwords\.xlsx)"', page).group(1)

    download = client.get(link)
    assert download.status_code == 200
    assert "no-store" in download.headers["Cache-Control"]
    rows = list(load_workbook(io.BytesIO(download.data)).active.iter_rows(values_only=True))
    assert [row[1] for row in rows[1:]] == ["an.nv", "binh.lt"]
    official = db.session.query(Official).filter_by(username="an.nv").one()
    assert official.must_change_password

    again = client.get(link)
    assert again.status_code == 404
    assert "chỉ tải được một lần" in again.get_data(as_text=True)


def test_another_admin_cannot_download_the_passwords(client, app, unit, admin):
    sign_in(client, "quantri1")
    response = _upload(client, sheet(["Nguyễn Văn An", "an.nv", "", "", "officer", "", ""]))
    link = re.search(r'href="(/officials/import/\d+/passwords\.xlsx)"',
                     client.get(response.headers["Location"]).get_data(as_text=True)).group(1)
    OfficialFactory(unit=unit, username="quantri2", role=Role.ADMIN)
    other = app.test_client()
    sign_in(other, "quantri2")
    assert other.get(link).status_code == 404
    assert client.get(link).status_code == 200


def test_bad_rows_are_listed_and_nothing_is_written(client, unit, admin):
    sign_in(client, "quantri1")
    before = count_rows(Official)
    response = _upload(client, sheet(
        ["Nguyễn Văn An", "an.nv", "", "", "officer", "", ""],
        ["Lê Thị Bình", "an.nv", "", "Phòng Ma", "officer", "", ""]))
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'data-row="3" data-column="Tên đăng nhập"' in html
    assert 'data-row="3" data-column="Bộ phận"' in html
    assert "Trùng với dòng 2." in html
    assert count_rows(Official) == before


def test_a_renamed_text_file_is_refused_with_a_message(client, unit, admin):
    sign_in(client, "quantri1")
    response = _upload(client, io.BytesIO("Họ và tên;Tên đăng nhập\n".encode()), "can-bo.xlsx")
    assert response.status_code == 422
    assert "không phải bảng tính Excel" in response.get_data(as_text=True)


def test_no_file_is_refused(client, unit, admin):
    sign_in(client, "quantri1")
    token = csrf_token_from(client.get("/officials/import").get_data(as_text=True))
    response = client.post("/officials/import", data={"csrf_token": token})
    assert response.status_code == 422 and "Hãy chọn một tệp." in response.get_data(as_text=True)


def test_the_template_is_offered_to_the_admin(client, unit, admin):
    sign_in(client, "quantri1")
    response = client.get("/officials/import/template.xlsx")
    assert response.status_code == 200
    assert load_workbook(io.BytesIO(response.data)).sheetnames[:2] == ["Cán bộ", "Hướng dẫn"]


@pytest.mark.parametrize("role", [Role.CHAIRMAN, Role.OFFICER, Role.VIEWER])
def test_other_roles_may_not_import(client, unit, role):
    OfficialFactory(unit=unit, username="nguoi", role=role)
    sign_in(client, "nguoi")
    assert client.get("/officials/import").status_code == 403
    assert client.get("/officials/import/template.xlsx").status_code == 403
    token = csrf_token_from(client.get("/").get_data(as_text=True))
    upload = sheet(["A Một", "mot", "", "", "officer", "", ""])
    response = client.post("/officials/import", data={"csrf_token": token,
                                                      "file": (upload, "a.xlsx")},
                           content_type="multipart/form-data")
    assert response.status_code == 403
    assert db.session.query(Official).filter_by(username="mot").count() == 0
