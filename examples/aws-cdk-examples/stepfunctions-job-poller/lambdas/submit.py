"""Submits the job: here it only names it, by the id of the event that started the run."""


def main(event, context):
    job = {"id": event["id"], "status": "SUBMITTED"}
    print(f"submitted job {job['id']}")
    return job
