#!/usr/bin/env python3
"""The official v1 Python SDK (hume-expression-measurement 0.1.0) on hume-emulator's realtime
WebSocket endpoints.

Starts the emulator binary given with --emulator on a free port of 127.0.0.1, points the SDK's
environment at it (`base` for HTTP, `production` for the WebSocket URL), and checks that

- the README's realtime quickstart examples (audio, async; video, sync) run unchanged apart from
  the URL and key: their code is read from the installed package's README (its METADATA), the
  client construction is the only line changed, and they run in a scratch directory holding the
  `speech.pcm` and `photo.jpg` they open;
- `video_helpers.stream_video` streams a dozen frames at its own pace to the end, one reply per
  frame, and `stream.closed` holds the totals;
- rejected frames, a configuration after the first frame and a wrong key behave as the SDK's
  docs say, sessions are recorded as runs (`runs.list(mode="realtime")`, `runs.get`,
  `runs.list_events`) and parse;
- `reconnect.reconnecting` reconnects after the emulator closes a session with 1012 (a second
  emulator with `--session-cut 1012 --session-cut-after-frames 3 --session-cut-sessions 1`).

Prints one line per check and a final "N passed, M failed" line; exits 1 if any check failed.
Run it through run_v1_sdk.sh, which makes the virtual environment and builds the emulator.
"""

import argparse
import asyncio
import contextlib
import importlib.metadata
import io
import os
import re
import sys
import tempfile
import time
import traceback

from hume_expression_measurement import (
    AsyncExpressionMeasurementClient,
    AudioSessionClosed,
    AudioSessionCreated,
    AudioSessionUpdate,
    Error,
    ExpressionMeasurementClient,
    Run,
    RunEventsPage,
    SessionClose,
    VideoMeasurementResult,
    VideoSessionClosed,
    VideoSessionCreated,
)
from hume_expression_measurement.core.api_error import ApiError
from hume_expression_measurement.reconnect import reconnecting
from hume_expression_measurement.video_helpers import VideoFrame, stream_video

from v1_sdk_check import KEY, Emulator, environment, expect, jpeg, silence, tone

CLOSE = SessionClose(type="session.close")


# ---------------------------------------------------------------------------------------------
# The README's examples, as published in the installed package


def readme():
    text = importlib.metadata.metadata("hume-expression-measurement").get_payload()
    expect(text and "## Quickstart: realtime" in text, "the package README is in its METADATA")
    return text


def readme_example(heading):
    """The first python code block after `heading` in the README's realtime quickstart."""
    text = readme()
    section = text[text.index("## Quickstart: realtime"):]
    section = section[section.index(heading):]
    match = re.search(r"```python\n(.*?)```", section, re.S)
    expect(match, f"a python block under {heading!r}")
    return match.group(1)


def run_example(code, client_class, directory, env):
    """Runs README code with only `client_class()` changed to take the emulator's URL and key."""
    plain = f"{client_class}()"
    expect(code.count(plain) == 1, f"the example constructs {plain} once")
    code = code.replace(plain, f"{client_class}(api_key=_KEY, environment=_ENVIRONMENT)")
    namespace = {"__name__": "__main__", "_KEY": KEY, "_ENVIRONMENT": env}
    out = io.StringIO()
    cwd = os.getcwd()
    os.chdir(directory)
    try:
        with contextlib.redirect_stdout(out):
            exec(compile(code, f"<README {client_class}>", "exec"), namespace)  # noqa: S102
    finally:
        os.chdir(cwd)
    return out.getvalue()


def speech():
    """6.1 s: 0.5 s silence, 5 s tone, 0.6 s silence — one utterance, measured at 3 s of speech
    and when it ends."""
    return silence(500) + tone(5000, 220.0) + silence(600)


def face_width(client):
    for width in range(320, 1920, 16):
        response = client.video.measure(file=[("probe.jpg", jpeg(width, 480), "image/jpeg")])
        if any(f.face_id is not None for f in response.measurements[0].faces):
            return width
    raise AssertionError("no image size gives a face")


# ---------------------------------------------------------------------------------------------
# Checks


CHECKS = []


def check(fn):
    CHECKS.append(fn)
    return fn


