"""The template editor's live check: length, parts and every content finding, each marked blocking when a
provider would refuse the template outright (the rest are warnings the user may knowingly keep)."""
import re
import unicodedata

from chalicelib.domain.sms import content_rules
from chalicelib.domain.sms.length import MAX_CHARS, measure
from chalicelib.domain.sms.variable_values import EMOJI as EMOJI_CHARACTERS

BLOCKING_KINDS = (content_rules.UNKNOWN_VARIABLE, content_rules.BRACKET, content_rules.LINK_IN_VARIABLE)
EMPTY, TOO_LONG, INVISIBLE, EMOJI = "empty", "too_long", "invisible_character", "emoji"
PLATFORM_RULES = "平台发送规则"
KIND_LABELS = {content_rules.PRESCRIPTION_DRUG: "处方药推广", content_rules.MEDICAL_CLAIM: "疗效宣称",
               content_rules.ABSOLUTE_TERM: "绝对化用语", content_rules.HEALTH_CONDITION: "透露病情",
               content_rules.LINK_IN_VARIABLE: "变量中的链接", content_rules.BRACKET: "签名括号",
               content_rules.UNKNOWN_VARIABLE: "未知变量", EMPTY: "内容为空", TOO_LONG: "超出长度",
               INVISIBLE: "不可见字符", EMOJI: "表情符号"}
_WORD = re.compile(r"[\w\u4e00-\u9fff]+")
_EXCERPT = re.compile(r"\{excerpt\}")


def _invisible(text: str) -> bool:
    """A control or format character other than a line break (the same ones a saved template may not hold)."""
    return any(unicodedata.category(ch) in ("Cc", "Cf", "Co", "Cs") and ch not in "\n\r\u200d" for ch in text)


def check(text: str, signature: str, kind: str) -> dict:
    """{text as the phone shows it, chars, parts, too_long, max_chars, warnings[...with blocking]}."""
    measured = measure(text, signature, marketing=kind == "marketing")
    findings = _blocking_first([{"rule": f.rule, "kind": f.kind, "message": f.message, "source": f.source,
                                 "excerpt": f.excerpt, "blocking": f.kind in BLOCKING_KINDS}
                                for f in content_rules.check(text)])
    if not text.strip():
        findings.insert(0, _own(EMPTY, "请填写短信内容"))
    if emoji := list(dict.fromkeys(ch for ch in EMOJI_CHARACTERS.findall(text) if ch not in "\ufe0f\u200d")):
        findings.insert(0, _own(EMOJI, f"短信不支持表情符号“{''.join(emoji[:5])}”，运营商会拒收，请删除"))
    if _invisible(text):
        findings.insert(0, _own(INVISIBLE, "正文中有不可见或控制字符（多来自复制粘贴），请删除后重新输入"))
    if measured.too_long:
        findings.insert(0, _own(TOO_LONG, f"短信连同签名和退订提示共 {measured.chars} 字，最多 {MAX_CHARS} 字，"
                                          f"请删减 {measured.chars - MAX_CHARS} 字"))
    return {"text": measured.text, "chars": measured.chars, "parts": measured.parts, "too_long": measured.too_long,
            "max_chars": MAX_CHARS, "warnings": findings}


def _blocking_first(findings: list[dict]) -> list[dict]:
    """What stops the submission first; a wording already blocked by one rule is not listed again by another."""
    blocked: set[str] = set()
    kept = []
    for finding in sorted(findings, key=lambda f: not f["blocking"]):
        if finding["blocking"] and finding["excerpt"] in blocked:
            continue
        blocked |= {finding["excerpt"]} if finding["blocking"] else set()
        kept.append(finding)
    return kept


def blocking(checked: dict) -> list[dict]:
    return [finding for finding in checked["warnings"] if finding["blocking"]]


def rules() -> list[dict]:
    """The content rules as data for the page: kind, its label, the law or rule it comes from, its words."""
    return [{"id": rule.id, "kind": rule.kind, "kind_label": KIND_LABELS[rule.kind], "source": rule.source,
             "description": _EXCERPT.sub("…", rule.message),
             "blocking": rule.kind in BLOCKING_KINDS,
             "pattern_words": [word for word in rule.pattern.split("|") if _WORD.fullmatch(word)]}
            for rule in content_rules.RULES]


def _own(rule: str, message: str) -> dict:
    return {"rule": rule, "kind": rule, "message": message, "source": PLATFORM_RULES, "excerpt": "",
            "blocking": True}
