"""The frontend's HTTP client words failures from the server's own answer (issue 9, items 1 and 11).

Runs frontend/src/api/http.js and shared/errorText.js in Node, as the browser runs them.
"""
import json
import shutil
import subprocess
from pathlib import Path

import pytest

FRONTEND = Path(__file__).resolve().parents[2] / "frontend"
pytestmark = pytest.mark.skipif(shutil.which("node") is None or not (FRONTEND / "node_modules").is_dir(),
                                reason="needs Node and frontend/node_modules (make frontend)")

SCRIPT = """
import { toApiError } from './src/api/http.js'
import { detailLines } from './src/shared/errorText.js'
const cases = JSON.parse(process.argv[1])
const out = cases.map(({ status, data, url, token }) => {
  const error = toApiError({ response: { status, data }, config: { url, headers: token ? { Authorization: 'Bearer t' } : {} } })
  return { code: error.code, message: error.message, ended: error.sessionRefused, details: detailLines(error) }
})
console.log(JSON.stringify(out))
"""


def words(*cases: dict) -> list[dict]:
    run = subprocess.run(["node", "--input-type=module", "-e", SCRIPT, json.dumps(cases)], cwd=FRONTEND,
                         capture_output=True, text=True, timeout=60, check=True)
    return json.loads(run.stdout)


def test_a_wrong_password_shows_the_servers_words_and_does_not_end_a_session():
    wrong, locked = words(
        {"status": 401, "url": "/api/auth/login",
         "data": {"code": "BAD_CREDENTIALS", "message": "登录名或密码错误，请检查后重试", "details": []}},
        {"status": 423, "url": "/api/auth/login",
         "data": {"code": "ACCOUNT_LOCKED", "message": "账号已锁定，请 15 分钟后再试", "details": []}})
    assert wrong == {"code": "BAD_CREDENTIALS", "message": "登录名或密码错误，请检查后重试", "ended": False, "details": []}
    assert (locked["message"], locked["ended"]) == ("账号已锁定，请 15 分钟后再试", False)


def test_a_wrong_old_password_on_a_signed_in_call_does_not_end_the_session():
    [answer] = words({"status": 401, "url": "/api/me/password", "token": True,
                      "data": {"code": "BAD_CREDENTIALS", "message": "原密码不正确", "details": []}})
    assert (answer["message"], answer["ended"]) == ("原密码不正确", False)


def test_a_refused_session_ends_it_with_the_servers_reason():
    expired, disabled, forbidden, bare = words(
        {"status": 401, "url": "/api/customers", "token": True,
         "data": {"code": "TOKEN_EXPIRED", "message": "登录已过期，请重新登录", "details": []}},
        {"status": 401, "url": "/api/me", "token": True,
         "data": {"code": "TENANT_DISABLED", "message": "您的企业账号已被禁用", "details": []}},
        {"status": 403, "url": "/api/admin/staff", "token": True,
         "data": {"code": "FORBIDDEN", "message": "您的账号没有权限执行此操作", "details": []}},
        {"status": 401, "url": "/api/me", "token": True, "data": {"message": "Unauthorized"}})
    assert (expired["ended"], expired["message"]) == (True, "登录已过期，请重新登录")
    assert (disabled["ended"], disabled["message"]) == (True, "您的企业账号已被禁用")
    assert forbidden["ended"] is False
    assert (bare["ended"], bare["message"]) == (True, "登录已过期，请重新登录")


def test_gateway_answers_in_english_are_worded_in_chinese():
    [throttled] = words({"status": 429, "url": "/api/customers", "token": True, "data": {"message": "Too Many Requests"}})
    assert throttled["message"] == "操作过于频繁，请稍后再试"


def test_details_reach_the_user_without_repeating_the_message():
    missing, internal = words(
        {"status": 400, "url": "/api/imports", "token": True, "data": {
            "code": "FILE_REJECTED", "message": "文件无法导入",
            "details": [{"field": "客户编码", "message": "缺少必填列"}, {"field": "retry_after", "message": "15"}]}},
        {"status": 400, "url": "/api/me/profile", "token": True, "data": {
            "code": "VALIDATION_FAILED", "message": "提交的信息有误",
            "details": [{"field": "region.city", "message": "请选择城市"}]}})
    assert missing["details"] == ["客户编码：缺少必填列"]
    assert internal["details"] == ["请选择城市"]
