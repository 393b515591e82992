"""Tasks through the API: the same rules as the pages, answered in JSON."""

from datetime import date

import pytest

from tests.factories import DocumentFactory, TaskFactory
from tests.helpers import count_rows
from tracker.extensions import db
from tracker.tasks.models import ProgressUpdate, Task, TaskState


def _task_state(task: Task) -> tuple:
    db.session.refresh(task)
    return task.version, task.progress_percent, task.state, task.title, task.lead_id


@pytest.mark.usefixtures("on_20_march_2023")
def test_the_full_journey(client, commune):
    auth = commune.chairman_auth
    response = client.post("/api/v1/documents", headers=auth, json={
        "doc_type": "KH", "number": 14, "symbol": "KH-UBND", "issued_on": "2023-02-01",
        "title": "Kế hoạch cải cách hành chính năm 2023", "reform_area": "procedures"})
    assert response.status_code == 201, response.json
    document = response.json
    assert document["reference"] == "14/KH-UBND" and document["issuer"] == "UBND xã Phổ Phong"
    assert document["issued_by_unit"] is True and document["tasks"] == {"done": 0, "total": 0}
    ids = []
    for title, due in (("Niêm yết thủ tục", "trong 05 ngày làm việc"), ("Rà soát", "Quý II/2023")):
        response = client.post("/api/v1/tasks", headers=auth, json={
            "title": title, "lead": commune.lead.id, "coordinators": [commune.other.id],
            "document": document["id"], "due": due})
        assert response.status_code == 201, response.json
        ids.append(response.json["id"])
    first = client.get(f"/api/v1/tasks/{ids[0]}", headers=auth).json
    assert first["due_date"] == "2023-02-08" and first["due_wording"] == "trong 05 ngày làm việc"
    assert first["reform_area"] == "procedures"
    assert first["coordinators"][0]["id"] == commune.other.id
    lead = commune.lead_auth
    response = client.post(f"/api/v1/tasks/{ids[1]}/progress", headers=lead,
                           json={"percent": 50, "note": "Xong một nửa", "version": 1})
    assert response.status_code == 200 and response.json["progress"][0]["note"] == "Xong một nửa"
    response = client.post(f"/api/v1/tasks/{ids[0]}/complete", headers=lead,
                           json={"result": "Đã niêm yết 120 thủ tục", "version": first["version"]})
    assert response.status_code == 200, response.json
    assert response.json["state"] == "done" and response.json["completed_on"] == "2023-03-20"
    assert response.json["class"] == "done_late"
    listed = client.get("/api/v1/documents", headers=auth).json
    assert listed["total"] == 1 and listed["items"][0]["tasks"] == {"done": 1, "total": 2}
    tasks = client.get("/api/v1/tasks", headers=auth,
                       query_string={"document": document["id"], "state": "open"}).json
    assert tasks["total"] == 1 and tasks["items"][0]["progress_percent"] == 50
    done = client.get("/api/v1/tasks", headers=auth, query_string={"class": "done_late"}).json
    assert [t["id"] for t in done["items"]] == [ids[0]]


def test_an_officer_cannot_work_on_another_officers_task(client, commune):
    task, before = commune.task, _task_state(commune.task)
    auth = commune.other_auth  # a coordinator: may add notes, not record progress
    for action, body in (("progress", {"percent": 40, "note": "", "version": task.version}),
                         ("complete", {"result": "Xong", "version": task.version}),
                         ("cancel", {"reason": "Không cần", "version": task.version})):
        response = client.post(f"/api/v1/tasks/{task.id}/{action}", headers=auth, json=body)
        assert response.status_code == 403, action
        assert response.json["message"]
    response = client.patch(f"/api/v1/tasks/{task.id}", headers=auth,
                            json={"title": "Đổi tên", "version": task.version})
    assert response.status_code == 403
    assert _task_state(task) == before and count_rows(ProgressUpdate) == 0
    assert client.post(f"/api/v1/tasks/{task.id}/notes", headers=auth,
                       json={"note": "Đã gửi số liệu"}).status_code == 200


