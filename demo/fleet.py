"""The demo's operations centre: a Mosquitto on loopback with a PKI of its own, the demo kiosk in
its fleet, and the centre's settings and signing key written beside them, so that
`sheyin --config <data_dir>/fleet/centre.toml fleet status` shows the demo kiosk."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from demo.broker import OPS_CENTRE, Broker, BrokerError, make_pki
from kiosk.config import Settings, with_changes

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DemoFleet:
    broker: Broker
    centre_settings: Path
    """The centre's `[fleet]` settings (its certificate, CN ops-centre)."""
    signing_key: Path


def start_demo_fleet(settings: Settings, directory: Path) -> tuple[Settings, DemoFleet | None]:
    """Starts the broker and puts the terminal (`central.terminal_id`, already the demo's) in
    its fleet; without mosquitto on this machine the demo runs without a fleet, saying so."""
    from kiosk.fleet.centre import new_signing_key

    terminal_id = settings.central.terminal_id
    pki = make_pki(directory / "pki", (OPS_CENTRE, terminal_id))
    broker = Broker(directory / "broker", pki, persistence=True)
    try:
        broker.start()
    except BrokerError as exc:
        log.info("demo: no fleet broker (%s)", exc)
        return settings, None
    key = directory / "centre.key"
    public_file = directory / "centre.pub"
    if not key.exists():
        public_file.write_text(new_signing_key(key))
    url = f"mqtts://{broker.host}:{broker.port}"
    cert, cert_key = pki.client(terminal_id)
    settings = with_changes(
        settings,
        "fleet",
        broker_url=url,
        ca_file=str(pki.ca_file),
        cert_file=str(cert),
        key_file=str(cert_key),
        command_public_key=public_file.read_text().strip(),
    )
    centre_cert, centre_key = pki.client(OPS_CENTRE)
    centre = directory / "centre.toml"
    centre.write_text(
        "# The demo's operations centre (sheyin demo writes it at each start).\n"
        f'[fleet]\nbroker_url = "mqtts://{broker.host}:{broker.ops_port}"\n'
        f'ca_file = "{pki.ca_file}"\n'
        f'cert_file = "{centre_cert}"\nkey_file = "{centre_key}"\n',
        encoding="utf-8",
    )
    log.info(
        "demo: fleet broker at %s; try `sheyin --config %s fleet status` (commands: "
        "`fleet command %s screenshot --signing-key %s`)",
        url,
        centre,
        terminal_id,
        key,
    )
    return settings, DemoFleet(broker, centre, key)
