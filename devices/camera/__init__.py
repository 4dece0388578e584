"""The camera: frames from OpenCV (or the simulator) on the device's own thread."""
