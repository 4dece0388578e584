"""The fleet agent: the terminal's status, events and signed remote commands over MQTT, to and
from the operations centre's broker (paho-mqtt). No Qt: what needs the screen goes through
`kiosk.fleet.host.Host`, which the window provides."""
