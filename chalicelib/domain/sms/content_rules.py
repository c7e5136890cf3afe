"""Content rules for pharmacy marketing SMS, as data: each rule names the law or provider rule it
comes from and says, in Chinese, what to change. `check` is run on the body as the user writes it
(before the signature and the opt-out suffix are added)."""
import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from chalicelib.domain.sms.length import VARIABLES
from chalicelib.domain.sms.variable_values import LINK_DOMAINS

PRESCRIPTION_DRUG, MEDICAL_CLAIM, ABSOLUTE_TERM = "prescription_drug", "medical_claim", "absolute_term"
HEALTH_CONDITION, LINK_IN_VARIABLE, BRACKET, UNKNOWN_VARIABLE = (
    "health_condition", "link_in_variable", "bracket", "unknown_variable")

ADVERTISING_LAW_9 = "《广告法》第九条"
ADVERTISING_LAW_15 = "《广告法》第十五条、《药品广告审查发布标准》"
ADVERTISING_LAW_16 = "《广告法》第十六条、《药品广告审查发布标准》"
PIPL_28 = "《个人信息保护法》第二十八条"
CARRIER_RULES = "运营商短信内容规范"
SMS_REGULATION = "《通信短信息服务管理规定》"

_CONDITIONS = ("糖尿病|高血压|高血脂|冠心病|心脏病|脑梗|中风|痛风|哮喘|慢阻肺|抑郁|焦虑症|失眠症|癫痫|肿瘤|癌"
               "|乙肝|肝炎|艾滋|HIV|性病|不孕|不育|妇科病|前列腺|阳痿|早泄|降压药|降糖药|降脂药|胰岛素|抗抑郁药")
_KNOWN_VARIABLES = "|".join(re.escape(name) for name in VARIABLES)


@dataclass(frozen=True)
class Rule:
    id: str
    kind: str
    message: str  # "{excerpt}" is replaced by the words found
    source: str
    pattern: str
    exceptions: tuple[str, ...] = ()  # a match lying inside one of these is ordinary wording
    ignore_case: bool = True  # variables are lower case as the sender fills them: {NAME} is not {name}


@dataclass(frozen=True)
class Finding:
    rule: str
    kind: str
    message: str
    source: str
    excerpt: str