@check
def readme_realtime_audio_example(ctx):
    code = readme_example("### Audio")
    with tempfile.TemporaryDirectory() as directory:
        with open(os.path.join(directory, "speech.pcm"), "wb") as f:
            f.write(speech())
        started = time.monotonic()
        output = run_example(code, "AsyncExpressionMeasurementClient", directory, ctx["env"])
        took = time.monotonic() - started
    lines = output.strip().splitlines()
    measured = [line for line in lines if line.startswith("utterance 0, ")]
    expect(len(measured) == 2, f"two measurements of utterance 0: {output!r}")
    expect(lines[-1] == "closed after 2 measurements", f"the last line: {lines[-1]!r}")
    expect(not any(":" in line and line.split(":")[0] in ("rate_limited", "invalid_audio_frame") for line in lines), f"no error: {output!r}")
    return f"{measured[0]!r} ... {lines[-1]!r} ({took:.1f} s, paced by the example)"


@check
def readme_realtime_video_example(ctx):
    code = readme_example("### Video")
    width = ctx["width"]
    with tempfile.TemporaryDirectory() as directory:
        with open(os.path.join(directory, "photo.jpg"), "wb") as f:
            f.write(jpeg(width, 480))
        output = run_example(code, "ExpressionMeasurementClient", directory, ctx["env"])
    lines = output.strip().splitlines()
    expect(lines and all(line.startswith("face ") for line in lines), f"face lines: {output!r}")
    expect(lines[0].startswith("face 0 at ["), lines[0])
    return f"{len(lines)} measured face(s): {lines[0]!r}"


@check
def stream_video_a_dozen_frames(ctx):
    width = ctx["width"]

    async def frames():
        for i in range(12):
            yield VideoFrame(data=jpeg(width + (i % 3) * 16, 480, seed=i), timestamp_ms=i * 1000 / 3)

    async def run():
        client = AsyncExpressionMeasurementClient(api_key=KEY, environment=ctx["env"])
        replies = []
        async with client.video.connect() as socket:
            stream = stream_video(socket, frames())
            async for reply in stream:
                replies.append(reply)
        return replies, stream

    started = time.monotonic()
    replies, stream = asyncio.run(run())
    took = time.monotonic() - started
    expect(len(replies) == 12, f"{len(replies)} replies")
    expect([r.timestamp_ms for r in replies] == [i * 1000 / 3 for i in range(12)], "paired with the frames, in order")
    expect(all(r.error is None and r.result is not None for r in replies), [r.error for r in replies if r.error])
    expect([r.result.frame_id for r in replies] == list(range(12)), "frame ids")
    closed = stream.closed
    expect(isinstance(closed, VideoSessionClosed), f"stream.closed: {closed!r}")
    expect(closed.reason == "client_request" and closed.received.frames == 12, closed)
    faces = sum(1 for r in replies for f in r.result.faces if f.face_id is not None)
    expect(closed.produced.measurements == faces, f"{closed.produced.measurements} != {faces}")
    expect(stream.dropped_frames == 0, stream.dropped_frames)
    ctx["video_session"] = closed.session_id
    return f"12 frames, 12 results, {faces} faces measured, {took:.1f} s at 3 fps"


@check
def session_rules_through_the_sync_client(ctx):
    client = ExpressionMeasurementClient(api_key=KEY, environment=ctx["env"])
    with client.audio.connect() as socket:
        created = socket.recv()
        expect(isinstance(created, AudioSessionCreated) and created.measurement_timer_ms == 3000, created)
        socket.send_audio_session_update(AudioSessionUpdate(type="session.update", measurement_timer_ms=5000))
        updated = socket.recv()
        expect(updated.measurement_timer_ms == 5000, updated)
        socket.send_audio_frame(b"\x01\x02\x03")
        error = socket.recv()
        expect(isinstance(error, Error) and error.code == "invalid_audio_frame" and error.retryable, error)
        socket.send_audio_frame(silence(100))
        socket.send_audio_session_update(AudioSessionUpdate(type="session.update"))
        error = socket.recv()
        expect(isinstance(error, Error) and error.code == "config_invalid" and not error.retryable, error)
        closed = socket.recv()
        expect(isinstance(closed, AudioSessionClosed) and closed.reason == "error", closed)
        expect(closed.received.frames == 1 and closed.received.audio_duration_ms == 100, closed.received)
    run = client.runs.get(created.session_id)
    expect(isinstance(run, Run) and run.mode == "realtime" and run.endpoint == "audio", run)
    expect(run.status == "errored" and run.close_code == 1008 and run.close_reason == "error", run)
    expect(run.config.measurement_timer_ms == 5000, run.config)
    events = client.runs.list_events(created.session_id)
    expect(isinstance(events, RunEventsPage), type(events))
    expect([e.kind for e in events.events] == ["invalid_audio_frame"], events.events)
    ctx["audio_session"] = created.session_id
    return "session.updated, invalid_audio_frame survived, late session.update ended it (1008)"


