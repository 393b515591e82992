"""Vietnamese text: normalisation on write, folded keys for search, name ordering, and the
characters no text of ours may hold."""

import re
import unicodedata
from datetime import date

# đ/Đ are letters of their own, not d plus a mark: NFD does not decompose them.
_STROKED_D = str.maketrans({"đ": "d", "Đ": "D"})

# Vietnamese alphabetical order; tone marks sort after the letter, in this order.
_ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}  # breve, circumflex, horn: part of the letter


# C0 controls but tab and line breaks, DEL, C1: nobody types them, PostgreSQL refuses NUL
# outright and SQLite stores it silently, so every text from outside is checked for them.
_CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def has_control_characters(text: str) -> bool:
    """True if `text` holds a character no field of ours accepts (NUL, ESC, DEL …)."""
    return _CONTROL_CHARACTERS.search(text) is not None


def clean(text: str | None) -> str:
    """NFC, with runs of white space folded to one space and the ends trimmed."""
    if not text:
        return ""
    return " ".join(unicodedata.normalize("NFC", text).split())


def clean_multiline(text: str | None) -> str:
    """NFC, each line's end trimmed, line breaks kept (descriptions, results, notes)."""
    text = unicodedata.normalize("NFC", text or "").strip()
    return "\n".join(line.rstrip() for line in text.splitlines())


def fold(text: str | None) -> str:
    """Search key: no diacritics, đ→d, case folded. "Kế hoạch Đất đai" → "ke hoach dat dai"."""
    decomposed = unicodedata.normalize("NFD", clean(text).translate(_STROKED_D))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return bare.casefold()


def _word_key(word: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    letters: list[int] = []
    tones: list[int] = []
    for char in word.lower():
        decomposed = unicodedata.normalize("NFD", char)
        tone = next((_TONES[m] for m in decomposed if m in _TONES), 0)
        letter = unicodedata.normalize(
            "NFC", "".join(m for m in decomposed if m not in _TONES)
        )
        position = _ALPHABET.find(letter)
        letters.append(position if position >= 0 else len(_ALPHABET) + ord(letter))
        tones.append(tone)
    return tuple(letters), tuple(tones)


def name_sort_key(full_name: str) -> tuple:
    """Order Vietnamese names by given name, then family name, then middle names.

    "Nguyễn Văn An" sorts under "An"; letters follow the Vietnamese alphabet
    (d before đ, a before ă before â), tone marks break ties.
    """
    words = clean(full_name).split(" ")
    ordered = [words[-1], words[0], *words[1:-1]] if len(words) > 1 else words
    return vietnamese_sort_key(" ".join(ordered))


def vietnamese_sort_key(text: str) -> tuple:
    """Order text word by word in the Vietnamese alphabet (a place name: "Đức Phổ" after
    "Dũng"), tone marks breaking ties."""
    keys = [_word_key(word) for word in clean(text).split(" ")]
    return tuple(k[0] for k in keys), tuple(k[1] for k in keys)


_ROMAN = ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def roman(number: int) -> str:
    """The Roman numeral of sections and quarters: 4 → "IV" (up to 39 is all they need)."""
    digits = []
    for value, numeral in _ROMAN:
        count, number = divmod(number, value)
        digits.append(numeral * count)
    return "".join(digits)


def written_month(month: int) -> str:
    """A month as Vietnamese administrative text writes it: two digits for January and
    February only (Nghị định 30/2020/NĐ-CP), so "01/02/2023" but "07/3/2023"."""
    return f"{month:02d}" if month < 3 else str(month)


def written_date(value: date) -> str:
    """ "07/3/2023", "01/02/2023": a date in running text (citations, reports)."""
    return f"{value.day:02d}/{written_month(value.month)}/{value.year}"
