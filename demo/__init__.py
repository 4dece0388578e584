"""The demo: the sandbox, virtual devices and the card tray, composed by `sheyin demo`."""
