import json
from datetime import timedelta

import pytest

from tests.factories import OfficialFactory, UnitFactory
from tracker.extensions import db
from tracker.org.models import Official
from tracker.org.sessions import load_signed_in, start_session


@pytest.fixture
def runner(app, db_session):
    return app.test_cli_runner()


def test_units_create_then_users_create_and_list_as_json(runner):
    result = runner.invoke(args=["units", "create", "--code", "pho-phong",
                                 "--name", "UBND xã Phổ Phong", "--place", "Phổ Phong"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(args=[
        "users", "create", "--username", "chutich", "--role", "chairman",
        "--full-name", "Nguyễn Văn Chủ", "--unit", "pho-phong", "--password", "mat-khau-123",
    ])
    assert result.exit_code == 0, result.output
    listed = json.loads(runner.invoke(args=["users", "list", "--json"]).output)
    assert {"username": "chutich", "role": "chairman", "unit": "pho-phong"}.items() <= \
        listed[-1].items()


def test_users_create_asks_for_the_password_when_not_given(runner):
    UnitFactory(code="xa-mot")
    result = runner.invoke(
        args=["users", "create", "--username", "vanphong1", "--role", "officer",
              "--full-name", "Lê Thị Văn", "--unit", "xa-mot"],
        input="mat-khau-123\nmat-khau-123\n",
    )
    assert result.exit_code == 0, result.output
    assert db.session.query(Official).filter_by(username="vanphong1").one()


def test_unknown_role_is_refused_by_the_command(runner):
    UnitFactory(code="xa-mot")
    result = runner.invoke(args=["users", "create", "--username", "a1b", "--role", "boss",
                                 "--full-name", "A", "--unit", "xa-mot", "--password", "x" * 9])
    assert result.exit_code != 0 and "boss" in result.output


def test_short_password_is_refused_with_a_vietnamese_message_and_nothing_written(runner):
    UnitFactory(code="xa-mot")
    result = runner.invoke(args=["users", "create", "--username", "ngan", "--role", "officer",
                                 "--full-name", "Ngắn", "--unit", "xa-mot", "--password", "123"])
    assert result.exit_code == 1
    assert "Mật khẩu cần ít nhất 8 ký tự." in result.output
    assert db.session.query(Official).filter_by(username="ngan").count() == 0


def test_set_password_by_username(runner):
    official = OfficialFactory(username="tuphap1")
    secret = start_session(db.session, official, user_agent="", address="")
    result = runner.invoke(args=["users", "set-password", "tuphap1", "--password", "moi-12345"])
    assert result.exit_code == 0, result.output
    assert load_signed_in(db.session, secret, absolute_lifetime=timedelta(days=1)) is None


def test_deactivate_ends_the_officials_sessions(runner):
    official = OfficialFactory(username="nghiviec")
    secret = start_session(db.session, official, user_agent="", address="")
    result = runner.invoke(args=["users", "deactivate", "nghiviec"])
    assert result.exit_code == 0, result.output
    db.session.refresh(official)
    assert not official.active
    assert load_signed_in(db.session, secret, absolute_lifetime=timedelta(days=1)) is None


def test_unknown_unit_is_a_clear_error(runner):
    result = runner.invoke(args=["users", "create", "--username", "abc", "--role", "officer",
                                 "--full-name", "A", "--unit", "khong-co", "--password", "x" * 9])
    assert result.exit_code == 1 and "Không tìm thấy đơn vị khong-co." in result.output
