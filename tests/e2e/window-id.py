#!/usr/bin/python3
"""Print the id of the largest mapped top-level window of process PID (exit 1 if none), for
screenshots taken from the X server: WebKitWebDriver's own screenshot can hang on the first
capture when WebKit hands frames over through shared memory, as the app has it on Linux."""
import sys

from Xlib import X, display

d = display.Display()
pid = int(sys.argv[1])
NET_WM_PID = d.intern_atom("_NET_WM_PID")
best = None
for window in d.screen().root.query_tree().children:
    try:
        owner = window.get_full_property(NET_WM_PID, X.AnyPropertyType)
        if not owner or owner.value[0] != pid:
            continue
        if window.get_attributes().map_state != X.IsViewable:
            continue
        geo = window.get_geometry()
    except Exception:
        continue
    area = geo.width * geo.height
    if best is None or area > best[0]:
        best = (area, window.id)
if best is None:
    sys.exit(1)
print(hex(best[1]))
