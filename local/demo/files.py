"""Realistic demo files for the local stack's demo pharmacy: customers and two years of orders."""
import csv
import io
import random
from datetime import datetime, timedelta

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗"
GIVEN = ("伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "洋", "艳", "勇", "军", "杰", "娟", "涛", "明", "超",
         "秀英", "桂兰", "建国")
DISTRICTS = ("福田区", "罗湖区", "南山区", "宝安区", "龙岗区", "龙华区")
TAGS = ("慢病", "会员", "医保", "母婴", "中老年", "中药调理")
STORES = ("福田店", "南山店", "龙华店")


def _csv(header: list[str], rows: list[list]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8-sig")


def demo_files(customers: int = 400, today: datetime | None = None, seed: int = 7) -> dict[str, bytes]:
    """{"customers": csv bytes, "orders": csv bytes}: Pareto-like visit counts, lognormal baskets; most of a
    customer's orders at one store (the customers' 所属门店 follows from them)."""
    rng = random.Random(seed)
    store_rng = random.Random(seed + 1)  # its own draws: the other columns stay as they were before stores
    today = today or datetime.now()
    people: list[list] = []
    orders: list[list] = []
    for n in range(1, customers + 1):
        code = f"KN{n:05d}"
        tags = ",".join(rng.sample(TAGS, rng.choice((0, 1, 1, 2))))
        mobile = f"13{rng.randint(0, 9)}{rng.randint(0, 99999999):08d}"
        birthday = f"{rng.randint(1950, 2000)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        people.append([code, rng.choice(SURNAMES) + rng.choice(GIVEN), mobile, rng.choice("男女"), birthday,
                       f"广东省/深圳市/{rng.choice(DISTRICTS)}", "", tags, rng.choice(("是", "是", "否"))])
        usual = store_rng.choice(STORES)
        visits = min(60, int(rng.paretovariate(1.6) * 3))  # median 4 visits, a few regulars near 60
        for _ in range(visits):
            when = today - timedelta(days=rng.randint(0, 729), minutes=rng.randint(0, 720))
            amount = round(min(5000.0, rng.lognormvariate(4.2, 0.8)), 2)
            store = usual if store_rng.random() < 0.85 else store_rng.choice(STORES)
            orders.append([f"XS{len(orders) + 1:07d}", code, when.strftime("%Y-%m-%d %H:%M"), f"{amount:.2f}", store])
    customer_header = ["客户编码", "客户名称", "手机号", "性别", "生日", "地区", "身份证号", "标签", "短信同意"]
    return {"customers": _csv(customer_header, people),
            "orders": _csv(["订单编号", "客户编码", "下单时间", "订单金额", "门店"], orders)}
