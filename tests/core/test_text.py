import pytest

from tracker.core.text import clean, clean_multiline, fold, has_control_characters, name_sort_key


def test_fold_drops_marks_and_case_and_maps_stroked_d():
    assert fold("Kế hoạch") == "ke hoach"
    assert fold("ĐẤT ĐAI") == "dat dai"
    assert fold("Quyết định 14/QĐ-UBND") == "quyet dinh 14/qd-ubnd"


def test_fold_treats_composed_and_decomposed_input_alike():
    decomposed = "Ke\u0302\u0301 hoa\u0323ch"
    assert fold(decomposed) == fold("Kế hoạch") == "ke hoach"


def test_clean_normalises_to_nfc_and_folds_spaces():
    assert clean("  Ke\u0302\u0301   hoạch \n") == "Kế hoạch"
    assert clean(None) == ""


def test_clean_multiline_keeps_line_breaks():
    assert clean_multiline("  dòng một  \n dòng hai \n") == "dòng một\n dòng hai"


def test_names_sort_by_given_name_then_family_then_middle():
    names = ["Trần Văn Bình", "Nguyễn Thị An", "Lê Văn An", "Nguyễn Văn Đức", "Phạm Dũng"]
    ordered = sorted(names, key=name_sort_key)
    assert ordered == ["Lê Văn An", "Nguyễn Thị An", "Trần Văn Bình", "Phạm Dũng",
                       "Nguyễn Văn Đức"]


def test_d_sorts_before_stroked_d_and_tones_break_ties():
    assert sorted(["Đào", "Dung"], key=name_sort_key) == ["Dung", "Đào"]
    assert sorted(["An Ấn", "An Ân", "An An"], key=name_sort_key) == [
        "An An", "An Ân", "An Ấn"]


@pytest.mark.parametrize("text", ["a\x00b", "\x1b[31m", "\x07", "\x7f", "\x85", "\x9f", "\x0b"])
def test_control_characters_are_found(text):
    assert has_control_characters(text)


@pytest.mark.parametrize("text", ["Kế hoạch\tsố 14\r\nQuý II", "", "Đ€\u00a0«»"])
def test_tabs_line_breaks_and_letters_are_not_control_characters(text):
    assert not has_control_characters(text)
