#!/usr/bin/python3
"""`make bench`, the desktop half: ECA Preflight's release build beside a bare Tauri 2 app (same
Tauri, same release profile), measured the same way in the same run, written as the "The
desktop app" section of BENCHMARKS.md.

- sizes: the release binary and the .deb;
- first paint: from exec until the window shows its welcome heading (the first frame in which
  the heading's band of the window is mostly light and holds dark text pixels: a blank or
  unpainted window is neither), on a
  fresh Xvfb display per run, with fresh data/config folders (a first launch);
- memory: PSS of the app and every process it started (WebKit's web and network processes)
  10 s after exec.

Runs alternate between the two apps so that drift of the machine hits both alike. Never part
of `make test`: nothing here asserts on time.

usage: desktop.py BENCHMARKS.md "NAME|BINARY|DEB[|VAR=VALUE]" ...
(the last app is the yardstick the ratios are taken against; VAR=VALUE is added to that app's
environment.)
"""
import os
import statistics
import subprocess
import sys
import tempfile
import time

from Xlib import X, display, error

RUNS = int(os.environ.get("BENCH_DESKTOP_RUNS", "5"))
SETTLE_S = 10.0
PAINT_TIMEOUT_S = 30.0
SECTION = "## The desktop app"

# Where both apps put their welcome heading, in window pixels (x, y, width, height): ECA
# Preflight's main column beside the sidebar; the bare page places its heading there too.
# Anything else painted first (a sidebar, a "Loading…" line) does not count.
HEADING_BAND = (260, 60, 640, 40)

# Byte tables for bytes.translate: 1 where a green channel value is dark (text) / light (page).
DARK = bytes(1 if v < 90 else 0 for v in range(256))
LIGHT = bytes(1 if v > 200 else 0 for v in range(256))


def free_display():
    n = 90
    while os.path.exists(f"/tmp/.X{n}-lock") or os.path.exists(f"/tmp/.X11-unix/X{n}"):
        n += 1
    return n


