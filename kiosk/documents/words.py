"""The words of everything the terminal prints, in one place: certificates, receipt slips and the
card face are official documents in Chinese whatever language the screen shows. The vocabulary
(insurance kinds, insured states, operations) is keyed as the contract names it, and the UI's
Chinese words for the same vocabulary are these (tests/ui/test_words.py holds them equal)."""

from __future__ import annotations

from kiosk.central import codes as m

TITLES: dict[m.CertificateKind, str] = {
    m.CertificateKind.CONTRIBUTION: "社会保险个人参保缴费证明",
    m.CertificateKind.PERSONAL_RIGHTS: "社会保险个人权益记录",
    m.CertificateKind.PENSION_RECEIPT: "养老金领取证明",
}
COLUMNS: dict[str, str] = {
    "year": "年度",
    "kind": "险种",
    "months_paid": "缴费月数",
    "base_fen": "月均缴费基数（元）",
    "personal_fen": "个人缴费（元）",
    "employer_fen": "单位缴费（元）",
    "state": "参保状态",
    "since": "参保日期",
    "region": "参保地",
    "balance_fen": "个人账户余额（元）",
    "month": "月份",
    "amount_fen": "发放金额（元）",
    "paid_on": "发放日期",
}
INSURANCE: dict[str, str] = {
    "employee_pension": "职工基本养老保险",
    "resident_pension": "城乡居民基本养老保险",
    "employee_medical": "职工基本医疗保险",
    "resident_medical": "城乡居民基本医疗保险",
    "unemployment": "失业保险",
    "work_injury": "工伤保险",
}
INSURED_STATE: dict[str, str] = {
    "insured": "参保缴费",
    "suspended": "暂停缴费",
    "receiving_benefits": "享受待遇",
    "not_enrolled": "未参保",
}
OPERATION: dict[str, str] = {
    "enrollment": "参保登记",
    "eligibility_authentication": "待遇资格认证",
    "card_loss_report": "社保卡挂失",
    "payment_confirmation": "社保缴费",
    "card_activation": "社保卡启用",
    "card_issuance_outcome": "自助制卡",
    "card_delivery_application": "社保卡申领",
}

# --- the staff's day report (kiosk.documents.day_report), in the language the staff chose ---

