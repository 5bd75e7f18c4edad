#!/bin/sh
# Debian package post-install (electron-builder's deb.afterInstall): the udev rule that lets the
# logged-in user reach the boxes over USB, then a reload so a box plugged in now is seen.
set -e
install -m 0644 /opt/Talemo/resources/99-talemo-boxes.rules /etc/udev/rules.d/99-talemo-boxes.rules
udevadm control --reload-rules 2>/dev/null || true
udevadm trigger --subsystem-match=usb 2>/dev/null || true
