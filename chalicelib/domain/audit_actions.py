"""Every action the audit log records, grouped as 审计日志's 操作 filter offers them.

tests/unit/test_audit_actions.py reads every audit write in chalicelib and checks this list against them both
ways: a new action must be added here, and an action no code writes any more must go."""

ACTION_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("企业审核与资料", ("审核通过", "审核不通过", "禁用", "重新启用", "通过资料变更", "驳回资料变更", "撤回资料变更",
                   "修改企业资料", "更新通话记录")),
    ("交费与套餐", ("登记交费", "作废交费", "修改收费套餐", "修改套餐与价格", "设置短信发送上限")),
    ("平台设置与字典", ("修改平台设置", "修改活动字典", "修改行业字典")),
    ("员工与账号", ("新增员工", "启用员工", "停用员工", "新增子账号", "启用子账号", "停用子账号", "创建接口密钥",
                "吊销接口密钥")),
    ("营销方案", ("新建平台方案", "修改平台方案", "提交方案", "修改并重新提交方案", "撤回方案", "审核通过方案", "驳回方案",
              "下架方案", "重新上架方案")),
    ("客户与分析", ("保存客户分析", "删除客户分析", "设为当前分类", "保存人群", "修改人群", "删除人群", "批量修改标签",
               "修改短信同意")),
    ("短信与营销活动", ("修改短信设置", "提交短信模板", "删除短信模板", "新建营销活动", "修改营销活动", "删除营销活动",
                 "发送营销活动", "定时发送营销活动", "暂停营销活动", "继续发送营销活动", "登记退订")),
    ("数据导入与导出", ("回滚订单导入", "修改导入字段映射", "添加门店", "导出客户列表", "导出外呼名单", "导出分析报告",
                 "导出客户迁移", "导出企业全部数据", "申请删除企业数据", "撤销删除企业数据", "删除企业数据", "导出交费列表",
                 "导出审计日志")),
)


def action_groups() -> list[dict]:
    return [{"label": label, "actions": list(actions)} for label, actions in ACTION_GROUPS]