DAY_REPORT: dict[str, dict[str, str]] = {
    "zh_CN": {
        "title": "上门服务工作日报",
        "sep": "：",
        "terminal": "终端编号",
        "staff": "工作人员工号",
        "staff_column": "工号",
        "all_staff": "全部工作人员",
        "day": "日期",
        "generated_at": "生成时间",
        "visits": "服务记录",
        "time": "时间",
        "service": "业务",
        "citizen": "服务对象",
        "identity": "身份核验",
        "outcome": "办理结果",
        "receipts": "回执号及状态",
        "no_visits": "当日无服务记录。",
        "totals": "按业务合计",
        "total": "合计",
        "count": "服务次数",
        "completed": "办结",
        "cancelled": "取消",
        "failed": "未办结",
        "receipt_count": "回执",
        "waiting_count": "待上传",
        "waiting": "待上传事项",
        "nothing_waiting": "当日事项均已送达社保系统。",
        "other_waiting": "另有 {count} 项其他日期或其他工作人员的事项在本终端待上传。",
        "queued_at": "排队时间",
        "attempts": "尝试次数",
        "last_error": "最近错误",
        "signature": "终端签名",
        "scheme": "签名方式：HMAC-SHA256，密钥由本终端密钥经 HKDF-SHA256"
        "（info = sheyin day report v1）派生。",
        "fingerprint": "签名指纹",
        "unsigned": "未签名（草稿，不能作为日报提交）",
        "how_to_verify": "核验：在持有本终端密钥的终端上运行 "
        "sheyin staff verify-report 文件名.pdf；或取出本文件元数据 Keywords 中"
        "“sheyin-day-report-v1:”之后的 Base64 文本，解码得到 content 与 signature，"
        "以上述派生密钥对 content 的 UTF-8 字节计算 HMAC-SHA256，结果应与 signature 一致。"
        "文件的任何改动都会使核验失败。",
        "staff_signature": "工作人员签字：",
        "branch_check": "网点复核：",
        "page": "第 {page} 页 / 共 {pages} 页",
        "failed_code": "未办结（{code}）",
        "erased": "（已按规定清除）",
    },
    "en": {
        "title": "Home-visit day report",
        "sep": ": ",
        "terminal": "Terminal",
        "staff": "Staff number",
        "staff_column": "Staff",
        "all_staff": "all staff",
        "day": "Date",
        "generated_at": "Generated at",
        "visits": "Visits",
        "time": "Time",
        "service": "Service",
        "citizen": "Citizen",
        "identity": "Identified by",
        "outcome": "Outcome",
        "receipts": "Receipts and state",
        "no_visits": "No visits on this day.",
        "totals": "Totals per service",
        "total": "Total",
        "count": "Visits",
        "completed": "Completed",
        "cancelled": "Cancelled",
        "failed": "Failed",
        "receipt_count": "Receipts",
        "waiting_count": "Waiting",
        "waiting": "Still waiting for the central system",
        "nothing_waiting": "Everything queued on this day has reached the central system.",
        "other_waiting": "{count} more entries from other days or other staff wait on this "
        "terminal.",
        "queued_at": "Queued at",
        "attempts": "Attempts",
        "last_error": "Last error",
        "signature": "Terminal signature",
        "scheme": "Scheme: HMAC-SHA256 under a key derived from this terminal's key with "
        "HKDF-SHA256 (info = sheyin day report v1).",
        "fingerprint": "Fingerprint",
        "unsigned": "UNSIGNED (a draft, not a day report)",
        "how_to_verify": "To verify: run sheyin staff verify-report FILE.pdf on a terminal that "
        "holds this terminal's key; or take the Base64 text after 'sheyin-day-report-v1:' in "
        "the file's Keywords metadata, decode it to content and signature, and compute "
        "HMAC-SHA256 of content's UTF-8 bytes under the derived key: it must equal signature. "
        "Any change to the file fails the check.",
        "staff_signature": "Staff signature:",
        "branch_check": "Checked by the branch:",
        "page": "Page {page} of {pages}",
        "failed_code": "failed ({code})",
        "erased": "(erased as required)",
    },
}
SERVICE_NAME: dict[str, dict[str, str]] = {
    "zh_CN": {
        "eligibility": "待遇资格认证",
        "enrollment": "参保登记",
        "query": "参保查询",
        "payment": "社保缴费",
        "certificates": "权益证明打印",
        "card": "社保卡办理",
        "progress": "查进度",
    },
    "en": {
        "eligibility": "Pension eligibility check",
        "enrollment": "Enrolment",
        "query": "My insurance records",
        "payment": "Pay contributions",
        "certificates": "Print certificates",
        "card": "Social security card",
        "progress": "Check progress",
    },
}
"""kiosk.codes.ServiceId → its name, as the screens name it."""
VISIT_OUTCOME: dict[str, dict[str, str]] = {
    "zh_CN": {
        "completed": "办结",
        "cancelled": "已取消",
        "idle": "超时结束",
        "card_removed": "取卡结束",
        "staff_logout": "工作人员退出",
        "shutdown": "终端关闭",
        "card.expired": "社保卡已过期",
        "card.pin_blocked": "社保卡密码已锁定",
        "card.reported_lost": "社保卡已挂失",
        "eligibility.liveness_failed": "活体检测未通过",
        "eligibility.not_pensioner": "非待遇领取人员",
        "enrollment.already_enrolled": "已参保",
        "queue.offline_not_allowed": "离线时不能办理",
        "internal.error": "终端故障",
    },
    "en": {
        "completed": "completed",
        "cancelled": "cancelled",
        "idle": "ended: no activity",
        "card_removed": "ended: card removed",
        "staff_logout": "ended: staff logged out",
        "shutdown": "ended: terminal shut down",
        "card.expired": "card expired",
        "card.pin_blocked": "card PIN blocked",
        "card.reported_lost": "card reported lost",
        "eligibility.liveness_failed": "liveness check failed",
        "eligibility.not_pensioner": "not a pensioner",
        "enrollment.already_enrolled": "already enrolled",
        "queue.offline_not_allowed": "needs the network",
        "internal.error": "terminal fault",
    },
}
"""The codes a visit most often ends on; any other reads as DAY_REPORT's failed_code."""
IDENTITY_METHOD: dict[str, dict[str, str]] = {
    "zh_CN": {
        "card_pin": "社保卡 + 密码",
        "card": "社保卡",
        "id_card": "身份证",
        "id_card_face": "身份证 + 人脸",
        "staff_confirmed": "工作人员确认 + 人脸（{reason}）",
        "": "未核验",
    },
    "en": {
        "card_pin": "card and PIN",
        "card": "card",
        "id_card": "ID card",
        "id_card_face": "ID card and face",
        "staff_confirmed": "confirmed by staff, face checked ({reason})",
        "": "not identified",
    },
}
CONFIRMATION_REASON: dict[str, dict[str, str]] = {
    "zh_CN": {"bedridden": "卧床", "cannot_use_hands": "双手无法按键", "cannot_see": "看不清键盘"},
    "en": {
        "bedridden": "bedridden",
        "cannot_use_hands": "cannot use their hands",
        "cannot_see": "cannot see the keypad",
    },
}
"""Why a member of staff confirmed a citizen who could not enter their PIN."""
RECEIPT_STATE: dict[str, dict[str, str]] = {
    "zh_CN": {
        "waiting": "待上传",
        "delivered": "已送达",
        "refused": "被退回（{reason}）",
        "unknown": "本终端无记录",
    },
    "en": {
        "waiting": "waiting",
        "delivered": "delivered",
        "refused": "refused ({reason})",
        "unknown": "not on this terminal",
    },
}
