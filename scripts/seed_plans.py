"""Store the platform's pharmacy plan library in a deployed stage: run once from an operator machine.

    PLANS_TABLE=<stage plans table> DATA_BUCKET=<stage data bucket> AWS_REGION=cn-north-1 \
        .venv/bin/python -m scripts.seed_plans

The documents are built with python-docx (a development dependency, not in the Lambda package) and rendered
as an upload is (local/plan_library_cache.py keeps them in build/ after the first build), then validated.
Plans already stored are left as they are, so running it again adds only what is missing. The local stack
runs the same seed on every start.
"""
import os
import sys


def main() -> int:
    missing = [name for name in ("PLANS_TABLE", "DATA_BUCKET", "AWS_REGION") if not os.environ.get(name)]
    if missing:
        print(f"请先设置环境变量：{', '.join(missing)}（部署阶段的方案表、数据桶和区域）", file=sys.stderr)
        return 2
    from chalicelib.services.plans.library_seed import seed_library
    from local.plan_library_cache import document_of

    print(f"已新增 {seed_library(document_of)} 个平台方案")
    return 0


if __name__ == "__main__":
    sys.exit(main())
