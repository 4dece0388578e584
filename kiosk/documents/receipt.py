"""Receipts for the receipt printer: what each service's slip says, as plain lines.

The QR code carries the receipt number alone, so the 查进度 screen's scanner reads it back. A
slip names the citizen only masked: it may be left on the counter."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from kiosk.documents.words import INSURANCE, OPERATION


@dataclass(frozen=True)
class ReceiptSlip:
    title: str
    lines: tuple[str, ...]
    qr: str | None


def grouped(receipt_number: str) -> str:
    return " ".join(receipt_number[i : i + 4] for i in range(0, len(receipt_number), 4))


def yuan(fen: int) -> str:
    return f"{fen // 100}.{fen % 100:02d}"


def _footer(terminal_id: str, at: datetime) -> tuple[str, ...]:
    return (
        "-" * 32,
        f"终端：{terminal_id}",
        f"时间：{at.astimezone():%Y-%m-%d %H:%M:%S}",
        "凭受理编号可在任一自助终端“查进度”",
        "咨询电话：12333",
    )


def payment_receipt(
    *,
    receipt_number: str,
    insurance: str,
    year: int,
    amount_fen: int,
    bank_reference: str,
    paid_at: datetime,
    masked_name: str,
    terminal_id: str,
    queued: bool,
) -> ReceiptSlip:
    lines = (
        f"姓名：{masked_name}",
        f"险种：{INSURANCE.get(insurance, insurance)}",
        f"缴费年度：{year}",
        f"金额：{yuan(amount_fen)} 元",
        f"支付流水号：{bank_reference}",
        f"受理编号：{grouped(receipt_number)}",
        "到账确认：" + ("已提交，待中心处理" if queued else "中心已确认"),
    )
    return ReceiptSlip("社保缴费回执", lines + _footer(terminal_id, paid_at), receipt_number)


def enrollment_receipt(
    *,
    receipt_number: str,
    insurances: tuple[str, ...],
    effective_from: date | None,
    masked_name: str,
    terminal_id: str,
    accepted_at: datetime,
) -> ReceiptSlip:
    lines = (
        f"姓名：{masked_name}",
        *(f"险种：{INSURANCE.get(kind, kind)}" for kind in insurances),
        f"生效日期：{effective_from:%Y-%m-%d}" if effective_from else "状态：已受理，待中心处理",
        f"受理编号：{grouped(receipt_number)}",
    )
    return ReceiptSlip("参保登记回执", lines + _footer(terminal_id, accepted_at), receipt_number)


def queued_receipt(
    *, receipt_number: str, operation: str, terminal_id: str, accepted_at: datetime
) -> ReceiptSlip:
    lines = (
        f"业务：{OPERATION.get(operation, operation)}",
        "状态：网络中断，已受理，待网络恢复后提交中心",
        f"受理编号：{grouped(receipt_number)}",
    )
    return ReceiptSlip("受理回执", lines + _footer(terminal_id, accepted_at), receipt_number)


def card_receipt(
    *,
    receipt_number: str,
    masked_name: str,
    masked_card_number: str,
    retired_masked_card_number: str | None,
    valid_until: date,
    terminal_id: str,
) -> ReceiptSlip:
    lines = (
        f"姓名：{masked_name}",
        f"社会保障卡号：{masked_card_number}",
        f"有效期至：{valid_until:%Y-%m-%d}",
        "状态：已制卡并启用，密码为您刚才设置的密码",
        *((f"原卡 {retired_masked_card_number} 已注销",) if retired_masked_card_number else ()),
        f"受理编号：{grouped(receipt_number)}",
    )
    return ReceiptSlip(
        "社保卡领卡回执", lines + _footer(terminal_id, datetime.now().astimezone()), receipt_number
    )
