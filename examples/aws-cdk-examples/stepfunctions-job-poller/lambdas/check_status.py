"""Reports a job's status: SUCCEEDED once submitted, FAILED for anything it cannot place."""

DONE = {"SUBMITTED": "SUCCEEDED", "SUCCEEDED": "SUCCEEDED"}


def main(event, context):
    return {"id": event["id"], "status": DONE.get(event.get("status"), "FAILED")}