@check
def realtime_runs_are_listed(ctx):
    client = ExpressionMeasurementClient(api_key=KEY, environment=ctx["env"])
    runs = client.runs.list(mode="realtime", page_size=200).runs
    expect(len(runs) >= 4, f"{len(runs)} realtime runs")
    expect(all(r.mode == "realtime" and r.status in ("ended", "errored") for r in runs), runs)
    video = client.runs.get(ctx["video_session"])
    expect(video.status == "ended" and video.close_code == 1000 and video.close_reason == "client_request", video)
    expect(video.metered_seconds == 10.0 and video.bytes_received > 0, video)
    expect(video.config.face.threshold == 0.9, video.config)
    return f"{len(runs)} realtime runs, the stream_video one ended with 1000"


@check
def a_wrong_key_refuses_the_handshake(ctx):
    client = ExpressionMeasurementClient(api_key="wrong-key", environment=ctx["env"])
    try:
        with client.video.connect():
            pass
    except ApiError as e:
        expect(e.status_code == 401, e.status_code)
        return "ApiError 401"
    raise AssertionError("no ApiError")


@check
def reconnecting_after_a_1012_close(ctx):
    emulator = Emulator(
        ctx["binary"],
        ["--session-cut", "1012", "--session-cut-after-frames", "3", "--session-cut-sessions", "1"],
    )
    try:
        env = environment(emulator.base_url)
        client = ExpressionMeasurementClient(api_key=KEY, environment=env)
        frame = jpeg(ctx["width"], 480)
        sessions = []
        results = 0
        started = time.monotonic()
        with reconnecting(client.video) as socket:
            first = socket.recv()
            expect(isinstance(first, VideoSessionCreated), first)
            sessions.append(first.session_id)
            for _ in range(3):
                socket.send_image_frame(frame)
                time.sleep(0.35)
            for _ in range(3):
                expect(isinstance(socket.recv(), VideoMeasurementResult), "a result")
                results += 1
            # The emulator closes with 1012; receiving reconnects (after 1 to 5 s).
            second = socket.recv()
            expect(isinstance(second, VideoSessionCreated), second)
            sessions.append(second.session_id)
            socket.send_image_frame(frame)
            expect(isinstance(socket.recv(), VideoMeasurementResult), "a result after the reconnect")
            results += 1
            socket.send_video_session_close(CLOSE)
            closed = socket.recv()
            expect(isinstance(closed, VideoSessionClosed) and closed.reason == "client_request", closed)
        took = time.monotonic() - started
        expect(sessions[0] != sessions[1], "a new session")
        run = client.runs.get(sessions[0])
        expect(run.close_code == 1012 and run.close_reason == "server_shutdown", run)
        return f"{results} results over 2 sessions; the first closed with 1012 ({took:.1f} s)"
    finally:
        emulator.stop()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--emulator", required=True, help="path of the hume-emulator binary")
    args = parser.parse_args()
    emulator = Emulator(args.emulator)
    passed = failed = 0
    try:
        print(f"hume-emulator at {emulator.base_url} (realtime)")
        env = environment(emulator.base_url)
        ctx = {"env": env, "binary": args.emulator}
        ctx["width"] = face_width(ExpressionMeasurementClient(api_key=KEY, environment=env, max_retries=0))
        for fn in CHECKS:
            try:
                detail = fn(ctx)
                passed += 1
                print(f"PASS {fn.__name__}: {detail}")
            except Exception as e:  # noqa: BLE001 - every failure is reported, then counted
                failed += 1
                print(f"FAIL {fn.__name__}: {type(e).__name__}: {e}")
                traceback.print_exc(file=sys.stdout)
    finally:
        emulator.stop()
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
