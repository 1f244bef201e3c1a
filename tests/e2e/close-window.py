#!/usr/bin/python3
"""Ask the app's window to close as a window manager does: a WM_DELETE_WINDOW message to each
top-level window of the given process. (WebDriver's Close Window destroys the window without
a close request, so the app's own close handling would not run.) Exit 1 when none was found."""
import sys

from Xlib import X, display, protocol

d = display.Display()
pid = int(sys.argv[1])
NET_WM_PID = d.intern_atom("_NET_WM_PID")
WM_PROTOCOLS = d.intern_atom("WM_PROTOCOLS")
WM_DELETE = d.intern_atom("WM_DELETE_WINDOW")


def walk(window):
    yield window
    for child in window.query_tree().children:
        yield from walk(child)


sent = 0
for window in walk(d.screen().root):
    try:
        owner = window.get_full_property(NET_WM_PID, X.AnyPropertyType)
        protocols = window.get_wm_protocols() or []
    except Exception:
        continue
    if owner and owner.value[0] == pid and WM_DELETE in protocols:
        message = protocol.event.ClientMessage(
            window=window,
            client_type=WM_PROTOCOLS,
            data=(32, [WM_DELETE, X.CurrentTime, 0, 0, 0]),
        )
        window.send_event(message)
        sent += 1
d.flush()
sys.exit(0 if sent else 1)
