"""The eight RFM classes, in the SPEC's order (which is also the up/down order of moves)."""

CLASS_NAMES = (
    "重要价值客户", "重要发展客户", "重要保持客户", "重要挽留客户",
    "一般价值客户", "一般发展客户", "一般保持客户", "一般挽留客户",
)
NO_PURCHASE = "无购买"  # analysed, but no purchase in the analysis' window
NOT_ANALYSED = "未分析"  # no saved analysis has looked at the customer yet
CLASS_LABELS = (*CLASS_NAMES, NO_PURCHASE, NOT_ANALYSED)  # every value a customer's class shows, best first
