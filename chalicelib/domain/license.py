"""Unified social credit code (统一社会信用代码) check per GB 32100-2015."""

CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # 31 characters: no I, O, S, V, Z
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def check_character(first17: str) -> str:
    """The 18th character for the first 17."""
    total = sum(CHARSET.index(ch) * weight for ch, weight in zip(first17, WEIGHTS))
    return CHARSET[(31 - total % 31) % 31]


def normalize_license_no(raw: str) -> str:
    """Upper-cased, trimmed code, or ValueError with a message saying what to fix."""
    code = (raw or "").strip().upper()
    if len(code) != 18:
        raise ValueError(f"统一社会信用代码应为 18 位，当前为 {len(code)} 位")
    bad = sorted({ch for ch in code if ch not in CHARSET})
    if bad:
        raise ValueError(f"统一社会信用代码含有无效字符：{''.join(bad)}（不使用 I、O、S、V、Z）")
    if not code[2:8].isdigit():
        raise ValueError("统一社会信用代码第 3–8 位应为行政区划代码（数字）")
    if check_character(code[:17]) != code[17]:
        raise ValueError("统一社会信用代码校验位不正确，请核对营业执照上的代码")
    return code
