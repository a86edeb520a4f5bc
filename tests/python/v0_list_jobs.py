"""The official Python SDK's v0 batch client against the hume-rs emulator.

Usage: python v0_list_jobs.py BASE_URL API_KEY

`hume` 0.13.13 is the last PyPI release with the v0 batch client
(`client.expression_measurement.batch`); its types are pydantic models generated from the
API definition (`Face.min_face_size: Optional[int]`, a discriminated job `state`, ...), so it
refuses responses that do not match the definition. Issue 11: the emulator once accepted
`min_face_size: 60.5` and echoed it, after which `list_jobs` failed on the whole list.

Checks, in order:
1. a partial `models` request (face only) starts, completes, and its details parse, with
   the models that did not run echoed as null;
2. a request with every model starts and completes;
3. `min_face_size: 60.5` and an unknown granularity are refused with a 400 (the SDK's
   `BadRequestError`), so they never reach a list;
4. `list_jobs(limit=100)` parses the whole list, partial job included;
5. the predictions of the partial job parse.
Prints one line per check and `N passed, 0 failed` at the end; exits 1 on the first failure.
"""

import sys
import time

import httpx
from hume import HumeClient
from hume.environment import HumeClientEnvironment
from hume.expression_measurement.batch import Face, Models, Prosody

PASSED = []


def check(name, condition, detail=""):
    if not condition:
        print(f"FAIL {name} {detail}")
        print(f"{len(PASSED)} passed, 1 failed")
        sys.exit(1)
    PASSED.append(name)
    print(f"ok   {name}")


def wait(batch, job_id, timeout=30.0):
    deadline = time.monotonic() + timeout
    while True:
        job = batch.get_job_details(job_id)
        if job.state.status in ("COMPLETED", "FAILED"):
            return job
        if time.monotonic() > deadline:
            raise TimeoutError(f"job {job_id} still {job.state.status}")
        time.sleep(0.2)


def main():
    base_url, api_key = sys.argv[1], sys.argv[2]
    environment = HumeClientEnvironment(
        base=base_url, evi=base_url, tts=base_url, stream=base_url
    )
    client = HumeClient(api_key=api_key, environment=environment)
    batch = client.expression_measurement.batch

    partial = batch.start_inference_job(
        urls=["https://media.example.com/faces.mp4"],
        models=Models(face=Face(identify_faces=True, min_face_size=60)),
    )
    job = wait(batch, partial)
    check("partial models job completes", job.state.status == "COMPLETED", job.state.status)
    models = job.request.models
    check(
        "partial models echo the others as null",
        models.face is not None
        and all(getattr(models, m) is None for m in ("burst", "prosody", "language", "ner", "facemesh")),
        repr(models),
    )
    check(
        "min_face_size is echoed as an integer",
        models.face.min_face_size == 60 and isinstance(models.face.min_face_size, int),
        repr(models.face),
    )

    full = batch.start_inference_job(
        urls=["https://media.example.com/talk.mp4"],
        text=["What a wonderful day."],
        models=Models(face=Face(), prosody=Prosody(granularity="sentence"), burst={}, language=None),
    )
    check("a second job completes", wait(batch, full).state.status == "COMPLETED")

    # The SDK's types would send 60.5 only through a raw request: send one.
    for body, field in [
        ({"urls": ["https://media.example.com/a.jpg"], "models": {"face": {"min_face_size": 60.5}}},
         "models.face.min_face_size"),
        ({"urls": ["https://media.example.com/a.wav"], "models": {"prosody": {"granularity": "passage"}}},
         "models.prosody.granularity"),
    ]:
        reply = httpx.post(
            f"{base_url}/v0/batch/jobs", json=body, headers={"X-Hume-Api-Key": api_key}
        )
        fields = [e.get("field") for e in reply.json().get("errors", [])] if reply.status_code == 400 else []
        check(f"{field} out of the definition is a 400", fields == [field], f"{reply.status_code} {reply.text}")

    jobs = batch.list_jobs(limit=100)
    ids = [j.job_id for j in jobs]
    check("list_jobs(limit=100) parses every job", partial in ids and full in ids, repr(ids))
    listed = next(j for j in jobs if j.job_id == partial)
    check("the listed partial job keeps its null models", listed.request.models.prosody is None)

    predictions = batch.get_job_predictions(partial)
    check(
        "predictions of the partial job parse",
        len(predictions) == 1 and predictions[0].results is not None,
        repr(predictions)[:200],
    )

    print(f"{len(PASSED)} passed, 0 failed")


if __name__ == "__main__":
    main()
