"""The shape every library plan shares, and the compliance notes every pharmacy plan carries."""
from chalicelib.domain.rfm_classes import CLASS_NAMES

INDUSTRY = "医药"
SMS_PRICE_YUAN = 0.055  # the platform's default price of one marketing SMS part

COMMON_CAUTIONS = (
    "只向已同意接收营销短信的会员发送，没有同意记录的不发；同意凭证留存备查。",
    "发送时间限 08:00–20:00；同一顾客 7 天内不超过 1 条营销短信。",
    "短信由系统自动加店铺签名和“拒收请回复R”，正文不放链接；回复 R、T、TD、退订 的号码立即停发。",
    ("活动商品限非处方药、保健食品、医疗器械和日用健康商品；处方药不参与满减、赠送、积分加倍，"
     "也不出现在短信、海报和店员推荐话术中。"),
    "不以买药品赠药品、买商品赠药品的方式赠送药品；赠品选日用品或健康周边。",
    "文案、海报和话术不写疗效承诺，不用“最”“第一”“根治”“无效退款”等绝对化或保证性用语。",
    "短信和话术不提及顾客的疾病、检查结果或用药内容，只说“您常购的商品”“会员关怀”。",
)
HEALTH_FOOD_NOTE = "保健食品的海报和介绍须标明“保健食品不是药物，不能代替药物治疗疾病”，不宣称功效。"
DEVICE_NOTE = "血压计、血糖仪等医疗器械按说明书介绍和演示，不承诺测量以外的作用。"
MEASURE_NOTE = "免费测血压、血糖属便民服务，结果仅供参考、不作诊断，不据测量结果推荐具体药品；记录存档须顾客同意。"
CHILD_NOTE = "儿童用品和营养品由药师按年龄介绍；儿童用药须按说明书或遵医嘱，不作促销对象。"


# Many arguments, by design: a library plan's record, every field by keyword.
def plan(*, key: str, name: str, event: str, classes: tuple, summary: str, description: str, sms_text: str,  # noqa: PLR0913
         objective: str, audience: str, mechanics: tuple, timeline: tuple, budget: tuple,
         measurement: tuple, cautions: tuple = (), price_yuan: float = 0) -> dict:
    """One library plan as the seed and the document builder read it.

    `classes` names the plan's own class first; they are kept in class order, as a submitted plan's are."""
    return {
        "key": key, "name": name, "industry": INDUSTRY, "event": event,
        "target_classes": tuple(class_name for class_name in CLASS_NAMES if class_name in classes),
        "summary": summary, "description": description, "sms_text": sms_text, "price_yuan": price_yuan,
        "objective": objective, "audience": audience, "mechanics": mechanics, "timeline": timeline,
        "budget": budget, "budget_total": round(sum(amount for _, amount in budget), 2),
        "measurement": measurement, "cautions": COMMON_CAUTIONS + cautions,
    }


def sms_cost(people: int) -> tuple:
    """The budget line of one single-part SMS to `people` customers."""
    return f"短信（约 {people} 人 × 1 条 × {SMS_PRICE_YUAN} 元）", round(people * SMS_PRICE_YUAN, 2)


def control_group(percent: int, days: int, metric: str) -> str:
    """The hold-out comparison every plan measures its effect with."""
    return (f"随机留出 {percent}% 目标客户不发短信作对照组，比较两组 {days} 天内的{metric}；"
            f"两组之差才是活动带来的增量。")
