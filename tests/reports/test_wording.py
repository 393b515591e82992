from datetime import date

import pytest

from tracker.core.text import roman
from tracker.reports.content import Block, BlockKind, blocks_from_text
from tracker.reports.outline import recipient_lines
from tracker.reports.wording import count, letter, percent, place_date


def test_points_are_lettered_the_vietnamese_way():
    assert [letter(i) for i in range(12)] == [
        "a)", "b)", "c)", "d)", "đ)", "e)", "g)", "h)", "i)", "k)", "l)", "m)"]
    assert [roman(n) for n in (1, 2, 3, 4, 9)] == ["I", "II", "III", "IV", "IX"]


@pytest.mark.parametrize(("value", "written"), [
    (0, "0"), (3, "03"), (10, "10"), (720, "720"), (10455, "10.455"), (1234567, "1.234.567")])
def test_counts(value, written):
    assert count(value) == written


def test_percent_has_a_decimal_comma():
    assert percent(96.64) == "96,6%"


def test_the_header_date_follows_decree_30():
    assert place_date("Phổ Phong", date(2023, 3, 5), date(2023, 3, 15)) == \
        "Phổ Phong, ngày 05 tháng 3 năm 2023"
    assert place_date("Phổ Phong", date(2024, 2, 1), date(2024, 2, 1)) == \
        "Phổ Phong, ngày 01 tháng 02 năm 2024"
    assert place_date("Phổ Phong", None, date(2023, 6, 15)) == \
        "Phổ Phong, ngày       tháng 6 năm 2023"


def test_the_office_types_bullets_as_it_does_in_word():
    text = "Mở đầu.\n\n- Một ý\n+ ý nhỏ\n-\nđoạn - có gạch giữa"
    assert blocks_from_text(text) == [
        Block(BlockKind.PARAGRAPH, "Mở đầu."), Block(BlockKind.BULLET, "Một ý"),
        Block(BlockKind.SUBBULLET, "ý nhỏ"), Block(BlockKind.BULLET, ""),
        Block(BlockKind.PARAGRAPH, "đoạn - có gạch giữa")]


def test_recipients_end_with_the_archive():
    assert recipient_lines("UBND thị xã Đức Phổ\n- CT, PCT UBND xã;\n") == [
        "- UBND thị xã Đức Phổ;", "- CT, PCT UBND xã;", "- Lưu: VT."]
    assert recipient_lines("Sở Nội vụ\nLưu: VT, VP") == ["- Sở Nội vụ;", "- Lưu: VT, VP."]
