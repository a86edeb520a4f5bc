#!/usr/bin/env python3
"""The official v1 Python SDK (hume-expression-measurement 0.1.0) as a test client of hume-emulator.

Starts the emulator binary given with --emulator on a free port of 127.0.0.1, points the SDK's
environment at it (`base` for HTTP), and checks that

- audio.measure (WAV and headerless), video.measure (several images, with and without
  face_state), runs.list (filters, paging), runs.get and runs.list_events work and that the SDK's
  pydantic models accept every response;
- its typed errors fire: a wrong key (UnauthorizedError), a non-JPEG (UnsupportedMediaTypeError),
  a too-large image and a too-large audio request (ContentTooLargeError), a bad WAV and a bad
  query (BadRequestError), an unknown run (NotFoundError), a forbidden key (ForbiddenError).

Every input is generated here: tones as 16 kHz PCM, WAVs with the `wave` module, JPEGs written
marker by marker (the emulator reads a JPEG's structure, never its pixels).

Prints one line per check and a final "N passed, M failed" line; exits 1 if any check failed.
Run it through run_v1_sdk.sh, which makes the virtual environment and builds the emulator.
"""

import argparse
import asyncio
import datetime as dt
import io
import math
import queue
import struct
import subprocess
import sys
import threading
import traceback
import wave

from hume_expression_measurement import (
    AsyncExpressionMeasurementClient,
    AudioFileConfig,
    AudioFileResponse,
    AudioRunConfig,
    BadRequestError,
    ContentTooLargeError,
    ExpressionMeasurementClient,
    ExpressionMeasurementClientEnvironment,
    ForbiddenError,
    NotFoundError,
    Run,
    RunEventsPage,
    RunsPage,
    UnauthorizedError,
    UnsupportedMediaTypeError,
    VideoFileConfig,
    VideoFileConfigFace,
    VideoFileResponse,
    VideoRunConfig,
)

KEY = "sdk-check-key"
FORBIDDEN_KEY = "sdk-check-forbidden-key"
MAX_IMAGE_BYTES = 2_000_000
MAX_REQUEST_BYTES = 25_000_000


# ---------------------------------------------------------------------------------------------
# Generated media


def tone(ms, hz, amplitude=8000.0, start_sample=0):
    """A sine tone as s16le samples."""
    n = ms * 16
    return b"".join(
        struct.pack("<h", int(round(amplitude * math.sin(2 * math.pi * hz * (start_sample + i) / 16000.0))))
        for i in range(n)
    )


def silence(ms):
    return b"\x00\x00" * (ms * 16)


def two_bursts():
    """0.5 s silence, 1 s tone, 1 s silence, 4 s tone, 1 s silence: 7.5 s, two utterances."""
    return silence(500) + tone(1000, 220.0) + silence(1000) + tone(4000, 330.0) + silence(1000)


def wav(pcm, rate=16000, channels=1):
    out = io.BytesIO()
    with wave.open(out, "wb") as w:
        w.setnchannels(channels)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(pcm)
    return out.getvalue()


