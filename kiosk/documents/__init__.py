"""Documents the kiosk prints: certificates and receipts as PDF (reportlab), QR codes (qrcode).

Printed forms carry the bureau's fixed Chinese wording: they are documents, not screens, so
their words live here rather than in ui/i18n."""
