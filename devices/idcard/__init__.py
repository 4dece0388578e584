"""The resident ID card reader (二代证 reader): GA 467 frames over a serial port."""