def test_a_viewer_reads_but_cannot_write(client, commune):
    auth, task = commune.viewer_auth, commune.task
    assert client.get(f"/api/v1/tasks/{task.id}", headers=auth).status_code == 200
    assert client.post("/api/v1/tasks", headers=auth, json={
        "title": "Mới", "lead": commune.lead.id, "reform_area": "procedures"}).status_code == 403
    assert client.post(f"/api/v1/tasks/{task.id}/notes", headers=auth,
                       json={"note": "xem"}).status_code == 403
    assert client.post("/api/v1/documents", headers=auth, json={
        "doc_type": "KH", "number": 1, "symbol": "KH-UBND", "issued_on": "2023-02-01",
        "title": "x"}).status_code == 403
    assert count_rows(Task) == 1


def test_another_commune_sees_nothing(client, commune):
    auth, task = commune.stranger_auth, commune.task
    document = DocumentFactory(unit=commune.unit)
    for method, path, body in (
            ("get", f"/api/v1/tasks/{task.id}", None),
            ("patch", f"/api/v1/tasks/{task.id}", {"title": "x", "version": task.version}),
            ("post", f"/api/v1/tasks/{task.id}/cancel", {"reason": "x", "version": 1}),
            ("get", f"/api/v1/documents/{document.id}", None),
            ("patch", f"/api/v1/documents/{document.id}", {"title": "x"}),
            ("get", f"/api/v1/officials/{commune.lead.id}", None),
            ("get", f"/api/v1/departments/{commune.office.id}", None),
            ("get", "/api/v1/tasks/2147483647", None),
            ("get", "/api/v1/tasks/99999999999", None)):
        response = getattr(client, method)(path, headers=auth, json=body)
        assert response.status_code == 404 and response.is_json, path
    assert client.get("/api/v1/tasks", headers=auth).json["total"] == 0
    assert _task_state(task)[3] == "Rà soát thủ tục hành chính"


def test_a_stale_version_is_a_conflict_with_the_current_values(client, commune):
    task = commune.task
    seen = task.version
    response = client.patch(f"/api/v1/tasks/{task.id}", headers=commune.chairman_auth,
                            json={"title": "Rà soát và công bố", "version": seen})
    assert response.status_code == 200 and response.json["version"] == seen + 1
    response = client.post(f"/api/v1/tasks/{task.id}/progress", headers=commune.lead_auth,
                           json={"percent": 20, "note": "", "version": seen})
    assert response.status_code == 409
    assert response.json["current"]["title"] == "Rà soát và công bố"
    assert response.json["current"]["version"] == seen + 1
    assert count_rows(ProgressUpdate) == 0


def test_reassigning_and_setting_a_due_date(client, commune):
    task = commune.task
    response = client.patch(f"/api/v1/tasks/{task.id}", headers=commune.chairman_auth, json={
        "lead": commune.other.id, "coordinators": [], "due_date": "2023-06-30",
        "version": task.version})
    assert response.status_code == 200, response.json
    body = response.json
    assert body["lead"]["id"] == commune.other.id and body["coordinators"] == []
    assert (body["due_date"], body["due_wording"]) == ("2023-06-30", None)
    response = client.patch(f"/api/v1/tasks/{task.id}", headers=commune.chairman_auth,
                            json={"due": "thường xuyên", "version": body["version"]})
    assert response.json["due_date"] is None and response.json["class"] == "ongoing"


