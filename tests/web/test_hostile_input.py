"""Whatever a request carries — an id past the database's integers, a page past any
offset, a NUL or another control character in any field — is answered with a 4xx,
never a 5xx: every route of the app is walked with such input, signed in as the
chairman and as the administrator, on whichever database the suite runs on."""

import re
from collections.abc import Iterator
from types import SimpleNamespace
from urllib.parse import quote

import pytest
import time_machine
from sqlalchemy import String, Text, select
from werkzeug.routing import Rule

from tests.api.conftest import bearer
from tests.conftest import csrf_token_from, sign_in
from tests.factories import OfficialFactory, TaskFactory, UnitFactory
from tests.helpers import count_rows
from tests.reports.conftest import REPORT_DAY
from tracker.core.actor import SYSTEM
from tracker.core.roles import Role
from tracker.core.text import has_control_characters
from tracker.demo.loader import load_demo
from tracker.documents.models import Document
from tracker.extensions import db
from tracker.org.models import Official, Unit
from tracker.org.settings import add_calendar_day
from tracker.org.tokens import create_token
from tracker.reports.services import create_report
from tracker.tasks.models import ExtensionRequest, ProgressUpdate, Task

PASSWORD = "demo-cchc"
HUGE = "9223372036854775808"  # 2**63: past PostgreSQL's bigint and SQLite's integers
HOSTILE_IDS = (0, 2**31, 2**63)
HOSTILE_VALUES = ("a\x00b", HUGE, "-" + HUGE + "0", "x\x1b[31m\x7f")
# Every query parameter a page reads.
QUERY_PARAMETERS = ("page", "q", "document", "year", "lead", "official", "department",
                    "type", "source", "order", "sort", "class", "state", "area", "from", "to",
                    "period", "next")
NUMERIC_PARAMETERS = ("page", "document", "year", "lead", "official", "department")
# Signing out ends the walk for that client, so those routes come last.
LAST = ("auth.sign_out", "auth.sign_out_everywhere")
_SKIPPED = ("static", "bootstrap.static")


@pytest.fixture
def world(db_session, app, tmp_path):
    """The demo commune on its report day, with one of everything a path can name."""
    with time_machine.travel(REPORT_DAY, tick=False):
        load_demo(db_session, password=PASSWORD)
        unit = db_session.scalar(select(Unit).where(Unit.code == "pho-phong"))
        office = _official(db_session, "vanphong1")
        admin = _official(db_session, "quantri")
        report = create_report(db_session, office, unit, "2023-Q1")
        day = add_calendar_day(db_session, admin, unit, day=REPORT_DAY.date().replace(day=18),
                               is_working=True)
        token, _secret = create_token(db_session, SYSTEM, _official(db_session, "chutich"),
                                      "thử")
        db_session.flush()
        task = db_session.scalar(select(Task).where(Task.unit_id == unit.id).limit(1))
        extension = db_session.scalar(select(ExtensionRequest).limit(1))
        update = db_session.scalar(select(ProgressUpdate).limit(1))
        ids = {
            "task_id": (extension.task_id if extension else task.id),
            "request_id": extension.id if extension else 1,
            "update_id": update.id if update else 1,
            "document_id": task.document_id or 1,
            "report_id": report.id,
            "entry_id": day.id,
            "token_id": token.id,
            "notification_id": 1,
        }
        yield ids


def _official(session, username: str) -> Official:
    return session.scalar(select(Official).where(Official.username == username))


def _signed_in(app, username: str):
    client = app.test_client()
    html = client.get("/sign-in").get_data(as_text=True)
    response = client.post("/sign-in", data={"login": username, "password": PASSWORD,
                                             "csrf_token": csrf_token_from(html)})
    assert response.status_code == 302
    return client


def _api_requests(app, ids: dict[str, int]) -> Iterator[tuple[str, str, dict]]:
    """Every API route with hostile ids, and with every field of its body (or query)
    set to each hostile value, as a string and as a number."""
    for rule in app.url_map.iter_rules():
        if not rule.endpoint.startswith("api."):
            continue
        doc = app.view_functions[rule.endpoint].api_doc
        method = next(iter(rule.methods - {"HEAD", "OPTIONS"}))
        for hostile_id in HOSTILE_IDS if rule.arguments else ():
            yield method, _path(rule, ids, hostile_id), {"json": {}}
        schema = doc.body or doc.query
        names = [f.data_key or name for name, f in schema().fields.items()] if schema else []
        for value in (*HOSTILE_VALUES, int(HUGE), -int(HUGE)):
            sent = {name: value for name in names}
            yield method, _path(rule, ids), (
                {"json": sent} if doc.body else {"query_string": sent})


def _web_rules(app, method: str) -> list[Rule]:
    rules = [r for r in app.url_map.iter_rules() if method in r.methods
             and r.endpoint not in _SKIPPED and not r.endpoint.startswith("api.")]
    return sorted(rules, key=lambda r: (r.endpoint in LAST, r.rule))