def start_xvfb():
    n = free_display()
    xvfb = subprocess.Popen(
        ["Xvfb", f":{n}", "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(200):
        try:
            return xvfb, n, display.Display(f":{n}")
        except Exception:
            time.sleep(0.02)
    xvfb.kill()
    raise RuntimeError("Xvfb did not start")


def top_windows(d):
    try:
        return d.screen().root.query_tree().children
    except error.XError:
        return []


def painted(d, seen):
    """True once some top-level window is a painted page with text on it. `seen` gets "mapped"
    (ms) when a window is first viewable, for the log."""
    for w in top_windows(d):
        try:
            attrs = w.get_attributes()
            if attrs.map_state != X.IsViewable:
                continue
            geo = w.get_geometry()
            if geo.width < 200 or geo.height < 200:
                continue
            seen.setdefault("mapped", time.monotonic())
            x, y, width, height = HEADING_BAND
            image = w.get_image(x, y, width, height, X.ZPixmap, 0xFFFFFFFF)
        except error.XError:
            continue
        green = image.data[1::4]
        total = len(green)
        dark = green.translate(DARK).count(1)
        light = green.translate(LIGHT).count(1)
        if light > total * 0.4 and dark > 150:
            return True
    return False


def descendants(pid):
    children = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(entry))
        except OSError:
            continue
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        found.append(p)
        todo.extend(children.get(p, []))
    return found


def pss_kib(pids):
    total = 0
    for p in pids:
        try:
            with open(f"/proc/{p}/smaps_rollup") as f:
                for line in f:
                    if line.startswith("Pss:"):
                        total += int(line.split()[1])
        except OSError:
            continue
    return total


def one_run(binary, extra_env):
    xvfb, n, d = start_xvfb()
    home = tempfile.mkdtemp(prefix="bench-desktop-")
    env = dict(os.environ)
    env.update(
        DISPLAY=f":{n}",
        XDG_DATA_HOME=f"{home}/data",
        XDG_CONFIG_HOME=f"{home}/config",
        XDG_CACHE_HOME=f"{home}/cache",
        RUST_LOG="error",
    )
    env.update(extra_env)
    env.pop("WAYLAND_DISPLAY", None)
    app = None
    try:
        started = time.monotonic()
        app = subprocess.Popen(
            [binary], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        first_paint, seen = None, {}
        while time.monotonic() - started < PAINT_TIMEOUT_S:
            if painted(d, seen):
                first_paint = (time.monotonic() - started) * 1000
                mapped = (seen.get("mapped", time.monotonic()) - started) * 1000
                print(f"  {os.path.basename(binary)}: window mapped at {mapped:.0f} ms, painted at {first_paint:.0f} ms", flush=True)
                # BENCH_DESKTOP_SNAPSHOTS=DIR: the screen at that moment, DIR/<binary>.png.
                shots = os.environ.get("BENCH_DESKTOP_SNAPSHOTS")
                if shots:
                    shot = os.path.join(shots, os.path.basename(binary) + ".png")
                    subprocess.run(["import", "-display", f":{n}", "-window", "root", shot], check=False)
                break
            if app.poll() is not None:
                raise RuntimeError(f"{binary} exited with {app.returncode} before painting")
            time.sleep(0.005)
        if first_paint is None:
            raise RuntimeError(f"{binary} painted nothing in {PAINT_TIMEOUT_S:.0f} s")
        time.sleep(max(0.0, SETTLE_S - (time.monotonic() - started)))
        pss = pss_kib(descendants(app.pid)) / 1024
        return first_paint, pss
    finally:
        if app is not None:
            for p in reversed(descendants(app.pid)):
                try:
                    os.kill(p, 9)
                except OSError:
                    pass
            app.wait()
        d.close()
        xvfb.kill()
        xvfb.wait()
        subprocess.run(["rm", "-rf", home], check=False)


def spread(values, fmt):
    values = sorted(values)
    med = statistics.median(values)
    return med, f"{fmt.format(med)} | {fmt.format(values[0])}–{fmt.format(values[-1])}"


def main():
    doc_path, specs = sys.argv[1], sys.argv[2:]
    apps = []
    for spec in specs:
        name, binary, deb, *env = spec.split("|")
        extra = dict(e.split("=", 1) for e in env)
        apps.append({"name": name, "binary": binary, "deb": deb, "env": extra, "paint": [], "pss": []})
    # One run each first, not counted: the page cache holds both apps as it would on a desktop.
    for app in apps:
        one_run(app["binary"], app["env"])
    for i in range(RUNS):
        for app in apps:
            paint, pss = one_run(app["binary"], app["env"])
            app["paint"].append(paint)
            app["pss"].append(pss)
            print(f"run {i + 1}/{RUNS} {app['name']}: first paint {paint:.0f} ms, PSS {pss:.0f} MiB", flush=True)

    base = apps[-1]
    base_paint = statistics.median(base["paint"])
    base_pss = statistics.median(base["pss"])
    mib = lambda p: os.path.getsize(p) / (1024 * 1024)  # noqa: E731
    rows = [
        "| app | .deb MiB | binary MiB | first paint ms (median) | min–max ms | × bare | PSS MiB (median) | min–max MiB | × bare |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for app in apps:
        paint, paint_cells = spread(app["paint"], "{:.0f}")
        pss, pss_cells = spread(app["pss"], "{:.0f}")
        rows.append(
            f"| {app['name']} | {mib(app['deb']):.1f} | {mib(app['binary']):.1f} | {paint_cells} | "
            f"{paint / base_paint:.2f} | {pss_cells} | {pss / base_pss:.2f} |"
        )
    section = (
        f"{SECTION}\n\n"
        "The release build beside a bare Tauri 2 app (one window, one static page; the same Tauri\n"
        "version and release profile), built and measured the same way in this run. First paint:\n"
        "from exec until the window shows its heading, on a fresh Xvfb display with fresh data\n"
        "folders (a first launch; one unmeasured launch each warms the page cache first). PSS: the\n"
        "app and the WebKit processes it started, 10 s after exec. "
        f"Median of {RUNS} runs, with min and max; × bare is against the last row.\n\n"
        "On Linux ECA Preflight has WebKit hand its frames to the window through shared memory\n"
        "rather than DMA-BUF (`WEBKIT_DISABLE_DMABUF_RENDERER=1` unless the environment sets it or\n"
        "`ECA_PREFLIGHT_GPU=1`): where DMA-BUF is missing (virtual displays, remote sessions, some\n"
        "drivers) setting it up costs the first frame most of a second. The middle row is the bare\n"
        "app with the same setting, for the comparison of like with like.\n\n"
        + "\n".join(rows) + "\n"
    )
    print(section)
    try:
        with open(doc_path) as f:
            doc = f.read()
    except FileNotFoundError:
        doc = "# Benchmarks\n"
    start = doc.find(SECTION)
    if start >= 0:
        rest = doc.find("\n## ", start + len(SECTION))
        # The blank line before the next heading stays (find() lands on the newline just before it).
        doc = doc[:start] + section + ("\n" + doc[rest + 1:] if rest >= 0 else "")
    else:
        doc = doc.rstrip("\n") + "\n\n" + section
    with open(doc_path, "w") as f:
        f.write(doc)
    print(f"wrote {doc_path}")


if __name__ == "__main__":
    main()
