"""Kuajing's envelope codes — ours, not PandaPon's.

PandaPon confirms only ``200``/``成功`` for success; its error-code page was never published (spec §1.5, gap X3).
Kuajing therefore defines one table of its own. A code is five digits: the first three are an HTTP status — the one
the server answers with in ``mirror`` mode (by default refusals travel with HTTP 200 and only 5xx keep theirs, see
docs/errors.md) — and the last two tell the cases of that family apart. The table is shared by the server and the client SDK and is rendered into
docs/errors.md by a test that fails when the two disagree.

    200      success
    400xx    the request is malformed or a parameter is invalid
    401xx    the request cannot be authenticated (headers, signature, timestamp, nonce, key)
    403xx    authenticated, but not allowed (sub-account, sandbox-only route)
    404xx    the route or the object does not exist (for this developer)
    409xx    the object exists but its state forbids the action, or a concurrent change won
    422xx    business refusal: money, stock, price or limits
    429xx    rate limited
    500xx    internal error
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

SUCCESS_CODE = 200
SUCCESS_MSG = "成功"  # spelled as PandaPon sends it


@dataclass(frozen=True, slots=True)
class CodeInfo:
    """How a code is presented: the Chinese message (PandaPon clients show ``msg``) and an English gloss."""

    msg: str
    en: str


class Code(IntEnum):
    """Every code the server can put in ``code``. Values never change once shipped."""

    SUCCESS = 200
    # 400xx — bad request
    MALFORMED_JSON = 40001
    INVALID_PARAMETER = 40002
    UNSUPPORTED_MEDIA_TYPE = 40003
    BODY_TOO_LARGE = 40004
    # 401xx — authentication
    MISSING_HEADER = 40101
    BAD_SIGNATURE = 40102
    TIMESTAMP_EXPIRED = 40103
    NONCE_REPLAYED = 40104
    UNKNOWN_ACCESS_KEY = 40105
    ACCESS_KEY_DISABLED = 40106
    DEVELOPER_DISABLED = 40107
    # 403xx — permission
    SUB_ACCOUNT_NOT_ALLOWED = 40301
    SANDBOX_ONLY = 40302
    # 404xx — not found
    NOT_FOUND = 40401
    UNKNOWN_ROUTE = 40402
    METHOD_NOT_ALLOWED = 40501
    # 409xx — state conflicts
    STATE_CONFLICT = 40901
    CONCURRENT_UPDATE = 40902
    DUPLICATE = 40903
    # 422xx — business refusals
    INSUFFICIENT_BALANCE = 42201
    OUT_OF_STOCK = 42202
    PRICE_CHANGED = 42203
    LIMIT_EXCEEDED = 42204
    NOT_PURCHASABLE = 42205
    CALLBACK_UNREACHABLE = 42206
    IDEMPOTENCY_KEY_REUSED = 42207
    # 429xx — rate limiting
    RATE_LIMITED = 42901
    # 500xx — internal
    INTERNAL = 50001
    SERVICE_UNAVAILABLE = 50301

    @property
    def http_status(self) -> int:
        """The HTTP status of this code's family: the first three digits (200 for success)."""
        return 200 if self is Code.SUCCESS else int(self) // 100

    @property
    def info(self) -> CodeInfo:
        return CODE_INFO[self]


CODE_INFO: dict[Code, CodeInfo] = {
    Code.SUCCESS: CodeInfo(SUCCESS_MSG, "success"),
    Code.MALFORMED_JSON: CodeInfo("请求体不是合法的JSON", "the request body is not valid JSON"),
    Code.INVALID_PARAMETER: CodeInfo("参数错误", "a parameter is missing or invalid; `msg` names the field"),
    Code.UNSUPPORTED_MEDIA_TYPE: CodeInfo("不支持的内容类型", "the body must be application/json"),
    Code.BODY_TOO_LARGE: CodeInfo("请求体过大", "the request body exceeds the configured limit"),
    Code.MISSING_HEADER: CodeInfo("缺少系统参数请求头", "a required system header is missing; `msg` names it"),
    Code.BAD_SIGNATURE: CodeInfo("签名错误", "the signature does not match"),
    Code.TIMESTAMP_EXPIRED: CodeInfo(
        "时间戳无效或超出600秒窗口", "the timestamp is not a 10/13-digit epoch or is more than 600 s away"
    ),
    Code.NONCE_REPLAYED: CodeInfo("nonce-str 已被使用", "this nonce-str was already used within the window"),
    Code.UNKNOWN_ACCESS_KEY: CodeInfo("access-key 不存在", "no such access key"),
    Code.ACCESS_KEY_DISABLED: CodeInfo("access-key 已停用", "the access key is disabled"),
    Code.DEVELOPER_DISABLED: CodeInfo(
        "开发者账号已停用", "the key's developer account is disabled (every key of it); ask the operator"
    ),
    Code.SUB_ACCOUNT_NOT_ALLOWED: CodeInfo(
        "user-id 不是该开发者的子账号", "user-id is not a sub-account of the key's developer"
    ),
    Code.SANDBOX_ONLY: CodeInfo("仅沙箱模式可用", "this route exists only in sandbox mode"),
    Code.NOT_FOUND: CodeInfo("数据不存在", "the object does not exist for this developer"),
    Code.UNKNOWN_ROUTE: CodeInfo("接口不存在", "no such route"),
    Code.METHOD_NOT_ALLOWED: CodeInfo("请求方法不支持", "the route exists but not for this HTTP method"),
    Code.STATE_CONFLICT: CodeInfo("当前状态不允许该操作", "the object's state does not allow this action"),
    Code.CONCURRENT_UPDATE: CodeInfo("数据已被并发修改,请重试", "a concurrent change won; retry"),
    Code.DUPLICATE: CodeInfo("数据重复", "the object already exists"),
    Code.INSUFFICIENT_BALANCE: CodeInfo("余额不足", "the wallet balance does not cover the amount"),
    Code.OUT_OF_STOCK: CodeInfo("库存不足", "not enough stock"),
    Code.PRICE_CHANGED: CodeInfo("价格已变化,请重新预览", "price or availability changed since the preview"),
    Code.LIMIT_EXCEEDED: CodeInfo("超出限制", "a documented limit was exceeded"),
    Code.NOT_PURCHASABLE: CodeInfo("商品不可购买", "the goods cannot be bought (offline, below minimum quantity…)"),
    Code.CALLBACK_UNREACHABLE: CodeInfo(
        "回调地址验证失败", "the callback URL did not answer the verification POST with 200"
    ),
    Code.IDEMPOTENCY_KEY_REUSED: CodeInfo(
        "幂等键已用于另一个请求", "this Idempotency-Key was already used for a different request; use a new key"
    ),
    Code.RATE_LIMITED: CodeInfo("请求过于频繁", "too many requests; see Retry-After"),
    Code.INTERNAL: CodeInfo("系统错误", "internal error; quote the requestId when reporting it"),
    Code.SERVICE_UNAVAILABLE: CodeInfo("服务暂不可用", "a dependency (database) is unavailable"),
}
