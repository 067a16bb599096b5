"""Publishes one message per scheduled run to the topic in TOPIC_ARN."""
import os


def message(event):
    """The subject and text for one EventBridge scheduled event."""
    when = event.get("time", "an unknown time")
    rule = (event.get("resources") or ["an unnamed rule"])[0]
    return {"Subject": "Scheduled run", "Message": f"Run at {when} by {rule}"}


def main(event, context):
    import boto3  # in the Lambda runtime; imported here so message() is testable without it

    sent = boto3.client("sns").publish(TopicArn=os.environ["TOPIC_ARN"], **message(event))
    print(f"published {sent['MessageId']}")
    return sent["MessageId"]
