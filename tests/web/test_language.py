from datetime import date
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po
from babel.support import Translations

from tests.conftest import csrf_token_from, sign_in
from tests.factories import DocumentFactory, OfficialFactory
from tests.helpers import settings_form
from tracker.core.roles import Role

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "tracker" / "translations" / "en" / "LC_MESSAGES"


@pytest.fixture
def admin(db_session):
    return OfficialFactory(username="quantri1", role=Role.ADMIN)


def _set_cookie_header(response) -> str:
    (header,) = [h for h in response.headers.getlist("Set-Cookie") if h.startswith("lang=")]
    return header


def test_switching_to_english_and_back(client, db_session):
    response = client.get("/language/en", query_string={"next": "/sign-in"})
    assert (response.status_code, response.headers["Location"]) == (302, "/sign-in")
    cookie = _set_cookie_header(response)
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Max-Age=31536000" in cookie
    html = client.get("/sign-in").get_data(as_text=True)
    assert '<html lang="en">' in html
    assert "Username or e-mail" in html and "Password" in html
    assert "Tên đăng nhập hoặc e-mail" not in html

    client.get("/language/vi", query_string={"next": "/sign-in"})
    html = client.get("/sign-in").get_data(as_text=True)
    assert "Tên đăng nhập hoặc e-mail" in html and "Username or e-mail" not in html


def test_the_footer_links_lead_back_to_the_page(client, db_session):
    html = client.get("/sign-in").get_data(as_text=True)
    footer = html[html.index('data-testid="languages"'):]
    assert 'href="/language/vi?next=/sign-in"' in footer
    assert 'href="/language/en?next=/sign-in"' in footer


def test_after_a_refused_post_the_links_lead_home(client, db_session):
    """A GET cannot replay the POST that rendered the page."""
    response = sign_in(client, "khong-co-ai", "sai-mat-khau")
    assert response.status_code == 401
    assert 'href="/language/en"' in response.get_data(as_text=True)


def test_vietnamese_stays_the_default_whatever_the_browser_prefers(client, db_session):
    html = client.get("/sign-in", headers={"Accept-Language": "en-US,en;q=0.9"})
    assert "Tên đăng nhập hoặc e-mail" in html.get_data(as_text=True)


def test_english_wrong_password_is_401_in_english(client, db_session):
    OfficialFactory(username="vanphong1")
    client.get("/language/en")
    response = sign_in(client, "vanphong1", "sai-mat-khau")
    assert response.status_code == 401
    assert "Wrong username or password." in response.get_data(as_text=True)


def test_english_empty_sign_in_is_400_with_english_field_messages(client, db_session):
    client.get("/language/en")
    token = csrf_token_from(client.get("/sign-in").get_data(as_text=True))
    response = client.post("/sign-in", data={"csrf_token": token})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Enter your username or e-mail." in html and "Enter your password." in html


@pytest.mark.parametrize(("field", "value", "message"), [
    ("reminder_offsets", "5, x", "Enter numbers of working days separated by commas, e.g. 5,2,0."),
    ("escalation_days", "ba", "Enter a whole number."),  # WTForms' own message, mapped
])
def test_english_bad_settings_are_422_in_english(client, admin, field, value, message):
    client.get("/language/en")
    sign_in(client, "quantri1")
    token = csrf_token_from(client.get("/settings").get_data(as_text=True))
    response = client.post("/settings",
                           data={"csrf_token": token, **settings_form(**{field: value})})
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)


def test_an_unknown_language_is_404_and_sets_no_cookie(client, db_session):
    response = client.get("/language/fr", query_string={"next": "/sign-in"})
    assert response.status_code == 404
    assert not [h for h in response.headers.getlist("Set-Cookie") if h.startswith("lang=")]
    assert "Tên đăng nhập hoặc e-mail" in client.get("/sign-in").get_data(as_text=True)


@pytest.mark.parametrize("target", ["http://evil.example", "//evil.example/", "/\\evil.example"])
def test_an_unsafe_next_is_ignored(client, db_session, target):
    response = client.get("/language/en", query_string={"next": target})
    assert (response.status_code, response.headers["Location"]) == (302, "/")
    _set_cookie_header(response)


def _extracted() -> list[str | tuple[str, ...]]:
    """What `make translations` extracts from the code today (same config, same keywords)."""
    with (ROOT / "config" / "babel.cfg").open() as config:
        method_map, options_map = parse_mapping_cfg(config)
    keywords = {**DEFAULT_KEYWORDS, "_l": None}
    found = extract_from_dir(ROOT, method_map, options_map, keywords=keywords)
    return [message for _file, _line, message, _comments, _context in found]


@pytest.fixture(scope="module")
def catalogue() -> Catalog:
    with (CATALOGUE / "messages.po").open("rb") as po:
        return read_po(po, locale="en")


def _translated(message: Message) -> bool:
    forms = message.string if message.pluralizable else (message.string,)
    return all(forms) and not message.fuzzy


def test_every_string_in_the_code_has_an_english_translation(catalogue):
    extracted = _extracted()
    assert len(extracted) > 200
    missing = [m for m in extracted if catalogue.get(m) is None or catalogue.get(m).id != m]
    assert not missing, "new strings: run `make translations` and translate them"
    untranslated = [m.id for m in catalogue if m.id and not _translated(m)]
    assert not untranslated, "translate these (and drop any fuzzy flag), then `make translations`"
    assert not [(m.id, errors) for m, errors in catalogue.check()]  # placeholders, plurals


def test_the_compiled_catalogue_matches_the_po(catalogue):
    with (CATALOGUE / "messages.mo").open("rb") as mo:
        compiled = Translations(mo)
    for message in (m for m in catalogue if m.id and _translated(m)):  # the rest: test above
        if message.pluralizable:
            singular, plural = message.id
            got = (compiled.ngettext(singular, plural, 1), compiled.ngettext(singular, plural, 2))
        else:
            got = compiled.gettext(message.id)
        assert got == (tuple(message.string) if message.pluralizable else message.string), (
            f"{message.id!r}: messages.mo is older than messages.po; run `make translations`")


def test_a_documents_citation_stays_its_vietnamese_name(client, db_session):
    document = DocumentFactory(number=14, issued_on=date(2023, 2, 1))
    OfficialFactory(unit=document.unit, username="canbo.en")
    sign_in(client, "canbo.en")
    client.get("/language/en")
    html = client.get(f"/documents/{document.id}").get_data(as_text=True)
    assert "Kế hoạch số 14/KH-UBND ngày 01/02/2023" in html
    assert "Plan số" not in html
