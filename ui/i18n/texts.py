"""Words for the codes the core returns: services, errors, activities, insurance terms."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from kiosk.central import codes as m
from kiosk.services.catalog import DeviceClass
from kiosk.services.errors import EndReason
from kiosk.services.session import ServiceId
from kiosk.services.steps import Activity
from ui.i18n import tr


def service_name(service: ServiceId) -> str:
    return {
        ServiceId.ELIGIBILITY: lambda: tr("Pension eligibility check"),
        ServiceId.ENROLLMENT: lambda: tr("Enrolment"),
        ServiceId.QUERY: lambda: tr("My insurance records"),
        ServiceId.PAYMENT: lambda: tr("Pay contributions"),
        ServiceId.CERTIFICATES: lambda: tr("Print certificates"),
        ServiceId.CARD: lambda: tr("Social security card"),
        ServiceId.PROGRESS: lambda: tr("Check progress"),
    }[service]()


def service_hint(service: ServiceId) -> str:
    return {
        ServiceId.ELIGIBILITY: lambda: tr("Yearly proof of life to keep your pension paid"),
        ServiceId.ENROLLMENT: lambda: tr("Join the residents' pension or medical insurance"),
        ServiceId.QUERY: lambda: tr("Status, contributions, account balance, payments"),
        ServiceId.PAYMENT: lambda: tr("Pay by bank card or QR code"),
        ServiceId.CERTIFICATES: lambda: tr("Contribution and pension certificates on A4"),
        ServiceId.CARD: lambda: tr("Report a lost card"),
        ServiceId.PROGRESS: lambda: tr("Track a request with its receipt number"),
    }[service]()


def offline_hint(service: ServiceId) -> str:
    """On the home screen while offline: what still works, or that it needs the network."""
    return {
        ServiceId.ELIGIBILITY: lambda: tr("Works offline: receipt now, checked later"),
        ServiceId.ENROLLMENT: lambda: tr("Works offline: provisional receipt"),
        ServiceId.CARD: lambda: tr("Works offline: sent first when back online"),
        ServiceId.PROGRESS: lambda: tr("Works offline: for receipts from this kiosk"),
    }.get(service, lambda: tr("Needs the network: not available now"))()


def device_name(device: DeviceClass) -> str:
    return {
        DeviceClass.CARD_READER: lambda: tr("Card reader"),
        DeviceClass.IDCARD_READER: lambda: tr("ID card reader"),
        DeviceClass.CAMERA: lambda: tr("Camera"),
        DeviceClass.PRINTER: lambda: tr("A4 printer"),
        DeviceClass.RECEIPT_PRINTER: lambda: tr("Receipt printer"),
        DeviceClass.PINPAD: lambda: tr("PIN pad"),
        DeviceClass.CARD_ISSUER: lambda: tr("Card issuer"),
    }[device]()


def device_down_hint(device: DeviceClass) -> str:
    """On a home tile whose service needs a device that is missing or out of order."""
    return {
        DeviceClass.CARD_READER: lambda: tr("Not available now: the card reader is out of order"),
        DeviceClass.IDCARD_READER: lambda: tr(
            "Not available now: the ID card reader is out of order"
        ),
        DeviceClass.CAMERA: lambda: tr("Not available now: the camera is out of order"),
        DeviceClass.PRINTER: lambda: tr("Not available now: the printer is out of order"),
        DeviceClass.RECEIPT_PRINTER: lambda: tr(
            "Not available now: the receipt printer is out of order"
        ),
        DeviceClass.PINPAD: lambda: tr("Not available now: the PIN pad is out of order"),
        DeviceClass.CARD_ISSUER: lambda: tr("Not available now: cards cannot be made"),
    }[device]()


def operation_name(operation: str) -> str:
    return {
        "card_loss_report": lambda: tr("Report of a lost social security card"),
        "eligibility_authentication": lambda: tr("Pension eligibility check"),
        "enrollment": lambda: tr("Enrolment"),
        "payment_confirmation": lambda: tr("Contribution payment"),
        "card_activation": lambda: tr("Activation of a social security card"),
        "card_issuance_outcome": lambda: tr("Social security card made at a kiosk"),
        "card_delivery_application": lambda: tr("Application for a social security card"),
    }.get(operation, lambda: tr("Request"))()


def receipt_state(state: m.ReceiptState) -> str:
    return {
        m.ReceiptState.QUEUED: lambda: tr("Waiting to be sent"),
        m.ReceiptState.DELIVERED: lambda: tr("Processed"),
        m.ReceiptState.UNDER_REVIEW: lambda: tr("Being checked by staff"),
        m.ReceiptState.REJECTED: lambda: tr("Not accepted"),
    }[state]()


def activity(value: Activity) -> str:
    return {
        Activity.READING_CARD: lambda: tr("Reading your card…"),
        Activity.CHECKING_CARD: lambda: tr("Checking your card…"),
        Activity.VERIFYING_PIN: lambda: tr("Checking your PIN…"),
        Activity.FETCHING_RECORDS: lambda: tr("Fetching your records…"),
        Activity.SUBMITTING: lambda: tr("Sending your request…"),
        Activity.CHECKING_PROGRESS: lambda: tr("Looking up your receipt…"),
        Activity.CHECKING_ELIGIBILITY: lambda: tr("Checking your pension status…"),
        Activity.PREPARING_CAMERA: lambda: tr("Starting the camera…"),
        Activity.ISSUING_CERTIFICATE: lambda: tr("Preparing your certificate…"),
        Activity.READING_ID_CARD: lambda: tr("Reading your ID card…"),
        Activity.CHECKING_ENROLLMENT: lambda: tr("Checking your insurance records…"),
        Activity.PRINTING: lambda: tr("Printing…"),
        Activity.FETCHING_PAYABLES: lambda: tr("Looking up what you can pay…"),
        Activity.CREATING_ORDER: lambda: tr("Preparing your payment…"),
        Activity.READING_BANK_CARD: lambda: tr("Reading the bank account on your card…"),
        Activity.DEBITING: lambda: tr("Paying from your bank account…"),
        Activity.CONFIRMING_PAYMENT: lambda: tr("Recording your contribution…"),
        Activity.CANCELLING_ORDER: lambda: tr("Cancelling the payment…"),
        Activity.APPLYING_FOR_CARD: lambda: tr("Checking your application…"),
        Activity.RETAINING_CARD: lambda: tr("Putting the unfinished card away…"),
        Activity.CHANGING_PIN: lambda: tr("Changing your PIN…"),
        Activity.ACTIVATING_CARD: lambda: tr("Activating your card…"),
    }[value]()


@dataclass(frozen=True)
class ErrorText:
    title: str
    advice: str
    elsewhere: str = ""
    """The advice where this kiosk cannot offer the remedy the advice names (no ID card
    reader, no camera, the service not run here): where to go instead."""


_ERRORS: dict[str, Callable[[], ErrorText]] = {
    "card.absent": lambda: ErrorText(
        tr("No card in the reader"), tr("Please insert your social security card.")
    ),
    "card.removed": lambda: ErrorText(
        tr("The card was taken out"), tr("Please start again and leave the card in.")
    ),
    "card.unresponsive": lambda: ErrorText(
        tr("The card cannot be read"),
        tr("Wipe the gold chip, insert the card fully, chip side up, and try again."),
    ),
    "card.not_ssc": lambda: ErrorText(
        tr("This is not a social security card"),
        tr("Please insert your social security card. Bank cards are not accepted here."),
    ),
    "card.malformed": lambda: ErrorText(
        tr("The card cannot be read"),
        tr("The chip gave an answer we cannot use. Please ask the staff for help."),
    ),
    "card.command_failed": lambda: ErrorText(
        tr("The card cannot be read"),
        tr("The chip refused a request. Please ask the staff for help."),
    ),
    "card.bad_id_number": lambda: ErrorText(
        tr("The ID number on this card is not valid"),
        tr("Please take the card to the social security counter to have it checked."),
    ),
    "card.no_name": lambda: ErrorText(
        tr("There is no name stored on this card"),
        tr("Please take the card to the social security counter to have it checked."),
    ),
    "card.expired": lambda: ErrorText(
        tr("This card has expired"),
        tr("Please apply for a new card at the social security counter."),
    ),
    "card.reported_lost": lambda: ErrorText(
        tr("This card has been reported lost"),
        tr(
            "It can no longer be used. You can get a replacement card here now. If it was "
            "reported lost by mistake, ask the staff for help."
        ),
        tr(
            "It can no longer be used. Please apply for a replacement card at the social "
            "security counter. If it was reported lost by mistake, ask the staff for help."
        ),
    ),
    "card.retired": lambda: ErrorText(
        tr("This card has been replaced"),
        tr("Please use your new card."),
    ),
    "card.not_activated": lambda: ErrorText(
        tr("This card is not activated yet"),
        tr("You can activate it here now with your ID card."),
        tr("Please take it and your ID card to the social security counter to activate it."),
    ),
    "card.pin_blocked": lambda: ErrorText(
        tr("Your card PIN is locked"),
        tr(
            "The wrong PIN was entered too many times. You can set a new PIN here "
            "now with your ID card and a face check."
        ),
        tr(
            "The PIN was entered wrongly too many times. Please take your card and ID card to "
            "the social security counter to set a new PIN."
        ),
    ),
    "card.pin_format": lambda: ErrorText(
        tr("The PIN must have 6 digits"), tr("Please start again.")
    ),
    "card.no_reader": lambda: ErrorText(
        tr("The card reader is not working"), tr("Please ask the staff for help.")
    ),
    "card.not_found": lambda: ErrorText(
        tr("This card is not known to the social security system"),
        tr("Please ask the staff for help."),
    ),
    "card.holder_mismatch": lambda: ErrorText(
        tr("This card does not match its holder's records"),
        tr("Please take the card to the social security counter to have it checked."),
    ),
    "person.not_found": lambda: ErrorText(
        tr("No social security records were found"),
        tr("If you have not enrolled yet, you can enrol here now."),
        tr("If you have not enrolled yet, please enrol at the social security counter."),
    ),
    "person.reference_expired": lambda: ErrorText(
        tr("Your session has timed out"), tr("Please start again.")
    ),
    "central.unavailable": lambda: ErrorText(
        tr("The social security system cannot be reached"),
        tr("Nothing was changed. Please try again in a few minutes."),
    ),
    "central.timeout": lambda: ErrorText(
        tr("The social security system is not answering"),
        tr("Nothing was changed. Please try again in a few minutes."),
    ),
    "card.not_active": lambda: ErrorText(
        tr("There is no active card to report lost"),
        tr("Your card may already be reported lost or replaced. Please ask the staff for help."),
    ),
    "loss_report.proof_mismatch": lambda: ErrorText(
        tr("The details do not match our records"),
        tr(
            "The mobile number is not the one registered with us. Nothing was "
            "changed. Please try again, call 12333 or ask the staff for help."
        ),
    ),
    "loss_report.proof_missing": lambda: ErrorText(
        tr("The details do not match our records"),
        tr("Nothing was changed. Please ask the staff for help."),
    ),
    "eligibility.not_pensioner": lambda: ErrorText(
        tr("No pension is paid to this cardholder"),
        tr("The yearly check is only for people who receive a pension. Ask the staff if unsure."),
    ),
    "eligibility.liveness_failed": lambda: ErrorText(
        tr("The face check did not succeed"),
        tr("Please ask the staff for help: they can do the check for you at the counter."),
    ),
    "eligibility.face_mismatch": lambda: ErrorText(
        tr("The photo does not match the one on file"),
        tr("Please ask the staff for help: they can do the check for you at the counter."),
    ),
    "eligibility.no_face": lambda: ErrorText(
        tr("No face could be seen in the photo"),
        tr("Please try again, facing the screen in good light."),
    ),
    "eligibility.review_rejected": lambda: ErrorText(
        tr("Staff could not confirm the check"),
        tr("Please come to the social security counter with your ID card."),
    ),
    "eligibility.low_score": lambda: ErrorText(
        tr("Staff are comparing your photo"), tr("You do not need to do anything now.")
    ),
    "eligibility.no_reference_photo": lambda: ErrorText(
        tr("There is no photo of you on file yet"),
        tr("Staff are checking your photo. You do not need to do anything now."),
    ),
    "camera.frozen": lambda: ErrorText(
        tr("The camera picture has stopped"), tr("Please ask the staff for help.")
    ),
    "idcard.expired": lambda: ErrorText(
        tr("This ID card has expired"),
        tr("Please renew your ID card at the police station first."),
    ),
    "idcard.absent": lambda: ErrorText(
        tr("No ID card was placed on the reader"), tr("Please start again.")
    ),
    "idcard.bad_id_number": lambda: ErrorText(
        tr("The ID card cannot be used"), tr("Please ask the staff for help.")
    ),
    "enrollment.already_enrolled": lambda: ErrorText(
        tr("You are already enrolled"),
        tr("Nothing was changed. You can see your records here."),
        tr("Nothing was changed."),
    ),
    "enrollment.not_eligible": lambda: ErrorText(
        tr("You cannot enrol here"),
        tr("Your details do not meet the enrolment rules. Please ask the staff for help."),
    ),
    "printer.media_empty": lambda: ErrorText(
        tr("The printer is out of paper"),
        tr("Nothing was issued. Please ask the staff to load paper, or use another kiosk."),
    ),
    "printer.stopped": lambda: ErrorText(
        tr("The printer is not working"),
        tr("Nothing was issued. Please ask the staff for help."),
    ),
    "printer.offline": lambda: ErrorText(
        tr("The printer is not working"),
        tr("Nothing was issued. Please ask the staff for help."),
    ),
    "receipt_printer.paper_out": lambda: ErrorText(
        tr("The receipt printer is out of paper"),
        tr("Nothing was paid or sent. Please ask the staff to load paper, or use another kiosk."),
    ),
    "receipt_printer.offline": lambda: ErrorText(
        tr("The receipt printer is not working"),
        tr("Nothing was paid or sent. Please ask the staff for help."),
    ),
    "order.expired": lambda: ErrorText(
        tr("The time to pay has run out"),
        tr("Nothing was paid. You can get a new QR code and pay now."),
    ),
    "order.cancelled": lambda: ErrorText(
        tr("The payment was cancelled"),
        tr("Nothing was paid. Please start again if you still want to pay."),
    ),
    "order.already_paid": lambda: ErrorText(
        tr("This has already been paid"),
        tr("Nothing more was charged. You can see your receipt under Check progress."),
        tr("Nothing more was charged. Please ask the staff if you need the receipt."),
    ),
    "payment.not_payable": lambda: ErrorText(
        tr("This can no longer be paid here"),
        tr("It may already have been paid elsewhere. Nothing was charged. Please start again."),
    ),
    "payment.not_completed": lambda: ErrorText(
        tr("The payment could not be completed"),
        tr(
            "If money was taken from your account, it will be recorded automatically "
            "and nothing will be lost. Please check My insurance records later, or "
            "ask the staff."
        ),
    ),
    "debit.wrong_pin": lambda: ErrorText(
        tr("The bank PIN was wrong"), tr("Nothing was paid. Please start again.")
    ),
    "debit.pin_blocked": lambda: ErrorText(
        tr("Your bank PIN is locked for this payment"),
        tr("Nothing was paid. Pay by QR code instead, or ask at the bank counter."),
    ),
    "debit.card_unknown": lambda: ErrorText(
        tr("The bank does not recognise this card's account"),
        tr("Nothing was paid. Pay by QR code instead, or ask at the bank counter."),
    ),
    "card.not_bank_card": lambda: ErrorText(
        tr("This card cannot be used to pay"),
        tr("Nothing was paid. This card has no bank account. Please pay by QR code instead."),
    ),
    "card.already_active": lambda: ErrorText(
        tr("This card is already activated"),
        tr("You can use it now. To change its PIN, choose Change your card PIN."),
        tr("You can use it now."),
    ),
    "card.needs_network": lambda: ErrorText(
        tr("A card can only be made when the kiosk is online"),
        tr(
            "Nothing was done. Please try again later. If your card is lost, you can "
            "report it lost now."
        ),
    ),
    "card.liveness_failed": lambda: ErrorText(
        tr("The face check did not succeed"),
        tr("Nothing was done. Please ask the staff for help."),
    ),
    "card.face_mismatch": lambda: ErrorText(
        tr("Your face does not match the photo on file"),
        tr("Nothing was done. Please apply at the social security counter."),
    ),
    "card.no_reference_photo": lambda: ErrorText(
        tr("There is no photo of you on file"),
        tr("A card can be made here only with a photo on file. Please ask at the counter."),
    ),
    "card.not_enrolled": lambda: ErrorText(
        tr("You are not enrolled yet"),
        tr("Nothing was done. Please enrol first, then get your card."),
        tr("Nothing was done. Please enrol at the social security counter first."),
    ),
    "card.already_held": lambda: ErrorText(
        tr("You already have a card"),
        tr("Nothing was done. If it is lost or damaged, you can get a replacement here."),
        tr(
            "Nothing was done. If it is lost or damaged, please apply for a replacement at the "
            "social security counter."
        ),
    ),
    "card.not_reported_lost": lambda: ErrorText(
        tr("Your card has not been reported lost"),
        tr("Please report it lost first. If it is damaged, choose that option instead."),
        tr("Please report it lost at the social security counter, or choose that it is damaged."),
    ),
    "card.write_failed": lambda: ErrorText(
        tr("The card could not be made"),
        tr(
            "The chip could not be written to. The spoiled card was kept by the "
            "machine and its number cancelled. Please try again or ask the staff."
        ),
    ),
    "issuer.jammed": lambda: ErrorText(
        tr("The card machine is jammed"),
        tr("Any unfinished card stays in the machine and is cancelled. Please use another kiosk."),
    ),
    "issuer.out_of_cards": lambda: ErrorText(
        tr("This kiosk has no blank cards left"),
        tr("Nothing was done. Please ask the staff, or use another kiosk."),
    ),
    "issuance.interrupted": lambda: ErrorText(
        tr("The card could not be finished"),
        tr("The unfinished card was kept by the machine and cancelled. Please start again."),
    ),
    "certificate.not_eligible": lambda: ErrorText(
        tr("This certificate cannot be issued for you"),
        tr("Please ask the staff which certificate you need."),
    ),
    "receipt.not_found": lambda: ErrorText(
        tr("No request was found with this receipt number"),
        tr(
            "Please check the number. A request accepted offline at another kiosk "
            "can only be found once that kiosk has sent it."
        ),
    ),
    "queue.full": lambda: ErrorText(
        tr("The kiosk cannot take more offline requests"),
        tr("Nothing was saved. Please ask the staff for help, or try again later."),
    ),
    "queue.disk_low": lambda: ErrorText(
        tr("The kiosk cannot take more offline requests"),
        tr("Nothing was saved. Please ask the staff for help, or try again later."),
    ),
    "queue.offline_not_allowed": lambda: ErrorText(
        tr("This service needs a connection to the social security system"),
        tr("The kiosk is offline. Please try again when it is back online."),
    ),
    "central.malformed": lambda: ErrorText(
        tr("The social security system gave an answer we cannot use"),
        tr("Nothing was changed. Please try again later or ask the staff for help."),
    ),
    "technician.refused": lambda: ErrorText(
        tr("The technician number or PIN is not right"),
        tr("Nothing was changed. Check the number and the PIN, or ask your service desk."),
    ),
    "staff.refused": lambda: ErrorText(
        tr("The staff number or PIN is not right"),
        tr("Nothing was changed. Check the number and the PIN, or ask your branch."),
    ),
    "card.application_closed": lambda: ErrorText(
        tr("This card application is already closed"),
        tr("Please start again from the beginning, or ask the staff for help."),
    ),
    "card.application_pending": lambda: ErrorText(
        tr("Your card is already being made"),
        tr(
            "Nothing was done: you applied for a card before, and the branch is making it. "
            "You can see how it is going under Check progress."
        ),
        tr(
            "Nothing was done: you applied for a card before, and the branch is making it. "
            "Please ask the staff how it is going."
        ),
    ),
    "card.application_not_found": lambda: ErrorText(
        tr("This card application is not on record"),
        tr("Please start again from the beginning, or ask the staff for help."),
    ),
    "card.error": lambda: ErrorText(
        tr("The card cannot be read"),
        tr("Please take the card out, insert it again, and try once more."),
    ),
    "certificate.not_found": lambda: ErrorText(
        tr("This certificate is not on record"),
        tr("Please check the verification code, or ask the staff for help."),
    ),
    "central.rejected": lambda: ErrorText(
        tr("The social security system did not accept the request"),
        tr("Nothing was changed. Please ask the staff for help."),
    ),
    "central.error": lambda: ErrorText(
        tr("The social security system did not accept the request"),
        tr("Nothing was changed. Please try again, or ask the staff for help."),
    ),
    "order.not_found": lambda: ErrorText(
        tr("This payment is not on record"),
        tr("Nothing was charged. Please start the payment again."),
    ),
    "order.wrong_method": lambda: ErrorText(
        tr("This payment cannot be made that way"),
        tr("Nothing was charged. Please start again and choose another way to pay."),
    ),
    "payment.mismatch": lambda: ErrorText(
        tr("The payment does not match the order"),
        tr("Please keep your receipt and ask the staff to check the payment."),
    ),
}


# Codes of a family not listed one by one get the family's words.
_FAMILIES: dict[str, Callable[[], ErrorText]] = {
    "idcard.": lambda: ErrorText(
        tr("The ID card could not be read"),
        tr("Place it flat on the reader and try again, or ask the staff for help."),
    ),
    "printer.": lambda: ErrorText(
        tr("The printer is not working"), tr("Please ask the staff for help.")
    ),
    "pinpad.": lambda: ErrorText(
        tr("The PIN pad is not working"),
        tr("Nothing was paid. Pay by QR code instead, or ask the staff for help."),
    ),
    "issuer.": lambda: ErrorText(
        tr("Cards cannot be made at this kiosk right now"),
        tr("Nothing was charged and no card was used. Please ask the staff, or use another kiosk."),
    ),
    "camera.": lambda: ErrorText(
        tr("The camera is not working"), tr("Please ask the staff for help.")
    ),
    "queue.": lambda: ErrorText(
        tr("The kiosk cannot store requests right now"),
        tr("Nothing was saved. Please ask the staff for help."),
    ),
    "auth.": lambda: ErrorText(
        tr("This kiosk is not recognised by the social security system"),
        tr("Please ask the staff for help."),
    ),
    "liveness.": lambda: ErrorText(
        tr("The face check did not succeed"),
        tr("Please look at the camera and try again, or ask the staff for help."),
    ),
    "face.": lambda: ErrorText(
        tr("The face check did not succeed"),
        tr("Please look at the camera and try again, or ask the staff for help."),
    ),
    "device.": lambda: ErrorText(
        tr("Part of the kiosk is not working"),
        tr("Nothing was changed. Please ask the staff for help, or use another kiosk."),
    ),
    "central.": lambda: ErrorText(
        tr("The social security system cannot be reached"),
        tr("Nothing was changed. Please try again later, or ask the staff for help."),
    ),
    "idempotency.": lambda: ErrorText(
        tr("The social security system did not accept the request"),
        tr("Nothing was changed. Please try again, or ask the staff for help."),
    ),
    "request.": lambda: ErrorText(
        tr("The social security system did not accept the request"),
        tr("Nothing was changed. Please try again, or ask the staff for help."),
    ),
}


def error_text(code: str) -> ErrorText:
    known = _ERRORS.get(code)
    if known:
        return known()
    family = next((words for prefix, words in _FAMILIES.items() if code.startswith(prefix)), None)
    if family:
        return family()
    return ErrorText(
        tr("Something went wrong"),
        tr("Nothing was changed. Please try again or ask the staff for help."),
    )


def end_reason(reason: EndReason) -> str:
    return {
        EndReason.CANCELLED: lambda: tr("You ended the session."),
        EndReason.IDLE: lambda: tr("The session ended because nobody was using the kiosk."),
        EndReason.CARD_REMOVED: lambda: tr("The card was taken out, so the session ended."),
        EndReason.STAFF_LOGOUT: lambda: tr("The staff member logged out."),
        EndReason.SHUTDOWN: lambda: tr("The kiosk is shutting down."),
    }[reason]()


def insurance(kind: m.InsuranceKind) -> str:
    return {
        m.InsuranceKind.EMPLOYEE_PENSION: lambda: tr("Employees' basic pension"),
        m.InsuranceKind.RESIDENT_PENSION: lambda: tr("Urban and rural residents' pension"),
        m.InsuranceKind.EMPLOYEE_MEDICAL: lambda: tr("Employees' basic medical insurance"),
        m.InsuranceKind.RESIDENT_MEDICAL: lambda: tr("Residents' basic medical insurance"),
        m.InsuranceKind.UNEMPLOYMENT: lambda: tr("Unemployment insurance"),
        m.InsuranceKind.WORK_INJURY: lambda: tr("Work injury insurance"),
    }[kind]()


def insured_state(state: m.InsuredState) -> str:
    return {
        m.InsuredState.INSURED: lambda: tr("Contributing"),
        m.InsuredState.SUSPENDED: lambda: tr("Contributions paused"),
        m.InsuredState.RECEIVING_BENEFITS: lambda: tr("Receiving benefits"),
        m.InsuredState.NOT_ENROLLED: lambda: tr("Not enrolled"),
    }[state]()


def payment_state(state: m.PaymentState) -> str:
    return {
        m.PaymentState.PAID: lambda: tr("Paid"),
        m.PaymentState.UNPAID: lambda: tr("Unpaid"),
        m.PaymentState.BACK_PAID: lambda: tr("Paid late"),
    }[state]()