def _path(rule: Rule, ids: dict[str, int], hostile_id: int | None = None,
          text: str = "a") -> str:
    """The rule's path with real ids (or one hostile id for all) and `text` in string parts."""
    def part(match: re.Match) -> str:
        converter, name = match.group(1), match.group(2)
        if converter and converter.startswith("int"):
            return str(hostile_id if hostile_id is not None else ids.get(name, 1))
        return "docx" if name == "fmt" else quote(text)

    return re.sub(r"<(?:([^:>]+):)?([^>]+)>", part, rule.rule)


def _requests(app, ids: dict[str, int], fields: set[str]) -> Iterator[tuple[str, str, dict]]:
    for rule in _web_rules(app, "GET"):
        for hostile_id in HOSTILE_IDS if rule.arguments else ():
            yield "GET", _path(rule, ids, hostile_id), {}
        for value in HOSTILE_VALUES:
            yield "GET", _path(rule, ids, text=value), {
                "query_string": {name: value for name in QUERY_PARAMETERS}}
        # A page may stop at its first bad parameter: list pages get one number at a time
        # (a control character is refused before any page reads it).
        for name in NUMERIC_PARAMETERS if not rule.arguments else ():
            yield "GET", _path(rule, ids), {"query_string": {name: HUGE}}
    for rule in _web_rules(app, "POST"):
        for hostile_id in HOSTILE_IDS if rule.arguments else ():
            yield "POST", _path(rule, ids, hostile_id), {"data": {}}
        for value in HOSTILE_VALUES:
            yield "POST", _path(rule, ids, text=value), {
                "data": {name: value for name in fields}}


def _form_fields(client, ids: dict[str, int]) -> set[str]:
    """The names of every field the pages' forms send."""
    pages = ["/documents/new", f"/documents/{ids['document_id']}", f"/tasks/{ids['task_id']}",
             f"/tasks/{ids['task_id']}/edit", "/settings", "/profile", "/reports",
             f"/reports/{ids['report_id']}", "/documents/import", "/tasks/import"]
    htmls = [client.get(page).get_data(as_text=True) for page in pages]
    # The rows of a document import appear once a text has been read.
    htmls.append(client.post("/documents/import", data={
        "csrf_token": csrf_token_from(htmls[0]),
        "text": "Kế hoạch số 14/KH-UBND ngày 01/02/2023"}).get_data(as_text=True))
    names = {name for html in htmls for name in re.findall(r'name="([^"]+)"', html)}
    assert "rows-0-title" in names
    return names - {"csrf_token"}


def _walk(app, ids: dict[str, int]) -> list[str]:
    """Every request, each sent by the one who may use the route: the administrator for
    the unit's settings, the chairman for the rest."""
    clients = {name: _signed_in(app, name) for name in ("chutich", "quantri")}
    fields = _form_fields(clients["chutich"], ids) | _form_fields(clients["quantri"], ids)
    tokens = {name: csrf_token_from(client.get("/profile").get_data(as_text=True))
              for name, client in clients.items()}
    api = _official(db.session, "chutich")
    bearer_token = bearer(api)
    failures = []
    for method, url, options in [*_requests(app, ids, fields), *_api_requests(app, ids)]:
        name = "quantri" if url.startswith("/settings") else "chutich"
        if url.startswith("/api/"):
            options = {**options, "headers": bearer_token}
        elif method == "POST":
            options = {"data": {**options["data"], "csrf_token": tokens[name]}}
        sent = f"{method} {url!r} {options.get('query_string') or options.get('json') or ''}"
        try:
            status = clients[name].open(url, method=method, **options).status_code
        except Exception as error:  # the walk reports every failure at once
            failures.append(f"{sent}: {error!r}"[:300])
            continue
        if status >= 500:
            failures.append(f"{sent}: {status}")
    return failures


def _stored_control_characters() -> list[str]:
    """Every text value in the database that holds a control character, but for the
    search text, which we build with one (core.search.PART_BREAK) that no input can hold."""
    found = []
    for table in db.metadata.sorted_tables:
        columns = [c for c in table.columns if isinstance(c.type, String | Text)
                   and c is not Task.__table__.c.search_text]
        for row in db.session.execute(select(*columns)) if columns else ():
            found += [f"{table.name}: {value!r}" for value in row
                      if isinstance(value, str) and has_control_characters(value)]
    return found


def test_no_input_of_any_kind_is_a_server_error_or_stored(app, world):
    with time_machine.travel(REPORT_DAY, tick=False):
        failures = _walk(app, world)
    assert not failures, "\n".join(failures)
    assert not _stored_control_characters()


@pytest.fixture
def commune(db_session):
    unit = UnitFactory(name="UBND xã Phổ Phong")
    chairman = OfficialFactory(unit=unit, username="chutich", role=Role.CHAIRMAN)
    task = TaskFactory(unit=unit, lead=chairman, title="Rà soát thủ tục hành chính")
    return SimpleNamespace(unit=unit, chairman=chairman, task=task)