RULES = (
    Rule("rx_generic", PRESCRIPTION_DRUG, "短信不得推广处方药，请删除“{excerpt}”", ADVERTISING_LAW_15,
         r"处方药|抗生素|激素", (r"非处方药", r"(?:无|不含)激素")),
    Rule("rx_named", PRESCRIPTION_DRUG, "“{excerpt}”是处方药，短信不得推广，请删除药名", ADVERTISING_LAW_15,
         r"阿莫西林|头孢|阿奇霉素|罗红霉素|克拉霉素|左氧氟沙星|青霉素|二甲双胍|格列美脲|格列齐特|格列吡嗪"
         r"|阿卡波糖|胰岛素|他汀|氨氯地平|硝苯地平|缬沙坦|厄贝沙坦|氯沙坦|美托洛尔|氯吡格雷|华法林|泼尼松"
         r"|西地那非|他达拉非"),
    Rule("cure_claim", MEDICAL_CLAIM, "短信不得宣称疗效，请删除“{excerpt}”", ADVERTISING_LAW_16,
         r"治愈|根治|痊愈|疗效|见效|药到病除|包治|专治|特效药|神药|不复发|去根|祖传秘方|康复率|有效率"),
    Rule("safety_claim", MEDICAL_CLAIM, "短信不得保证功效或安全性，请删除“{excerpt}”", ADVERTISING_LAW_16,
         r"(?:无|零|没有|不会有)(?:任何)?毒?副作用|(?:保证|确保|包你|保你)(?:有效|见效|治好|康复|痊愈)"),
    Rule("superlative", ABSOLUTE_TERM, "广告不得使用绝对化用语“{excerpt}”，请改为客观描述", ADVERTISING_LAW_9,
         r"最佳|最好|最优|最低价|全网最低|史上最低|最高级|最高端|最便宜|最强|最权威|最专业|最有效|最安全"
         r"|最先进|最受欢迎",
         (r"最好(?:先|提前|在|是|别|不要|不|能|把|多|少|每|及时|按时|随身|常备|备|还是|尽早|尽快|提早)",)),
    Rule("rank", ABSOLUTE_TERM, "广告不得使用“{excerpt}”这类排名或独占用语，请删除", ADVERTISING_LAW_9,
         r"第一|NO\.?\s?1(?!\d)|TOP\s?1(?!\d)|唯一|独一无二|首选",
         (r"第一(?:次|天|件|步|批|季度|周|个|时间|期|杯|盒|瓶|单|轮|波|站|份|(?:人民)?医院)",)),
    Rule("grade", ABSOLUTE_TERM, "广告不得使用“{excerpt}”这类最高级用语，请删除", ADVERTISING_LAW_9,
         r"顶级|国家级|世界级|全球级|极品|万能"),
    Rule("guarantee", ABSOLUTE_TERM, "不得使用“{excerpt}”这类保证性用语，请删除", ADVERTISING_LAW_16,
         r"(?<!\d)100\s?%|百分百|百分之百|无效退款"),
    Rule("diagnosis", HEALTH_CONDITION, "短信不得透露客户的健康状况（“{excerpt}”），请改为不涉及病情的关怀用语",
         PIPL_28, r"您(?:患有|患了|得了|已确诊|确诊|被诊断)"),
    Rule("health_record", HEALTH_CONDITION, "短信不得提及客户的病情或处方（“{excerpt}”），请删除", PIPL_28,
         r"您(?:的|上次的)(?:病情|病历|病史|处方|诊断|检查结果|化验|体检报告|用药记录|用药情况)"),
    Rule("named_condition", HEALTH_CONDITION, "短信不得透露客户的疾病或用药（“{excerpt}”），请改为不涉及病情的关怀用语",
         PIPL_28, rf"您(?:的|家人的|购买的|上次购买的|常用的|服用的|正在服用的|长期服用的)(?:{_CONDITIONS})"),
    Rule("condition_group", HEALTH_CONDITION,
         "短信不得按疾病称呼客户（“{excerpt}”），请改为“会员”“慢病关怀会员”等不涉及病情的称呼",
         PIPL_28, rf"(?:{_CONDITIONS})(?:会员|患者|病友|病人|顾客|客户|朋友)"),
    Rule("link_in_variable", LINK_IN_VARIABLE, "变量中不能放链接（“{excerpt}”），链接请直接写在正文中并向服务商报备",
         CARRIER_RULES, r"\{[^{}]*(?:https?:|www\.|url|link|网址|链接)[^{}]*\}"),
    Rule("link_with_variable", LINK_IN_VARIABLE,
         "链接中不能放变量（“{excerpt}”）：每位客户收到的链接须相同，并向服务商报备", CARRIER_RULES,
         rf"(?:https?://|www\.|[a-z0-9-]+\.(?:{LINK_DOMAINS})\b)[^\s{{}}，。]*\{{[^{{}}]*\}}"),
    Rule("bracket", BRACKET, "正文中不能出现“{excerpt}”，【】只用于开头的短信签名，请改用其他括号", SMS_REGULATION,
         r"【[^【】]{0,10}】|[【】]"),
    Rule("unknown_variable", UNKNOWN_VARIABLE,
         "无法识别的变量“{excerpt}”，可用变量：" + "、".join(f"{{{k}}} {v}" for k, v in VARIABLES.items()),
         CARRIER_RULES, rf"\{{(?!(?:{_KNOWN_VARIABLES})\}})[^{{}}]*\}}", ignore_case=False),
    Rule("unpaired_brace", UNKNOWN_VARIABLE,
         "花括号不成对（“{excerpt}”）：变量应写成 " + "、".join(f"{{{k}}}" for k in VARIABLES) + "，正文中不要单独使用 { 或 }",
         CARRIER_RULES, r"\{(?![^{}]*\})|(?:^|(?<=\}))[^{}]*\}"),
)


@cache
def _compiled(rule: Rule) -> tuple[re.Pattern, tuple[re.Pattern, ...]]:
    flags = re.I if rule.ignore_case else 0
    return re.compile(rule.pattern, flags), tuple(re.compile(e, flags) for e in rule.exceptions)


def _excerpts(rule: Rule, text: str) -> list[str]:
    pattern, exceptions = _compiled(rule)
    allowed = [m.span() for e in exceptions for m in e.finditer(text)]
    found = [m.group(0) for m in pattern.finditer(text)
             if not any(start <= m.start() and m.end() <= end for start, end in allowed)]
    return list(dict.fromkeys(found))


def check(text: str) -> list[Finding]:
    """Every rule the body breaks, once per distinct wording; empty when it may be sent."""
    normal = unicodedata.normalize("NFKC", text or "")  # full-width １００％ or ＮＯ．１ read as 100% and NO.1
    return [Finding(rule.id, rule.kind, rule.message.replace("{excerpt}", excerpt), rule.source, excerpt)
            for rule in RULES for excerpt in _excerpts(rule, normal)]
