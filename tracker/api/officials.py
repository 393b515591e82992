"""The unit's officials, to choose leads and filters from."""

from flask_babel import lazy_gettext as _l

from tracker.api.core import Endpoint, endpoint, official
from tracker.api.schemas import OfficialList, OfficialOut
from tracker.core.text import name_sort_key
from tracker.core.validation import MAX_ID
from tracker.extensions import db
from tracker.org.services import get_official, list_officials

_MAX = f"int(max={MAX_ID})"


@endpoint("/officials", "GET", Endpoint(
    _l("Cán bộ, công chức của đơn vị, theo thứ tự tên"), response=OfficialList))
def officials_list():
    people = sorted(list_officials(db.session, official().unit),
                    key=lambda o: name_sort_key(o.full_name))
    return OfficialList().dump({"items": people})


@endpoint(f"/officials/<{_MAX}:official_id>", "GET", Endpoint(
    _l("Một cán bộ, công chức"), response=OfficialOut))
def official_get(official_id: int):
    return OfficialOut().dump(get_official(db.session, official(), official_id))