def test_a_control_character_in_a_field_is_shown_beside_it_and_nothing_is_saved(
        client, commune, on_20_march_2023):
    sign_in(client, "chutich")
    url = f"/tasks/{commune.task.id}/edit"
    form = {"csrf_token": csrf_token_from(client.get(url).get_data(as_text=True)),
            "lead": commune.chairman.id, "reform_area": "procedures",
            "version": commune.task.version}
    response = client.post(url, data=form | {"title": "Rà soát\x00 thủ tục"})
    assert response.status_code == 422
    assert "Có ký tự điều khiển không hợp lệ (như NUL)" in response.get_data(as_text=True)
    db.session.refresh(commune.task)
    assert commune.task.title == "Rà soát thủ tục hành chính"
    assert client.post(url, data=form | {"title": "Rà soát thủ tục"}).status_code == 302


def test_signing_in_with_a_nul_is_refused_with_a_message(client, commune):
    page = client.get("/sign-in").get_data(as_text=True)
    response = client.post("/sign-in", data={"csrf_token": csrf_token_from(page),
                                             "login": "chutich\x00", "password": "x\x00"})
    assert response.status_code == 400
    assert "Có ký tự điều khiển không hợp lệ" in response.get_data(as_text=True)


def test_a_control_character_in_the_address_is_refused_naming_the_parameter(client, commune):
    sign_in(client, "chutich")
    response = client.get("/documents", query_string={"q": "kế hoạch\x00"})
    assert response.status_code == 400
    assert "Tham số “q” của địa chỉ: Có ký tự điều khiển" in response.get_data(as_text=True)


def test_ids_past_the_database_integers_are_not_found(client, commune):
    sign_in(client, "chutich")
    for url in ("/tasks/2147483648", "/documents/9223372036854775808",
                f"/tasks/{commune.task.id}/evidence/9223372036854775808", "/reports/2147483648"):
        assert client.get(url).status_code == 404, url
    assert client.get(f"/tasks/{commune.task.id}").status_code == 200


def test_page_numbers_and_filter_ids_past_any_list_are_refused_or_bounded(client, commune):
    sign_in(client, "chutich")
    response = client.get("/tasks", query_string={"page": HUGE})
    assert response.status_code == 422
    assert "Số trang tối đa là 100000." in response.get_data(as_text=True)
    response = client.get("/tasks", query_string={"document": HUGE})
    assert response.status_code == 422
    assert "Không tìm thấy văn bản." in response.get_data(as_text=True)
    assert client.get("/documents", query_string={"page": HUGE}).status_code == 200
    response = client.get("/notifications", query_string={"page": HUGE})
    assert response.status_code == 422 and "Số quá lớn." in response.get_data(as_text=True)
    response = client.get("/documents", query_string={"year": HUGE})
    assert "Năm không hợp lệ; đã bỏ lọc theo năm." in response.get_data(as_text=True)


def test_an_imported_row_with_a_control_character_is_refused_on_its_field(client, commune):
    sign_in(client, "chutich")
    page = client.get("/documents/import").get_data(as_text=True)
    response = client.post("/documents/import/register", data={
        "csrf_token": csrf_token_from(page), "rows-0-selected": "y", "rows-0-doc_type": "KH",
        "rows-0-number": "14", "rows-0-symbol": "KH-UBND", "rows-0-issuer": "UBND xã",
        "rows-0-issued_on": "2023-02-01", "rows-0-title": "Thi hành\x1b pháp luật"})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Chưa đăng ký văn bản nào: 1 dòng chưa hợp lệ" in html
    assert "Có ký tự điều khiển không hợp lệ" in html
    assert count_rows(Document) == 0


def test_the_api_refuses_a_control_character_in_json_naming_the_field(client, commune):
    response = client.post("/api/v1/tasks", headers=bearer(commune.chairman), json={
        "title": "Rà soát\x00", "lead": commune.chairman.id, "reform_area": "procedures"})
    assert response.status_code == 422
    assert response.get_json()["errors"]["title"] == [
        "Có ký tự điều khiển không hợp lệ (như NUL); hãy xóa ký tự đó rồi gửi lại."]


ENORMOUS = "9" * 400  # past a float: WTForms' range check would compare it as one


def test_an_enormous_number_in_a_filter_or_a_form_is_refused_with_a_message(client, commune):
    sign_in(client, "chutich")
    for parameter in ("page", "document", "lead"):
        for url in ("/tasks", "/tasks/export.xlsx"):
            response = client.get(url, query_string={parameter: ENORMOUS})
            assert response.status_code == 422, (url, parameter)
    url = f"/tasks/{commune.task.id}"
    token = csrf_token_from(client.get(url).get_data(as_text=True))
    response = client.post(f"{url}/progress", data={
        "csrf_token": token, "percent": ENORMOUS, "note": "x", "version": commune.task.version})
    assert response.status_code == 422
    assert "Số quá lớn." in response.get_data(as_text=True)


def test_json_nested_deeper_than_the_decoder_follows_is_a_malformed_body(client, commune):
    response = client.post(f"/api/v1/tasks/{commune.task.id}/notes", data="[" * 5000,
                           headers=bearer(commune.chairman) | {"Content-Type": "application/json"})
    assert response.status_code == 400
    assert "đối tượng JSON" in response.get_json()["message"]