def jpeg(width, height, seed=0, padding=0):
    """A structurally valid baseline JPEG of width x height; `padding` bytes of comment segments."""

    def segment(code, body):
        return bytes([0xFF, code]) + struct.pack(">H", len(body) + 2) + body

    out = bytearray(b"\xff\xd8")
    out += segment(0xE0, b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00")
    while padding > 0:
        chunk = min(padding, 65_000)
        out += segment(0xFE, b"x" * chunk)
        padding -= chunk
    out += segment(0xDB, b"\x00" + bytes(range(1, 65)))
    out += segment(0xC0, b"\x08" + struct.pack(">HH", height, width) + b"\x01\x01\x11\x00")
    out += segment(0xC4, b"\x00\x01" + b"\x00" * 15 + b"\x00")
    out += segment(0xDA, b"\x01\x01\x00\x00\x3f\x00")
    out += bytes(((i * 31 + seed) % 0xF0) for i in range(64))
    out += b"\xff\xd9"
    return bytes(out)


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x02\x00\x00\x00"


# ---------------------------------------------------------------------------------------------
# The emulator


class Emulator:
    def __init__(self, binary, extra_args=()):
        self.process = subprocess.Popen(
            [binary, "--port", "0", "--api-key", KEY, "--forbidden-api-key", FORBIDDEN_KEY, *extra_args],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        lines = queue.Queue()
        threading.Thread(target=lambda: lines.put(self.process.stdout.readline()), daemon=True).start()
        try:
            line = lines.get(timeout=60)
        except queue.Empty:
            self.stop()
            raise RuntimeError("the emulator did not start within 60 s")
        prefix = "hume-emulator listening on "
        if not line.startswith(prefix):
            self.stop()
            raise RuntimeError(f"unexpected first line from the emulator: {line!r}")
        self.base_url = line[len(prefix):].strip()

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def environment(base_url):
    return ExpressionMeasurementClientEnvironment(base=base_url, production=base_url.replace("http://", "ws://", 1))


# ---------------------------------------------------------------------------------------------
# Checks


CHECKS = []


def check(fn):
    CHECKS.append(fn)
    return fn


def expect(condition, message):
    if not condition:
        raise AssertionError(message)


def expect_error(error_type, status, code, call):
    try:
        call()
    except error_type as e:
        expect(e.status_code == status, f"status {e.status_code}, expected {status}")
        if code is not None:
            expect(e.body.code == code, f"code {e.body.code!r}, expected {code!r}")
            expect(e.body.type == "error", f"type {e.body.type!r}")
            expect(bool(e.body.request_id), "a request_id")
        return e
    raise AssertionError(f"no {error_type.__name__} raised")


def scene_with_faces(client):
    """A width (height 480) whose synthetic scene has a measured face."""
    for width in range(320, 1920, 16):
        response = client.video.measure(file=[("probe.jpg", jpeg(width, 480), "image/jpeg")])
        if any(f.face_id is not None for f in response.measurements[0].faces):
            return width
    raise AssertionError("no image size gives a face")


def measured_ids(response):
    return [[f.face_id for f in m.faces if f.face_id is not None] for m in response.measurements]


@check
def audio_measure_wav(ctx):
    client = ctx["client"]
    response = client.audio.measure(file=("speech.wav", wav(two_bursts()), "audio/wav"))
    expect(isinstance(response, AudioFileResponse), type(response))
    expect(response.received.audio_duration_ms == 7500, response.received)
    expect(len(response.utterances) == 2, f"{len(response.utterances)} utterances")
    expect([u.utterance_id for u in response.utterances] == [0, 1], response.utterances)
    for u in response.utterances:
        ms = [m for m in response.measurements if m.utterance_id == u.utterance_id]
        expect(ms, f"utterance {u.utterance_id} has a measurement")
        expect(ms[-1].trigger == "speech_ended", ms[-1].trigger)
    for m in response.measurements:
        expect(m.audio_end_ms - m.audio_start_ms <= 10_000, m)
        for scores in (m.expressions, m.voice_attributes):
            probabilities = [s.probability for s in scores]
            expect(probabilities == sorted(probabilities, reverse=True), "sorted")
            expect(all(round(p, 4) == p for p in probabilities), "four decimals")
        expect(all(s.probability >= 0.725 for s in m.voice_attributes), "voice attributes >= 0.725")
    expect(response.request_id and response.run_id, "ids")
    ctx["audio_run"] = response.run_id
    ctx["wav_response"] = response
    # With a config part: a 10 s timer over 24 s of speech gives windows that meet end to end.
    long = silence(500) + tone(24_000, 180.0, 9000.0) + silence(1000)
    timed = client.audio.measure(file=("long.wav", wav(long), "audio/wav"), config=AudioFileConfig(measurement_timer_ms=10_000))
    intervals = [m for m in timed.measurements if m.trigger == "interval"]
    expect(len(intervals) == 2, f"{len(intervals)} interval measurements")
    expect(intervals[0].audio_end_ms == intervals[1].audio_start_ms, "windows meet")
    ctx["timed_run"] = timed.run_id
    return f"2 utterances, {len(response.measurements)} measurements; 10 s timer: {len(timed.measurements)} measurements"


@check
def audio_measure_headerless(ctx):
    client = ctx["client"]
    response = client.audio.measure(file=("speech.raw", two_bursts(), "application/octet-stream"))
    expect(response.utterances == ctx["wav_response"].utterances, "same utterances as the WAV")
    expect(response.measurements == ctx["wav_response"].measurements, "same measurements as the WAV")
    # Bytes without a file name or content type (the SDK's default part type is audio/wav).
    plain = client.audio.measure(file=two_bursts())
    expect(plain.measurements == response.measurements, "same measurements from plain bytes")
    return f"{len(response.measurements)} measurements, identical to the WAV"


@check
def video_measure_several_images(ctx):
    client = ctx["client"]
    width = scene_with_faces(client)
    ctx["width"] = width
    frames = [(f"frame{i}.jpg", jpeg(width, 480, seed=i), "image/jpeg") for i in range(5)]
    response = client.video.measure(file=frames)
    expect(isinstance(response, VideoFileResponse), type(response))
    expect(response.received.frames == 5, response.received)
    expect([m.frame_id for m in response.measurements] == [0, 1, 2, 3, 4], "frame ids")
    expect(response.face_state is None, "no face_state unless asked")
    for m in response.measurements:
        measured = [f for f in m.faces if f.face_id is not None]
        expect(len(measured) <= 2 and len(m.faces) <= 32, "listing limits")
        expect(m.faces[: len(measured)] == measured, "measured faces first")
        for f in m.faces:
            expect(len(f.bbox) == 4 and f.confidence >= 0.9, f)
            expect((f.expressions is None) == (f.face_id is None), "scores only for measured faces")
    ids = sorted({i for frame in measured_ids(response) for i in frame})
    expect(0 in ids and len(ids) <= 3, f"stable face ids across the images: {ids}")
    loose = client.video.measure(file=frames, config=VideoFileConfig(face=VideoFileConfigFace(threshold=0.0, min_size=1)))
    expect(all(len(a.faces) >= len(b.faces) for a, b in zip(loose.measurements, response.measurements)), "looser settings list more")
    ctx["video_run"] = response.run_id
    return f"5 images, face ids {ids}"


@check
def video_measure_with_face_state(ctx):
    client = ctx["client"]
    width = ctx["width"]
    scene_a = ("a.jpg", jpeg(width, 480, seed=1), "image/jpeg")
    scene_b = ("b.jpg", jpeg(width + 200, 600, seed=3), "image/jpeg")
    first = client.video.measure(file=[scene_a], config=VideoFileConfig(face=VideoFileConfigFace(return_face_state=True)))
    expect(isinstance(first.face_state, str) and first.face_state, "a face_state token")
    fresh = client.video.measure(file=[scene_b])
    continued = client.video.measure(
        file=[scene_b],
        config=VideoFileConfig(face_state=first.face_state, face=VideoFileConfigFace(return_face_state=True)),
    )
    expect(continued.face_state, "a new token")
    first_max = max(measured_ids(first)[0])
    if measured_ids(fresh)[0]:
        expect(measured_ids(fresh)[0][0] == 0, "numbering starts at 0 without a token")
        expect(all(i > first_max for i in measured_ids(continued)[0]), "numbering continues with the token")
    # An altered token is ignored, not an error: numbering restarts.
    token = first.face_state
    altered = token[:-1] + ("B" if token[-1] == "A" else "A")
    restarted = client.video.measure(file=[scene_b], config=VideoFileConfig(face_state=altered))
    expect(restarted.measurements == fresh.measurements, "an altered token restarts numbering")
    return f"continued after id {first_max}: {measured_ids(continued)[0]}; altered token ignored"


@check
def runs_list_filters_and_paging(ctx):
    client = ctx["client"]
    # A refused upload is an errored run.
    expect_error(BadRequestError, 400, "audio_decode_failed", lambda: client.audio.measure(file=("odd.raw", b"\x01\x02\x03", "application/octet-stream")))
    everything = []
    cursor = None
    pages = 0
    while True:
        page = client.runs.list(page_size=3, cursor=cursor)
        expect(isinstance(page, RunsPage), type(page))
        everything.extend(page.runs)
        pages += 1
        cursor = page.next_cursor
        if cursor is None:
            break
    ids = [r.run_id for r in everything]
    expect(len(ids) == len(set(ids)), "no run twice")
    starts = [r.started_at for r in everything]
    expect(starts == sorted(starts, reverse=True), "newest first")
    expect(pages >= 3, f"{pages} pages of 3")
    by_filter = {
        "status=errored": client.runs.list(status="errored").runs,
        "status=ended": client.runs.list(status="ended", page_size=200).runs,
        "endpoint=audio": client.runs.list(endpoint="audio", page_size=200).runs,
        "endpoint=video": client.runs.list(endpoint="video", page_size=200).runs,
        "mode=file": client.runs.list(mode="file", page_size=200).runs,
        "mode=realtime": client.runs.list(mode="realtime").runs,
        "user_id": client.runs.list(user_id=everything[0].user_id, page_size=200).runs,
        "user_id=unknown": client.runs.list(user_id="00000000-0000-4000-8000-000000000000").runs,
    }
    expect(len(by_filter["status=errored"]) == 1 and by_filter["status=errored"][0].metered_seconds == 0, "one errored run, unbilled")
    expect(len(by_filter["status=ended"]) == len(everything) - 1, "the others ended")
    expect(len(by_filter["endpoint=audio"]) + len(by_filter["endpoint=video"]) == len(everything), "audio + video")
    expect(len(by_filter["mode=file"]) == len(everything) and not by_filter["mode=realtime"], "file runs only")
    expect(len(by_filter["user_id"]) == len(everything) and not by_filter["user_id=unknown"], "user filter")
    # Time filters with timezone-aware datetimes: after is inclusive, before strict.
    middle = everything[len(everything) // 2].started_at
    after = client.runs.list(started_after=middle, page_size=200).runs
    before = client.runs.list(started_before=middle, page_size=200).runs
    expect(len(after) + len(before) == len(everything), "a shared boundary splits the runs")
    offset = middle.astimezone(dt.timezone(dt.timedelta(hours=2)))
    expect(client.runs.list(started_after=offset, page_size=200).runs == after, "offsets are the same instant")
    # Combined filters page too.
    combined = client.runs.list(endpoint="video", status="ended", page_size=1)
    expect(combined.next_cursor, "more than one video run")
    second = client.runs.list(endpoint="video", status="ended", page_size=1, cursor=combined.next_cursor)
    expect(second.runs[0].run_id != combined.runs[0].run_id, "the cursor moves on")
    return f"{len(everything)} runs in {pages} pages; filters agree"


@check
def runs_get(ctx):
    client = ctx["client"]
    audio = client.runs.get(ctx["audio_run"])
    expect(isinstance(audio, Run), type(audio))
    expect(isinstance(audio.config, AudioRunConfig), type(audio.config))
    expect(audio.config.schema_ == "v4" and audio.config.measurement_timer_ms == 3000, audio.config)
    expect(audio.status == "ended" and audio.mode == "file" and audio.endpoint == "audio", audio)
    expect(audio.metered_seconds == 10.0, audio.metered_seconds)
    expect(audio.ended_at >= audio.started_at, "ended after it started")
    timed = client.runs.get(ctx["timed_run"])
    expect(timed.config.measurement_timer_ms == 10_000 and timed.metered_seconds == 25.5, timed)
    video = client.runs.get(ctx["video_run"])
    expect(isinstance(video.config, VideoRunConfig), type(video.config))
    expect(video.config.face.threshold == 0.9 and video.config.face.min_size == 60, video.config)
    expect(video.config.image.type == "image/jpeg", video.config.image)
    return "audio and video runs parse with their configs"


@check
def runs_events(ctx):
    client = ctx["client"]
    page = client.runs.list_events(ctx["audio_run"])
    expect(isinstance(page, RunEventsPage), type(page))
    expect(page.events == [] and page.at_cap is False and page.gaps is False and page.capped_kinds == [], page)
    expect(page.next_cursor is None, "one page")
    page = client.runs.list_events(ctx["video_run"], page_size=200)
    expect(page.events == [], "file runs log no events")
    return "empty logs parse (file runs record no events)"


@check
def errors_are_typed(ctx):
    client = ctx["client"]
    wrong = ExpressionMeasurementClient(api_key="wrong-key", environment=environment(ctx["base_url"]), max_retries=0)
    e = expect_error(UnauthorizedError, 401, None, lambda: wrong.runs.list())
    expect(e.body.message and e.body.request_id, f"401 body {e.body}")
    expect_error(UnauthorizedError, 401, None, lambda: wrong.audio.measure(file=wav(two_bursts())))
    forbidden = ExpressionMeasurementClient(api_key=FORBIDDEN_KEY, environment=environment(ctx["base_url"]), max_retries=0)
    expect_error(ForbiddenError, 403, "forbidden", lambda: forbidden.video.measure(file=[jpeg(64, 64)]))
    good = ("good.jpg", jpeg(640, 480), "image/jpeg")
    expect_error(UnsupportedMediaTypeError, 415, "unsupported_media_type", lambda: client.video.measure(file=[good, ("x.png", PNG, "image/png")]))
    big = ("big.jpg", jpeg(640, 480, padding=MAX_IMAGE_BYTES), "image/jpeg")
    expect_error(ContentTooLargeError, 413, "image_too_large", lambda: client.video.measure(file=[good, big]))
    expect_error(ContentTooLargeError, 413, "image_too_large", lambda: client.video.measure(file=[("huge.jpg", jpeg(3841, 2160), "image/jpeg")]))
    expect_error(BadRequestError, 400, "audio_decode_failed", lambda: client.audio.measure(file=("cd.wav", wav(two_bursts(), rate=44100), "audio/wav")))
    expect_error(BadRequestError, 400, "audio_decode_failed", lambda: client.audio.measure(file=("stereo.wav", wav(two_bursts(), channels=2), "audio/wav")))
    expect_error(UnsupportedMediaTypeError, 415, "unsupported_media_type", lambda: client.audio.measure(file=("a.flac", b"fLaC\x00\x00\x00\x22" + b"\x00" * 64, "audio/flac")))
    expect_error(ContentTooLargeError, 413, "audio_too_long", lambda: client.audio.measure(file=("long.raw", b"\x00" * (MAX_REQUEST_BYTES + 2), "application/octet-stream")))
    expect_error(BadRequestError, 400, "config_invalid", lambda: client.audio.measure(file=wav(two_bursts()), config=AudioFileConfig(measurement_timer_ms=2000)))
    expect_error(BadRequestError, 400, "invalid_request", lambda: client.runs.list(page_size=0))
    expect_error(BadRequestError, 400, "invalid_request", lambda: client.runs.list(cursor="forged"))
    expect_error(NotFoundError, 404, "not_found", lambda: client.runs.get("00000000-0000-4000-8000-000000000000"))
    expect_error(NotFoundError, 404, "not_found", lambda: client.runs.list_events("no-such-run"))
    return "401, 403, 413 (image, audio), 415 (image, audio), 400 (wav, config, query), 404"


@check
def async_client(ctx):
    async def run():
        client = AsyncExpressionMeasurementClient(api_key=KEY, environment=environment(ctx["base_url"]), max_retries=0)
        response = await client.audio.measure(file=("speech.wav", wav(two_bursts()), "audio/wav"))
        page = await client.runs.list(page_size=1)
        return response, page

    response, page = asyncio.run(run())
    expect(len(response.utterances) == 2, "two utterances")
    expect(page.runs[0].run_id == response.run_id, "the newest run is the async upload")
    return "audio.measure and runs.list through the async client"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--emulator", required=True, help="path of the hume-emulator binary")
    args = parser.parse_args()
    emulator = Emulator(args.emulator)
    passed = failed = 0
    try:
        print(f"hume-emulator at {emulator.base_url}")
        ctx = {
            "base_url": emulator.base_url,
            "client": ExpressionMeasurementClient(api_key=KEY, environment=environment(emulator.base_url), max_retries=0, timeout=120),
        }
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