@pytest.mark.parametrize(("path", "body", "field"), [
    ("/api/v1/tasks", {"lead": 1, "reform_area": "procedures"}, "title"),
    ("/api/v1/tasks", {"title": 5, "lead": "a", "reform_area": "procedures"}, "lead"),
    ("/api/v1/tasks", {"title": "x", "lead": True, "reform_area": "procedures"}, "lead"),
    ("/api/v1/tasks", {"title": "x", "lead": 1, "reform_area": "weather"}, "reform_area"),
    ("/api/v1/tasks", {"title": "x", "lead": 1, "reform_area": "procedures",
                       "coordinators": "a"}, "coordinators"),
    ("/api/v1/tasks", {"title": "x", "lead": 1, "reform_area": "procedures",
                       "colour": "red"}, "colour"),
    ("/api/v1/tasks", {"title": "x", "lead": 1, "reform_area": "procedures",
                       "due_date": "30/06/2023"}, "due_date"),
    ("/api/v1/tasks", {"title": "x", "lead": 1, "reform_area": "procedures",
                       "due": "sớm nhất có thể"}, "due"),
    ("/api/v1/tasks", {"title": "x", "lead": 1, "reform_area": "procedures",
                       "due": "Quý II/2023", "due_date": "2023-06-30"}, "due"),
    ("/api/v1/tasks", {"title": "x\u0000", "lead": 1, "reform_area": "procedures"}, "title"),
    ("/api/v1/tasks", {"title": "x", "lead": 2147483648, "reform_area": "procedures"}, "lead"),
    ("/api/v1/documents", {"doc_type": "XYZ", "number": 1, "symbol": "KH-UBND",
                           "issued_on": "2023-02-01", "title": "x"}, "doc_type"),
    ("/api/v1/documents", {"doc_type": "KH", "number": "mười", "symbol": "KH-UBND",
                           "issued_on": "2023-02-01", "title": "x"}, "number"),
    ("/api/v1/documents", {"doc_type": "KH", "number": 1, "symbol": "KH UBND!",
                           "issued_on": "2099-02-01", "title": "x"}, "issued_on"),
    ("/api/v1/documents", {"doc_type": "KH", "number": 1, "symbol": "KH-UBND",
                           "issued_on": "2023-02-01", "title": "x", "implements": 999999},
     "implements"),
])
def test_bad_input_is_refused_per_field_and_writes_nothing(client, commune, path, body, field):
    tasks, documents = count_rows(Task), count_rows(DocumentFactory._meta.model)
    body = {k: (commune.lead.id if v == 1 and v is not True else v) for k, v in body.items()}
    response = client.post(path, headers=commune.chairman_auth, json=body)
    assert response.status_code == 422, response.json
    assert response.json["message"] and response.json["errors"][field], response.json
    assert all(isinstance(m, str) for m in response.json["errors"][field])
    assert (count_rows(Task), count_rows(DocumentFactory._meta.model)) == (tasks, documents)


@pytest.mark.parametrize(("action", "body", "field"), [
    ("progress", {"percent": 100, "note": ""}, "percent"),
    ("progress", {"percent": "50", "note": ""}, "percent"),
    ("progress", {"percent": 50.5, "note": ""}, "percent"),
    ("progress", {"note": ""}, "percent"),
    ("progress", {"percent": 10}, "version"),
    ("complete", {"result": ""}, "result"),
    ("complete", {"result": "x", "completed_on": "2099-01-01"}, "completed_on"),
    ("complete", {"result": "x", "completed_on": "hôm qua"}, "completed_on"),
    ("notes", {"note": None}, "note"),
    ("notes", {}, "note"),
    ("cancel", {"reason": " "}, "reason"),
])
@pytest.mark.usefixtures("on_20_march_2023")
def test_bad_action_input_is_refused_per_field(client, commune, action, body, field):
    task = commune.task
    before = _task_state(task)
    if field != "version" and action != "notes":
        body = body | {"version": task.version}
    auth = commune.chairman_auth
    response = client.post(f"/api/v1/tasks/{task.id}/{action}", headers=auth, json=body)
    assert response.status_code == 422 and response.json["errors"][field], response.json
    assert _task_state(task) == before and count_rows(ProgressUpdate) == 0


