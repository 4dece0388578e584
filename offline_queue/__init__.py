"""Durable outbox, delivery worker and connectivity monitor. Knows nothing of social security:
no Qt, no `kiosk` imports.

Import from the modules: `store` (Outbox), `delivery` (worker, monitor, outcomes), `service`
(OfflineQueue.submit), `errors`. Nothing is imported here, so that `errors` stays cheap for
code on the kiosk's start-up path.
"""
