#!/usr/bin/python3
"""X input focus, for the single-instance test (there is no window manager under Xvfb).

  focus.py steal      map a small window of our own, give it the input focus, print "ready",
                      and keep it until stdin closes;
  focus.py owner PID  exit 0 when the focused window belongs to process PID (_NET_WM_PID on it
                      or on one of its ancestors), 1 otherwise; prints what it found.
"""
import sys

from Xlib import X, display

d = display.Display()
NET_WM_PID = d.intern_atom("_NET_WM_PID")

if sys.argv[1] == "steal":
    root = d.screen().root
    w = root.create_window(0, 0, 50, 50, 0, d.screen().root_depth, X.InputOutput, X.CopyFromParent)
    w.map()
    d.sync()
    w.set_input_focus(X.RevertToParent, X.CurrentTime)
    d.sync()
    print("ready", flush=True)
    sys.stdin.read()
    sys.exit(0)

pid = int(sys.argv[2])
window = d.get_input_focus().focus
while window and not isinstance(window, int):
    try:
        owner = window.get_full_property(NET_WM_PID, X.AnyPropertyType)
    except Exception:
        owner = None
    if owner:
        print(f"focus: window 0x{window.id:x} of process {owner.value[0]}")
        sys.exit(0 if owner.value[0] == pid else 1)
    parent = window.query_tree().parent
    if not parent or parent.id == d.screen().root.id:
        break
    window = parent
print(f"focus: {window} (no process)")
sys.exit(1)
