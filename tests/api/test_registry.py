"""Documents, officials and departments through the API."""

from datetime import date

import pytest

from tests.factories import DocumentFactory
from tracker.documents.types import DocumentType


def test_documents_list_filters_and_pages(client, commune):
    unit = commune.unit
    for n in range(3):
        DocumentFactory(unit=unit, number=n + 1, issued_on=date(2023, 2, n + 1))
    DocumentFactory(unit=unit, doc_type=DocumentType.QD, symbol="QĐ-UBND", number=9,
                    issued_on=date(2022, 12, 1))
    DocumentFactory(unit=unit, issuer="UBND tỉnh Quảng Ngãi", issued_by_unit=False,
                    number=61, issued_on=date(2023, 1, 5))
    auth = commune.viewer_auth
    page = client.get("/api/v1/documents", headers=auth,
                      query_string={"type": "KH", "year": 2023, "per_page": 2}).json
    assert (page["total"], len(page["items"])) == (4, 2)
    assert [d["number"] for d in page["items"]] == [3, 2]
    received = client.get("/api/v1/documents", headers=auth,
                          query_string={"source": "received"}).json
    assert [d["number"] for d in received["items"]] == [61]
    one = client.get(f"/api/v1/documents/{received['items'][0]['id']}", headers=auth).json
    assert one["issuer"] == "UBND tỉnh Quảng Ngãi" and one["issued_on"] == "2023-01-05"


@pytest.mark.parametrize(("query", "field"), [
    ({"type": "XYZ"}, "type"), ({"year": "năm nay"}, "year"), ({"source": "all"}, "source"),
    ({"per_page": 500}, "per_page"), ({"page": -1}, "page"),
])
def test_bad_document_list_parameters_are_422(client, commune, query, field):
    response = client.get("/api/v1/documents", headers=commune.viewer_auth, query_string=query)
    assert response.status_code == 422 and response.json["errors"][field]


@pytest.mark.usefixtures("on_20_march_2023")
def test_correcting_a_document(client, commune):
    document = DocumentFactory(unit=commune.unit, number=14)
    path = f"/api/v1/documents/{document.id}"
    response = client.patch(path, headers=commune.chairman_auth,
                            json={"number": 15, "title": "Kế hoạch đã sửa"})
    assert response.status_code == 200, response.json
    assert (response.json["reference"], response.json["title"]) == ("15/KH-UBND", "Kế hoạch đã sửa")
    assert client.patch(path, headers=commune.lead_auth, json={"number": 16}).status_code == 403
    response = client.patch(path, headers=commune.chairman_auth, json={"symbol": None})
    assert response.status_code == 422 and response.json["errors"]["symbol"]
    response = client.patch(path, headers=commune.chairman_auth, json={"doc_type": "QĐ"})
    assert response.status_code == 200 and response.json["doc_type"] == "QĐ"


def test_a_duplicate_document_is_422(client, commune):
    DocumentFactory(unit=commune.unit, number=14, issued_on=date(2023, 2, 1))
    response = client.post("/api/v1/documents", headers=commune.chairman_auth, json={
        "doc_type": "KH", "number": 14, "symbol": "KH-UBND", "issued_on": "2023-02-01",
        "title": "Trùng", "issuer": commune.unit.name})
    assert response.status_code == 422 and response.json["errors"]["number"]


def test_officials_show_no_secrets_and_only_the_unit(client, commune):
    listed = client.get("/api/v1/officials", headers=commune.lead_auth).json["items"]
    assert {o["username"] for o in listed} == {"chutich", "tuphap1", "vanphong1", "xem"}
    assert set(listed[0]) == {"id", "username", "full_name", "position", "department", "role",
                              "active"}
    one = client.get(f"/api/v1/officials/{commune.lead.id}", headers=commune.other_auth).json
    assert one["department"]["name"] == "Tư pháp - Hộ tịch" and one["role"] == "officer"
    departments = client.get("/api/v1/departments", headers=commune.lead_auth).json["items"]
    assert {d["name"] for d in departments} == {"Văn phòng - Thống kê", "Tư pháp - Hộ tịch"}
    one = client.get(f"/api/v1/departments/{commune.office.id}", headers=commune.lead_auth)
    assert one.json["name"] == "Văn phòng - Thống kê"
