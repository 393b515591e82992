"""Issuers as texts name them: organs, levels and places, completed from the unit's own
names and those the text gives."""

import re
from collections.abc import Iterable
from dataclasses import dataclass

from tracker.core.text import fold
from tracker.documents.references.text import STARTS_PHRASE, UPPER, FlatText, flatten


@dataclass(frozen=True)
class _Organ:
    name: str
    level: str | None = None  # the level the organ implies (Tỉnh ủy, Sở: a province's)
    takes_level: bool = False  # "UBND" is followed by "tỉnh", "xã" …
    alone: bool = True  # a name by itself ("Chính phủ"), unlike a bare "UBND"


_LEVELS = {"thanh pho": "thành phố", "thi xa": "thị xã", "thi tran": "thị trấn",
           "tinh": "tỉnh", "huyen": "huyện", "quan": "quận", "xa": "xã", "phuong": "phường"}


_LEVEL = re.compile(rf"({'|'.join(_LEVELS)})\b")


_LEVEL_AFTER = re.compile(rf"\s+({'|'.join(_LEVELS)})\b")


_WORD_AFTER = re.compile(r"\s+(\w+)")


_SECTORS = (
    "Nội vụ", "Tư pháp", "Tài chính", "Kế hoạch và Đầu tư", "Thông tin và Truyền thông",
    "Giáo dục và Đào tạo", "Y tế", "Lao động - Thương binh và Xã hội",
    "Tài nguyên và Môi trường", "Xây dựng", "Giao thông vận tải",
    "Nông nghiệp và Phát triển nông thôn", "Công Thương", "Văn hóa, Thể thao và Du lịch",
    "Khoa học và Công nghệ", "Công an", "Quốc phòng",
)


_PARTY = {"Tỉnh ủy": "tỉnh", "Thành ủy": "thành phố", "Huyện ủy": "huyện", "Thị ủy": "thị xã"}


def _organs() -> dict[str, _Organ]:
    organs = {name: _Organ(name) for name in (
        "Ủy ban Thường vụ Quốc hội", "Thủ tướng Chính phủ", "Văn phòng Chính phủ", "Chính phủ",
        "Quốc hội", "Bộ Chính trị", "Ban Bí thư", "Ban Chấp hành Trung ương")}
    organs["Thủ tướng"] = organs["Thủ tướng Chính phủ"]
    for sector in _SECTORS:
        organs[f"Bộ {sector}"] = _Organ(f"Bộ {sector}")
        organs[f"Sở {sector}"] = _Organ(f"Sở {sector}", "tỉnh", takes_level=True)
        organs[f"Phòng {sector}"] = _Organ(f"Phòng {sector}", takes_level=True)
    for short, long in (("UBND", "Ủy ban nhân dân"), ("HĐND", "Hội đồng nhân dân")):
        organs[short] = organs[long] = _Organ(short, takes_level=True, alone=False)
    for committee, level in [*_PARTY.items(), ("Đảng ủy", None)]:
        for standing in ("", "Ban Thường vụ ", "BTV "):
            organ = _Organ(f"Ban Thường vụ {committee}" if standing else committee, level,
                           takes_level=level is None, alone=level is not None)
            organs[f"{standing}{committee}"] = organ
    folded = {fold(key): organ for key, organ in organs.items()}
    return dict(sorted(folded.items(), key=lambda item: -len(item[0])))  # longest first


_ORGANS = _organs()


_CHAIRMAN = re.compile(r"chu tich\s+")


_NOT_PLACES = {"quý", "tháng", "năm", "kỳ", "đợt", "giai", "khóa", "nhiệm"}


Places = dict[str, set[str]]


def issuer_at(text: FlatText, pos: int, places: Places) -> tuple[str | None, int] | None:
    """The issuer named at `pos`, completed and in its usual form, and where it ends; None
    for the name when the text says only "UBND"."""
    chairman = _CHAIRMAN.match(text.folded, pos)
    start = chairman.end() if chairman else pos
    key = next((k for k in _ORGANS if text.folded.startswith(k, start)
                and not text.folded[start + len(k):start + len(k) + 1].isalnum()), None)
    if key is None:
        return None
    organ, end = _ORGANS[key], start + len(key)
    said, shouting = None, False
    if organ.takes_level and (level := _LEVEL_AFTER.match(text.folded, end)):
        written = text.flat[level.start(1):level.end()]
        if written.lower() == _LEVELS[level.group(1)]:
            said, end, shouting = written.lower(), level.end(), written.isupper()
    level, place = said or organ.level, None
    if level is not None:
        place, end = _place_at(text, end, shouting)
        if place is None and len(places.get(level, ())) == 1:
            (place,) = places[level]
    if not organ.alone and level is None:
        return None, end
    shown = level if organ.takes_level and (said or place) else None
    prefix = "Chủ tịch " if chairman and organ.name == "UBND" else ""
    return prefix + " ".join(w for w in (organ.name, shown, place) if w), end


def _place_at(text: FlatText, pos: int, shouting: bool) -> tuple[str | None, int]:
    """A place's name: up to four capitalised words ("Quảng Ngãi"), not one that begins the
    title ("… Quảng Ngãi Ban hành …")."""
    words, end = [], pos
    while len(words) < 4 and (word := _WORD_AFTER.match(text.flat, end)):
        value = word.group(1)
        capital = value[0] in UPPER and (value[1:].islower() or value[1:] == "" or (
            shouting and value.isupper()))
        if not capital or value.lower() in _NOT_PLACES or \
                STARTS_PHRASE.match(text.folded, word.start(1)):
            break
        words.append(value if not shouting else value[0] + value[1:].lower())
        end = word.end()
    return (" ".join(words) or None), end


def places_named(text: FlatText, known_issuers: Iterable[str]) -> Places:
    """Each level's places named in the text ("tỉnh Quảng Ngãi") or by the unit's issuers."""
    places: Places = {}
    for source in (text, *(flatten(name) for name in known_issuers)):
        for level in _LEVEL.finditer(source.folded):
            written = source.flat[level.start():level.end()]
            boundary = level.start() == 0 or not source.folded[level.start() - 1].isalnum()
            if boundary and written.lower() == _LEVELS[level.group(1)]:
                place, _ = _place_at(source, level.end(), written.isupper())
                if place:
                    places.setdefault(_LEVELS[level.group(1)], set()).add(place)
    return places