@pytest.mark.parametrize("data", ["{not json", "[1, 2]", "null", ""])
def test_malformed_json_is_400(client, commune, data):
    response = client.post("/api/v1/tasks", headers=commune.chairman_auth, data=data,
                           content_type="application/json")
    assert response.status_code == 400 and response.is_json and response.json["message"]
    assert count_rows(Task) == 1


def test_unknown_addresses_and_methods_are_json(client, commune):
    auth = commune.chairman_auth
    response = client.get("/api/v1/nothing-here", headers=auth)
    assert response.status_code == 404 and response.is_json
    response = client.delete(f"/api/v1/tasks/{commune.task.id}", headers=auth)
    assert response.status_code == 405 and response.is_json and "PATCH" in response.headers["Allow"]


def test_list_filters_and_pages(client, commune):
    unit = commune.unit
    for n in range(5):
        TaskFactory(unit=unit, lead=commune.other, title=f"Số hóa hồ sơ {n}",
                    due_date=date(2023, 4, n + 1))
    TaskFactory(unit=unit, lead=commune.other, title="Đã xong", state=TaskState.DONE,
                completed_on=date(2023, 3, 1), progress_percent=100)
    auth = commune.chairman_auth
    page = client.get("/api/v1/tasks", headers=auth,
                      query_string={"q": "so hoa", "per_page": 2, "page": 2}).json
    assert (page["total"], page["page"], page["per_page"]) == (5, 2, 2)
    assert [t["title"] for t in page["items"]] == ["Số hóa hồ sơ 2", "Số hóa hồ sơ 3"]
    by_department = client.get("/api/v1/tasks", headers=auth,
                               query_string={"department": commune.justice.id}).json
    assert [t["id"] for t in by_department["items"]] == [commune.task.id]
    as_coordinator = client.get("/api/v1/tasks", headers=auth,
                                query_string={"official": commune.other.id}).json
    assert as_coordinator["total"] == 7
    ranged = client.get("/api/v1/tasks", headers=auth, query_string={
        "from": "2023-04-02", "to": "2023-04-03", "sort": "title", "order": "desc"}).json
    assert [t["title"] for t in ranged["items"]] == ["Số hóa hồ sơ 2", "Số hóa hồ sơ 1"]
    assert client.get("/api/v1/tasks", headers=auth,
                      query_string={"state": "done"}).json["total"] == 1


@pytest.mark.parametrize(("query", "field"), [
    ({"per_page": 101}, "per_page"), ({"per_page": 10**9}, "per_page"), ({"page": 0}, "page"),
    ({"page": "x"}, "page"), ({"class": "late"}, "class"), ({"state": "paused"}, "state"),
    ({"area": "weather"}, "area"), ({"sort": "colour"}, "sort"), ({"order": "up"}, "order"),
    ({"from": "2023-04-02", "to": "2023-04-01"}, "to"), ({"from": "01/04/2023"}, "from"),
    ({"department": 999999}, "department"), ({"lead": 999999}, "lead"),
    ({"document": 999999}, "document"), ({"document": 10**12}, "document"),
])
def test_bad_list_parameters_are_422(client, commune, query, field):
    response = client.get("/api/v1/tasks", headers=commune.chairman_auth, query_string=query)
    assert response.status_code == 422 and response.json["errors"][field], response.json


def test_english_messages_with_the_language_cookie(client, commune):
    client.set_cookie("lang", "en")
    response = client.post("/api/v1/tasks", headers=commune.chairman_auth,
                           json={"lead": "a", "reform_area": "weather"})
    assert response.status_code == 422
    assert response.json["errors"]["title"] == ["This field is required."]
    assert response.json["errors"]["lead"] == ["Enter a whole number."]
    assert response.json["errors"]["reform_area"] == ["Invalid choice."]
    response = client.get("/api/v1/tasks")
    assert response.status_code == 401 and "sign in" in response.json["message"].lower()


