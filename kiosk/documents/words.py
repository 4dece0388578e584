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
}
