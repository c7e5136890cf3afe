"""Personal details of customers: mobile, gender, ID number, tags."""
import re
from datetime import date
from functools import lru_cache

import numpy as np
import pandas as pd
import phonenumbers

from chalicelib.domain.cleaning.issues import Problems
from chalicelib.domain.cleaning.text import INVISIBLE, fold_text, lossy_numbers

_PHONE_PUNCTUATION = re.compile(r"[\s\-()]")
GENDERS = {"男": "男", "m": "男", "male": "男", "男性": "男",
           "女": "女", "f": "女", "female": "女", "女性": "女", "": ""}
_ID_WEIGHTS = np.array([7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2])
_ID_CHECK = np.array(list("10X98765432"))
_TAG_SPLIT = re.compile(r"[,;、|\s]+")  # full-width ，and ； are folded to , and ; first
MAX_TAGS = 20
MAX_TAG_LENGTH = 20


def parse_mobiles(values, label: str) -> tuple[np.ndarray, Problems]:
    """Mainland China mobiles ("+86 138 1234 5678" is fine) -> 11 digits, "" when blank."""
    text = fold_text(values)
    mobile = _mobile_pattern()
    digits = np.array([match[1] if (match := mobile.fullmatch(_PHONE_PUNCTUATION.sub("", value))) else ""
                       for value in text], dtype=object)
    wrong = (text != "") & (digits == "")
    return digits, {f"{label}格式不正确，请填写 11 位中国大陆手机号（可带 +86）": wrong}


@lru_cache(maxsize=1)
def _mobile_pattern() -> re.Pattern:
    """An optional +86, then libphonenumber's own rule for Chinese mobiles (the one
    fields.normalize_mobile applies number by number)."""
    cn = phonenumbers.PhoneMetadata.metadata_for_region("CN")
    # The CN metadata ships with phonenumbers: never None.
    rule = cn.mobile.national_number_pattern  # type: ignore[union-attr]
    return re.compile(rf"(?:\+?86|0086)?({rule})")


def parse_genders(values, label: str) -> tuple[np.ndarray, Problems]:
    words = pd.Series(fold_text(values), dtype=object).str.lower()
    gender = words.map(GENDERS)
    wrong = gender.isna().to_numpy()
    return gender.fillna("").to_numpy(dtype=object), {f"{label}请填写 男 或 女（也可填 M / F）": wrong}


def parse_id_numbers(values, label: str, today: date) -> tuple[np.ndarray, Problems]:
    """18-character resident ID numbers (GB 11643): check digit and embedded birth date."""
    text = pd.Series(fold_text(values), dtype=object).str.upper()
    shaped = text.str.fullmatch(r"[0-9]{17}[0-9X]").to_numpy(dtype=bool)
    good = np.zeros(len(text), dtype=bool)
    bad_check = np.zeros(len(text), dtype=bool)
    if shaped.any():
        ids = text[shaped]
        digits = np.frombuffer("".join(ids).encode("ascii"), dtype=np.uint8).reshape(-1, 18)[:, :17] - 48
        check_ok = _ID_CHECK[(digits.astype(np.int64) @ _ID_WEIGHTS) % 11] == ids.str[17].to_numpy(dtype=str)
        born = pd.to_datetime(ids.str[6:14], format="%Y%m%d", errors="coerce")
        born_ok = ((born >= pd.Timestamp(1900, 1, 1)) & (born <= pd.Timestamp(today))).to_numpy()
        good[shaped], bad_check[shaped] = check_ok & born_ok, ~check_ok
    lossy = lossy_numbers(values)
    blank = (text == "").to_numpy()
    return np.where(good, text.to_numpy(dtype=object), ""), {
        f"{label}被 Excel 存成了数字，末尾几位已丢失：请把该列设为文本格式后重新填写": lossy,
        f"{label}应为 18 位（最后一位可以是 X）": ~blank & ~shaped & ~lossy,
        f"{label}校验码不正确，请核对后重新填写": bad_check,
        f"{label}中的出生日期无效，请核对后重新填写": shaped & ~good & ~bad_check,
    }


def parse_tags(values, label: str) -> tuple[np.ndarray, Problems]:
    """Tags split on , ; 、 | or spaces -> unique tags joined by "," in first-seen order."""
    text = pd.Series(fold_text(values), dtype=object)
    parsed = {value: _tags(value) for value in text.unique()}
    tags = text.map(lambda value: parsed[value][0]).to_numpy(dtype=object)
    flags = np.array([parsed[value][1:] for value in text], dtype=bool).reshape(len(text), 3)
    return tags, {
        f"{label}最多 {MAX_TAGS} 个": flags[:, 0],
        f"{label}每个最多 {MAX_TAG_LENGTH} 个字": flags[:, 1],
        f"{label}包含换行、制表符或不可见字符，请删除这些字符": flags[:, 2],
    }


def _tags(value: str) -> tuple[str, bool, bool, bool]:
    tags = list(dict.fromkeys(tag for tag in _TAG_SPLIT.split(value) if tag))
    return (",".join(tags), len(tags) > MAX_TAGS, any(len(tag) > MAX_TAG_LENGTH for tag in tags),
            any(INVISIBLE.search(tag) for tag in tags))  # whitespace separates tags, so is fine