def test_a_recurring_task_assigns_its_next_occurrence_when_done(client, commune):
    response = client.post("/api/v1/tasks", headers=commune.chairman_auth, json={
        "title": "Báo cáo tình hình kiểm soát TTHC", "reform_area": "procedures",
        "lead": commune.lead.id, "due_date": "2023-03-31", "recurrence": "quarterly"})
    assert response.status_code == 201, response.json
    first = response.json
    assert first["recurrence"] == "quarterly" and first["previous_occurrence"] is None
    done = client.post(f"/api/v1/tasks/{first['id']}/complete", headers=commune.lead_auth,
                       json={"result": "Đã báo cáo quý I", "version": first["version"]})
    assert done.status_code == 200, done.json
    listed = client.get("/api/v1/tasks", headers=commune.chairman_auth,
                        query_string={"q": "kiem soat TTHC", "state": "open"}).json
    [following] = listed["items"]
    assert (following["due_date"], following["previous_occurrence"]) == (
        "2023-06-30", first["id"])
    refused = client.post("/api/v1/tasks", headers=commune.chairman_auth, json={
        "title": "Thường xuyên", "lead": commune.lead.id, "reform_area": "procedures",
        "recurrence": "weekly"})
    assert refused.status_code == 422 and "recurrence" in refused.json["errors"]


@pytest.mark.usefixtures("on_20_march_2023")
def test_extension_requests_and_decisions_through_the_api(client, commune):
    task = commune.task
    asked = client.post(f"/api/v1/tasks/{task.id}/extension", headers=commune.lead_auth, json={
        "proposed_due_date": "2023-04-28", "reason": "Chờ số liệu", "version": task.version})
    assert asked.status_code == 200, asked.json
    [request] = asked.json["extensions"]
    assert (request["state"], request["due_date_before"]) == ("pending", "2023-03-31")
    refused = client.post(f"/api/v1/tasks/{task.id}/extension/{request['id']}",
                          headers=commune.lead_auth,
                          json={"approve": True, "version": asked.json["version"]})
    assert refused.status_code == 403
    missing = client.post(f"/api/v1/tasks/{task.id}/extension/{request['id']}",
                          headers=commune.chairman_auth,
                          json={"approve": False, "version": asked.json["version"]})
    assert missing.status_code == 422 and "note" in missing.json["errors"]
    granted = client.post(f"/api/v1/tasks/{task.id}/extension/{request['id']}",
                          headers=commune.chairman_auth,
                          json={"approve": True, "granted_due_date": "2023-04-21",
                                "version": asked.json["version"]})
    assert granted.status_code == 200, granted.json
    assert granted.json["due_date"] == "2023-04-21"
    assert granted.json["extensions"][0]["state"] == "approved"


@pytest.mark.usefixtures("on_20_march_2023")
def test_confirming_a_completion_through_the_api(client, commune):
    commune.unit.settings.confirm_completions = True
    db.session.flush()
    task = commune.task
    done = client.post(f"/api/v1/tasks/{task.id}/complete", headers=commune.lead_auth,
                       json={"result": "Xong", "version": task.version})
    assert done.status_code == 200 and done.json["awaiting_confirmation"] is True
    sent_back = client.post(f"/api/v1/tasks/{task.id}/return", headers=commune.chairman_auth,
                            json={"reason": "Thiếu biên bản", "version": done.json["version"]})
    assert sent_back.status_code == 200 and sent_back.json["state"] == "open"
    again = client.post(f"/api/v1/tasks/{task.id}/complete", headers=commune.lead_auth,
                        json={"result": "Đã bổ sung", "version": sent_back.json["version"]})
    confirmed = client.post(f"/api/v1/tasks/{task.id}/confirm", headers=commune.chairman_auth,
                            json={"version": again.json["version"]})
    assert confirmed.status_code == 200, confirmed.json
    assert confirmed.json["awaiting_confirmation"] is False
